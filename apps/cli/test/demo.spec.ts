/**
 * `chidao demo` as a newcomer runs it (`npm run demo`): a child process on a fresh data directory,
 * then the real read models, statistics and log checks, then the real API on that directory.
 */
import { SqliteEventStore, verifyLog } from '@chidao/event-store';
import { completionStats, SqliteReadModelStore } from '@chidao/projections';
import { addDays, calendarDate, vietnamDateOf, type TaskTimeline } from '@chidao/domain';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp } from '../../api/test/support/test-app';
import { MESSY_SAMPLE_EXPECTED } from '@chidao/imports/testing';
import { REPO_ROOT, runCli, type CliRun } from './support';

const BIN = path.join(REPO_ROOT, 'apps/cli/bin/chidao.js');

function runDemo(args: readonly string[], dataDir: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^chidao_/i.test(name)) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo', ...args], {
      cwd: REPO_ROOT,
      env: { ...env, CHIDAO_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chidao demo', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-demo-'));
  const dataDir = path.join(root, 'data');
  const file = path.join(dataDir, 'chidao.sqlite');
  let first: CliRun;
  let headAfterFirst: number;
  const today = vietnamDateOf(new Date());

  beforeAll(async () => {
    first = await runDemo([], dataDir);
    const events = SqliteEventStore.open({ path: file });
    headAfterFirst = await events.headPosition();
    await events.close();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('loads the province well under 30 s and prints counts, logins and the URL', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('31 cơ quan, đơn vị');
    expect(first.stdout).toContain('1.531 nhiệm vụ');
    expect(first.stdout).toContain('chidao-demo');
    expect(first.stdout).toContain('http://localhost:3000/');
    const total = Number(/tổng \/ total ([\d.]+) s/.exec(first.stdout)?.[1]);
    expect(total).toBeLessThan(30);
  });

  it('writes a year that reads as real use: every class, overdue tasks, tasks due this week', async () => {
    const store = SqliteReadModelStore.open({ path: file });
    try {
      const tasks = store.documents<TaskTimeline>('tasks');
      expect(await tasks.position()).toBe(headAfterFirst);
      const year = await completionStats(tasks, {
        from: addDays(calendarDate(today), -364),
        to: today,
        asOf: today,
        groupBy: 'agency',
      });
      const s = year.scope;
      expect(s.total).toBeGreaterThanOrEqual(1400);
      expect(s.total).toBeLessThanOrEqual(1500);
      expect(s.done.onTime).toBeGreaterThan(0);
      expect(s.done.late).toBeGreaterThan(0);
      expect(s.notDone.withinDeadline).toBeGreaterThan(0);
      expect(s.notDone.overdue).toBeGreaterThan(0);
      expect(s.notDone.noDeadline + s.done.noDeadline).toBeGreaterThan(0);
      expect(s.notDone.awaitingConfirmation).toBeGreaterThan(0);
      expect(s.deadlineChanged).toBeGreaterThan(0);
      expect(year.groups.length).toBe(30);

      // Due within 7 days of today and not done: what the dashboard's "sắp đến hạn" lists.
      let dueSoon = 0;
      const weekEnd = addDays(calendarDate(today), 7);
      for await (const { doc } of tasks.stream({ where: {}, pageSize: 500 })) {
        const deadline = doc.deadlines[doc.deadlines.length - 1].deadline;
        const done = doc.completions.some((c) => c.confirmedOn !== null);
        if (
          !done &&
          doc.closed === null &&
          deadline !== null &&
          deadline >= today &&
          deadline <= weekEnd
        )
          dueSoon += 1;
      }
      expect(dueSoon).toBeGreaterThan(0);

      const directives = store.documents<{ reference: { text: string } }>('directives');
      let count = 0;
      for await (const _ of directives.stream({ where: {}, pageSize: 500 })) count += 1;
      expect(count).toBe(66);
    } finally {
      await store.close();
    }
  });

  it('holds DOMAIN.md’s real figures: 3/3 of 04/CTr-UBND in 2021, 27/27 for the Sở TT&TT by 27/5/2024', async () => {
    const store = SqliteReadModelStore.open({ path: file });
    try {
      const tasks = store.documents<TaskTimeline>('tasks');
      const y2021 = await completionStats(tasks, {
        from: '2020-01-01',
        to: '2021-12-31',
        asOf: '2021-12-31',
        leadAgencies: ['STTTT'],
      });
      expect(y2021.scope.rates.doneOfAssigned).toMatchObject({ numerator: 3, denominator: 3 });
      expect(y2021.scope.summaryVi).toContain('hoàn thành 3/3 nhiệm vụ, đạt 100%');

      const y2024 = await completionStats(tasks, {
        from: '2024-01-01',
        to: '2024-05-27',
        asOf: '2024-05-27',
        leadAgencies: ['STTTT'],
        groupBy: 'directive',
      });
      const programme = y2024.groups.filter((g) => g.label === '24/CTr-UBND');
      const tracked = y2024.groups.filter((g) => g.label !== '24/CTr-UBND');
      expect(tracked.reduce((n, g) => n + g.stats.total, 0)).toBe(27);
      expect(tracked.reduce((n, g) => n + g.stats.done.onTime, 0)).toBe(27);
      // The programme's one task, still in progress at the mid-year report.
      const midYear = await completionStats(tasks, {
        from: '2024-01-01',
        to: '2024-06-30',
        asOf: '2024-06-30',
        leadAgencies: ['STTTT'],
        groupBy: 'directive',
      });
      expect(programme).toHaveLength(1);
      expect(midYear.groups.find((g) => g.label === '24/CTr-UBND')!.stats.notDone.total).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('leaves a log that verifies, and a second run adds nothing', async () => {
    const events = SqliteEventStore.open({ path: file });
    try {
      expect(await verifyLog(events)).toMatchObject({ ok: true, headPosition: headAfterFirst });
    } finally {
      await events.close();
    }
    const second = await runDemo([], dataDir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('the demo is already loaded: nothing written');
    const again = SqliteEventStore.open({ path: file });
    try {
      expect(await again.headPosition()).toBe(headAfterFirst);
    } finally {
      await again.close();
    }
  });

  it('refuses --reset without --yes and deletes nothing', async () => {
    const run = await runDemo(['--reset'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('serves the demo: the API starts on the directory and demo accounts log in and see their data', async () => {
    const app = await startTestApp({ dataDir, now: new Date().toISOString() });
    try {
      const leader = await app.login('lanhdao', 'chidao-demo');
      const stats = await app.http
        .get('/api/stats/completion')
        .query({ from: addDays(calendarDate(today), -364), to: today, asOf: today })
        .set({ Authorization: `Bearer ${leader}` });
      expect(stats.status).toBe(200);
      expect(stats.body.scope.total).toBeGreaterThan(1000);
      const staff = await app.login('stttt.canbo', 'chidao-demo');
      const mine = await app.http.get('/api/tasks').set({ Authorization: `Bearer ${staff}` });
      expect(mine.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  // Last: the dry run records itself in the log, after the checks of what the demo wrote.
  it('ships the messy sample beside its data, and it reads against the demo register', async () => {
    const sample = path.join(dataDir, 'mau-danh-sach-nhiem-vu.xlsx');
    expect(fs.existsSync(sample)).toBe(true);
    expect(first.stdout).toContain(
      `Thử nhập danh sách nhiệm vụ với tệp mẫu (có lỗi cố ý): ${sample}`,
    );
    expect(first.stdout).toContain('/imports');
    const run = await runCli(['import', sample, '--as', 'theodoi', '--dry-run'], [], {
      CHIDAO_DATA_DIR: dataDir,
    });
    expect(run.stderr).toBe('');
    // Every name but the one made up resolves to a demo agency; the problems are the sample's own.
    expect(run.stdout).toContain(
      `${MESSY_SAMPLE_EXPECTED.taskRows.length} nhiệm vụ · ${MESSY_SAMPLE_EXPECTED.errors.length} lỗi · ${MESSY_SAMPLE_EXPECTED.warnings.length} cảnh báo`,
    );
    expect(run.stdout.match(/Tên cơ quan chưa nhận ra: "([^"]+)"/g)).toEqual([
      'Tên cơ quan chưa nhận ra: "Công an tỉnh"',
    ]);
    expect(run.code).toBe(1);
  });
});
