import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  appendReplayFixture,
  FIXTURE_TITLE,
  parseCsvExport,
  parseNdjson,
} from '@chidao/audit/testing';
import type { StoredEvent } from '@chidao/event-store';
import { runCli, TempDataDirs, type DataDir } from './support';

describe('chidao audit replay', () => {
  const dirs = new TempDataDirs();
  let data: DataDir;
  let stored: StoredEvent[];

  beforeAll(async () => {
    data = dirs.create();
    stored = await data.withLog(async (events) => {
      await appendReplayFixture(events, data.clock);
      const all: StoredEvent[] = [];
      for await (const batch of events.readAll()) all.push(...batch);
      return all;
    });
  });
  afterAll(() => dirs.cleanup());

  const at = (position: number) => stored[position - 1];

  it('prints the events of a business period as NDJSON lines, exactly, and a summary on stderr', async () => {
    const run = await runCli([
      'audit',
      'replay',
      '--from',
      '2024-03-01',
      '--to',
      '2024-03-31',
      '--stream',
      'task-t1',
      '--data-dir',
      data.dir,
    ]);
    expect(run.code).toBe(0);
    const expected = [
      {
        position: 2,
        recordedAt: '2024-03-29T02:00:00.000Z',
        occurredOn: '2024-03-29',
        streamId: 'task-t1',
        streamVersion: 1,
        type: 'TaskAssigned',
        schemaVersion: 1,
        actor: 'leader-1',
        actorRoles: ['leader'],
        agency: 'UBND-TINH',
        agencies: ['STC', 'STTTT', 'UBND-TINH'],
        correlationId: 'corr-2',
        causationId: 'corr-1',
        hash: at(2).hash,
        data: at(2).data,
      },
      {
        position: 3,
        recordedAt: '2024-03-31T16:30:00.000Z',
        occurredOn: '2024-03-31',
        streamId: 'task-t1',
        streamVersion: 2,
        type: 'TaskReceived',
        schemaVersion: 1,
        actor: 'staff-1',
        actorRoles: ['staff'],
        agency: 'STTTT',
        agencies: ['STTTT'],
        correlationId: 'corr-3',
        causationId: 'corr-2',
        hash: at(3).hash,
        data: { agency: 'STTTT' },
      },
      {
        position: 4,
        recordedAt: '2024-03-31T17:30:00.000Z',
        occurredOn: '2024-03-31',
        streamId: 'task-t1',
        streamVersion: 3,
        type: 'TaskProgressReported',
        schemaVersion: 1,
        actor: 'staff-2',
        actorRoles: ['staff'],
        agency: 'STC',
        agencies: ['STC'],
        correlationId: 'corr-4',
        causationId: 'corr-3',
        hash: at(4).hash,
        data: at(4).data,
      },
      {
        position: 5,
        recordedAt: '2024-04-02T03:00:00.000Z',
        occurredOn: '2024-03-28',
        streamId: 'task-t1',
        streamVersion: 4,
        type: 'TaskCompletionReported',
        schemaVersion: 1,
        actor: 'staff-1',
        actorRoles: ['staff'],
        agency: 'STTTT',
        agencies: ['STTTT'],
        correlationId: 'corr-5',
        causationId: 'corr-4',
        hash: at(5).hash,
        data: at(5).data,
      },
    ];
    expect(run.stdout).toBe(expected.map((record) => `${JSON.stringify(record)}\n`).join(''));
    expect(run.stderr).toContain('scanned 7, matched 4, position 7');
    expect(run.stderr).toContain('Đã đọc 7 sự kiện đến vị trí 7, xuất 4 sự kiện');
  });

  it('bounds the day typed with --by recorded, and filters by agency, actor and types', async () => {
    const replay = async (...args: string[]) => {
      const run = await runCli(['audit', 'replay', '--data-dir', data.dir, ...args]);
      expect(run.code).toBe(0);
      return parseNdjson<{ position: number }>(run.stdout).map((r) => r.position);
    };
    const march = ['--from', '2024-03-01', '--to', '2024-03-31'];
    expect(await replay(...march, '--by', 'recorded')).toEqual([1, 2, 3]);
    expect(await replay('--from', '2024-04-01', '--to', '2024-04-30', '--by', 'recorded')).toEqual([
      4, 5, 6, 7,
    ]);
    const year = ['--from', '2024-01-01', '--to', '2024-12-31'];
    expect(await replay(...year, '--agency', 'STC')).toEqual([2, 4, 7]);
    expect(await replay(...year, '--actor', 'staff-1')).toEqual([3, 5]);
    expect(await replay(...year, '--type', 'TaskAssigned,TaskReassigned')).toEqual([2, 6, 7]);
    expect(await replay(...year, '--type', 'TaskAssigned', '--type', 'AgencyRegistered')).toEqual([
      1, 2, 6,
    ]);
    expect(await replay(...year, '--stream', 'agency-*')).toEqual([1]);
  });

  it('writes CSV to --out (same bytes as on stdout), readable back with Vietnamese intact', async () => {
    const out = path.join(data.dir, '..', `${path.basename(data.dir)}-replay.csv`);
    const args = [
      'audit',
      'replay',
      '--from',
      '2024-03-01',
      '--to',
      '2024-03-31',
      '--format',
      'csv',
    ];
    const toFile = await runCli([...args, '--db', `sqlite:${data.file}`, '--out', out]);
    try {
      expect(toFile.code).toBe(0);
      expect(toFile.stdout).toBe('');
      const text = fs.readFileSync(out, 'utf8');
      const toStdout = await runCli([...args, '--db', `file://${data.file}`]);
      expect(toStdout.stdout).toBe(text);
      const rows = parseCsvExport(text);
      expect(rows.map((row) => row.position)).toEqual(['1', '2', '3', '4', '5']);
      expect(JSON.parse(rows[1].data).title).toBe(FIXTURE_TITLE);
      expect(rows[0].data).toContain('Sở Thông tin và Truyền thông');
    } finally {
      fs.rmSync(out, { force: true });
    }
  });

  it('never writes to the audited file: bytes and modification time unchanged by replay and verify', async () => {
    const before = data.fingerprint();
    const replay = await runCli([
      'audit',
      'replay',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--data-dir',
      data.dir,
    ]);
    expect(replay.code).toBe(0);
    expect((await runCli(['audit', 'verify', '--data-dir', data.dir])).code).toBe(0);
    const after = data.fingerprint();
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    // Nor lets its output land on it.
    const onto = await runCli([
      'audit',
      'replay',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--data-dir',
      data.dir,
      '--out',
      data.file,
    ]);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toContain('chính là cơ sở dữ liệu đang kiểm tra');
    expect(data.fingerprint().bytes.equals(before.bytes)).toBe(true);
  });

  it('prints usage in Vietnamese and English on --help', async () => {
    const help = await runCli(['audit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Phát lại sự kiện của một kỳ');
    expect(help.stdout).toContain("replay a period's events");
    expect(help.stdout).toContain('--by occurred|recorded');
    const replayHelp = await runCli(['audit', 'replay', '--help']);
    expect(replayHelp.code).toBe(0);
    expect(replayHelp.stdout).toContain('Replays the events of a period');
    expect(replayHelp.stdout).toContain('theo ngày nghiệp vụ');
  });

  it('exits 2 with a message on unknown or missing options, a bad date, a bad source', async () => {
    const source = ['--data-dir', data.dir];
    const period = ['--from', '2024-03-01', '--to', '2024-03-31'];
    const cases: Array<[string[], string]> = [
      [['audit', 'replay', ...period, ...source, '--bogus'], "Unknown option '--bogus'"],
      [['audit', 'replay', '--to', '2024-03-31', ...source], '--from is required'],
      [
        ['audit', 'replay', ...period, ...source, '--db', `sqlite:${data.file}`],
        'at most one of --data-dir DIR or --db URL',
      ],
      [
        ['audit', 'replay', ...period, ...source, '--schema', 'tinh'],
        '--schema names a PostgreSQL',
      ],
      [['audit', 'replay', '--from', '2024-02-30', '--to', '2024-03-31', ...source], '2024-02-30'],
      [['audit', 'replay', ...period, ...source, '--by', 'created'], 'by must be'],
      [['audit', 'replay', ...period, ...source, '--format', 'xml'], '--format must be'],
      [['audit', 'replay', ...period, '--data-dir', path.join(data.dir, 'nope')], 'No log file'],
      [['audit', 'replay', ...period, '--db', 'mysql://x'], '--db takes'],
      [
        ['audit', 'replay', ...period, '--db', 'postgres://u@127.0.0.1:1/db'],
        'Cannot connect to PostgreSQL at 127.0.0.1:1 (database "db", user "u"): connection refused',
      ],
      [
        ['audit', 'replay', ...period, '--db', 'postgres://u@127.0.0.1:1/db?schema=tinh'],
        'remove it and give --schema tinh',
      ],
      [['audit', 'frobnicate'], 'Unknown command "audit frobnicate"'],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    }
  });
});
