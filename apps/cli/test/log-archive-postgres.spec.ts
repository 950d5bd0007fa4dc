/**
 * The archive moves a deployment between adapters: a SQLite demo log imported into a fresh
 * PostgreSQL schema reads back the same, exports the same events again, and takes new appends
 * after its last position; a cut archive leaves the schema's log empty.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openEventStore, SqliteEventStore } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { archiveLines, loadDemo, wholeLog } from './archive-support';
import { runCli, TempDataDirs, type DataDir } from './support';

describeWithPostgres('chidao export-log / import-log with PostgreSQL', (url) => {
  const schema = uniqueSchema('archive');
  const cut = uniqueSchema('archive_cut');
  const dirs = new TempDataDirs();
  let source: DataDir;
  let archive: string;

  beforeAll(async () => {
    source = dirs.create();
    await loadDemo(source);
    archive = path.join(dirs.create().dir, 'log.ndjson');
    const run = await runCli(['export-log', '--out', archive, '--data-dir', source.dir]);
    if (run.code !== 0) throw new Error(run.stderr);
  });
  afterAll(async () => {
    dirs.cleanup();
    await dropSchema(url, schema);
    await dropSchema(url, cut);
  });

  it('imports a SQLite archive into a fresh schema: the same log, verified', async () => {
    const run = await runCli(['import-log', archive, '--db', url, '--schema', schema]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('INTACT:');

    const from = SqliteEventStore.open({ path: source.file, readonly: true });
    const to = await openEventStore({ kind: 'postgres', url, schema });
    try {
      const original = await wholeLog(from);
      expect(await wholeLog(to)).toEqual(original);
      // The head row moved with the log: the next append comes right after it.
      const next = await to.append('archive-check', [
        {
          type: 'Checked',
          schemaVersion: 1,
          data: {},
          metadata: { actor: 'system:test', agency: null, correlationId: 'c', causationId: null },
          occurredOn: '2026-01-01',
        },
      ]);
      expect(next.firstPosition).toBe(original.length + 1);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('exports from PostgreSQL the same event lines as from SQLite', async () => {
    const again = path.join(dirs.create().dir, 'again.ndjson');
    const run = await runCli(['export-log', '--out', again, '--db', url, '--schema', schema]);
    expect(run.code).toBe(0);
    const [a, b] = [archiveLines(archive), archiveLines(again)];
    // The SQLite export plus the one event appended above; the header's time differs.
    expect(b.lines.slice(1, a.lines.length - 1)).toEqual(a.lines.slice(1, -1));
    expect(b.manifest.events).toBe(Number(a.manifest.events) + 1);
  });

  it('refuses a schema that holds events, and a cut archive writes nothing', async () => {
    const full = await runCli(['import-log', archive, '--db', url, '--schema', schema]);
    expect(full.code).toBe(2);
    expect(full.stderr).toContain('Nhật ký đích đã có');

    const bytes = fs.readFileSync(archive);
    const cutFile = path.join(dirs.create().dir, 'cut.ndjson');
    fs.writeFileSync(cutFile, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const run = await runCli(['import-log', cutFile, '--db', url, '--schema', cut]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    const store = await openEventStore({ kind: 'postgres', url, schema: cut });
    try {
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
