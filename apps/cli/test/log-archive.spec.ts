/**
 * `chidao export-log` and `chidao import-log` on real SQLite files: a demo province's log goes
 * into one archive and back into a fresh data directory identical event by event, with the same
 * read models rebuilt; an archive damaged in any way, or a target that is not empty, writes
 * nothing.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteEventStore } from '@chidao/event-store';
import { archiveLines, loadDemo, tablesOf, wholeLog } from './archive-support';
import { DataDir, runCli, TempDataDirs } from './support';

describe('chidao export-log / import-log on SQLite', () => {
  const dirs = new TempDataDirs();
  let source: DataDir;
  let archive: string;
  let restored: DataDir;

  beforeAll(async () => {
    source = dirs.create();
    await loadDemo(source);
    archive = path.join(source.dir, '..', `${path.basename(source.dir)}-log.ndjson`);
  });
  afterAll(() => {
    dirs.cleanup();
    fs.rmSync(archive, { force: true });
  });

  /** A fresh data directory imported from `file`: the run and whether a log file was left. */
  async function importInto(file: string, target: DataDir = dirs.create()) {
    const run = await runCli(['import-log', file, '--data-dir', target.dir]);
    return { run, target };
  }

  async function headOf(data: DataDir): Promise<number> {
    const store = SqliteEventStore.open({ path: data.file, readonly: true });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  }

  /** A copy of the archive changed by `edit`. */
  function damagedCopy(name: string, edit: (bytes: Buffer) => Buffer): string {
    const file = path.join(dirs.create().dir, name);
    fs.writeFileSync(file, edit(fs.readFileSync(archive)));
    return file;
  }

  it('exports the whole log into one owner-only file: header, events, manifest', async () => {
    const run = await runCli(['export-log', '--out', archive, '--data-dir', source.dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

    const { lines, manifest } = archiveLines(archive);
    const store = SqliteEventStore.open({ path: source.file, readonly: true });
    const events = await wholeLog(store);
    await store.close();
    expect(JSON.parse(lines[0])).toMatchObject({
      chidaoLogArchive: 1,
      headPosition: events.length,
    });
    expect(lines).toHaveLength(events.length + 2);
    expect(manifest).toMatchObject({
      format: 'chidao-log-archive',
      formatVersion: 1,
      events: events.length,
      streams: new Set(events.map((event) => event.streamId)).size,
      headPosition: events.length,
      firstRecordedAt: events[0].recordedAt,
      lastRecordedAt: events[events.length - 1].recordedAt,
    });
    const before = lines
      .slice(0, -1)
      .map((line) => `${line}\n`)
      .join('');
    expect(manifest.sha256).toBe(createHash('sha256').update(before, 'utf8').digest('hex'));
    expect(run.stdout).toContain(`exported ${events.length} events`);

    const again = await runCli(['export-log', '--out', archive, '--data-dir', source.dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('không ghi đè tệp có sẵn');
  });

  it('prints its usage in Vietnamese and English', async () => {
    const all = await runCli(['--help']);
    expect(all.stdout).toContain('chidao export-log --out FILE');
    expect(all.stdout).toContain('chidao import-log FILE');
    const one = await runCli(['import-log', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('vào một nhật ký CÒN TRỐNG');
    expect(one.stdout).toContain('into an EMPTY log');
  });

  it('imports into a fresh data directory: the same log event by event, verified', async () => {
    // A directory that does not exist yet, as for a new server.
    const target = new DataDir(path.join(dirs.create().dir, 'data'));
    const { run } = await importInto(archive, target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported \d+ events in \d+ streams/);
    expect(run.stdout).toContain('INTACT:');
    restored = target;

    const [from, to] = [source, restored].map((data) =>
      SqliteEventStore.open({ path: data.file, readonly: true }),
    );
    try {
      const [original, copy] = [await wholeLog(from), await wholeLog(to)];
      expect(copy.length).toBe(original.length);
      expect(copy).toEqual(original);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('rebuilds the same read models from the restored log as from the original', async () => {
    const head = await headOf(source);
    const rebuilt = [source, restored].map((data) => path.join(data.dir, 'rebuilt.sqlite'));
    for (const [data, into] of [source, restored].map((d, i) => [d, rebuilt[i]] as const)) {
      const run = await runCli([
        'audit',
        'rebuild',
        '--position',
        String(head),
        '--into',
        into,
        '--data-dir',
        data.dir,
      ]);
      expect(run.code).toBe(0);
    }
    const [original, copy] = rebuilt.map(tablesOf);
    expect(Object.keys(copy).length).toBeGreaterThan(3);
    expect(copy).toEqual(original);
  });

  it('refuses a target that already holds events and leaves it as it was', async () => {
    const before = restored.fingerprint();
    const { run } = await importInto(archive, restored);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Nhật ký đích đã có');
    expect(run.stderr).toContain('import-log loads into an empty log only');
    expect(restored.fingerprint().bytes.equals(before.bytes)).toBe(true);
  });

  describe('a damaged archive writes nothing', () => {
    const middleOf = (bytes: Buffer): number => Math.floor(bytes.length / 2);
    const cases: [string, (bytes: Buffer) => Buffer, RegExp][] = [
      [
        'one flipped byte',
        (bytes) => {
          const copy = Buffer.from(bytes);
          // A letter of the event's text, so the line stays JSON: only the digests can tell.
          let at = middleOf(copy);
          while (!/[a-z]/.test(String.fromCharCode(copy[at]))) at += 1;
          copy[at] ^= 0x01;
          return copy;
        },
        /bị sửa hoặc hỏng|đã bị hỏng/,
      ],
      ['a cut-off file', (bytes) => bytes.subarray(0, middleOf(bytes)), /bị cắt cụt/],
      [
        'a manifest with another digest',
        (bytes) =>
          Buffer.from(
            bytes
              .toString('utf8')
              .replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`),
          ),
        /sha256/,
      ],
      [
        'no manifest line',
        (bytes) => bytes.subarray(0, bytes.lastIndexOf('{"manifest"')),
        /bị cắt cụt/,
      ],
    ];

    it.each(cases)(
      '%s: refused, no log file left in a fresh directory',
      async (name, edit, said) => {
        const file = damagedCopy(`${name.replace(/\W+/g, '-')}.ndjson`, edit);
        const { run, target } = await importInto(file);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(said);
        expect(run.stderr).toContain('nothing was written');
        expect(fs.existsSync(target.file)).toBe(false);
      },
    );

    it('an edited event with the SHA-256 recomputed: its hash no longer chains', async () => {
      const { lines } = archiveLines(archive);
      const at = Math.floor(lines.length / 2);
      const event = JSON.parse(lines[at]) as { occurredOn: string };
      event.occurredOn = '1999-01-01';
      lines[at] = JSON.stringify(event);
      const body = lines
        .slice(0, -1)
        .map((line) => `${line}\n`)
        .join('');
      const manifest = JSON.parse(lines[lines.length - 1]) as { manifest: { sha256: string } };
      manifest.manifest.sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
      const file = damagedCopy('rehashed.ndjson', () =>
        Buffer.from(`${body}${JSON.stringify(manifest)}\n`),
      );
      // An existing, empty log: refused too, and left empty.
      const target = dirs.create();
      await target.withLog(() => Promise.resolve());
      const { run } = await importInto(file, target);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('hash_mismatch');
      expect(await headOf(target)).toBe(0);
    });
  });
});
