import ExcelJS from 'exceljs';
import { SqliteLogTamper } from '@chidao/event-store/testing';
import { ReportSchedulerService } from '../src/reports/report-scheduler.service';
import * as fs from 'node:fs';
import { passwordOf, seedProvince, type Province } from './support/province';
import { asBuffer } from './support/response-body';
import { keyedTaskSteps, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Period snapshots that anyone can re-derive: a quarter's figures are frozen with the log position
 * they reflect and a digest; verify replays the log up to that position and compares.
 */
describe('report snapshots of 2024-Q2', () => {
  let t: TestApp;
  let p: Province;
  const ids: Record<string, string> = {};
  let first: { id: string; digest: string; position: number };

  const post = (path: string, body: object, as: Parameters<Province['headers']>[0]) =>
    t.http.post(path).set(p.headers(as)).send(body);

  const { assign, complete } = keyedTaskSteps(() => ({ t, p }), ids);

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-07-20T03:00:00Z' });
    p = await seedProvince(t);
    const q1 = await registerDirective(t, p, {
      reference: '10/KH-UBND',
      issuedOn: '2024-01-15',
      title: 'Kế hoạch quý I',
    });
    await assign(q1, 'F', 'STTTT', '2024-02-01', '2024-03-15');
    const q2 = await registerDirective(t, p, {
      reference: '45/KH-UBND',
      issuedOn: '2024-04-02',
      title: 'Kế hoạch quý II',
    });
    await assign(q2, 'A', 'STTTT', '2024-04-05', '2024-05-31');
    await assign(q2, 'B', 'STTTT', '2024-04-05', '2024-05-15');
    await assign(q2, 'C', 'STTTT', '2024-04-05', '2024-06-10');
    await assign(q2, 'D', 'STC', '2024-04-05', '2024-07-31');
    await assign(q2, 'E', 'STTTT', '2024-04-05', '2024-05-20');
    await complete('A', '2024-05-20', '2024-05-21', '2024-05-22');
    await complete('B', '2024-05-25', '2024-05-26', '2024-05-27');
    const requested = await post(
      `/api/tasks/${ids.E}/deadline-change-requests`,
      { proposedDeadline: '2024-06-20', reason: 'Chờ ý kiến các sở', occurredOn: '2024-05-10' },
      'staffTTTT',
    ).expect(200);
    await post(
      `/api/tasks/${ids.E}/deadline-change-requests/${requested.body.pendingRequestId}/approve`,
      { occurredOn: '2024-05-12' },
      'leader',
    ).expect(200);
    await complete('E', '2024-06-18', '2024-06-19', '2024-06-20');
  });
  afterAll(() => t.close());

  it('freezes the quarter’s figures with the log position and a digest', async () => {
    const { body } = await post('/api/reports', { period: '2024-Q2' }, 'tracker').expect(201);
    first = body;
    expect(body.period).toMatchObject({
      id: '2024-Q2',
      start: '2024-04-01',
      end: '2024-06-30',
      convention: 'calendar',
    });
    expect(body.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(body.position).toBe((await t.http.get('/ready').expect(200)).body.headPosition);
    const { scope, overdue, doneLate, deadlineChanges, previous } = body.figures;
    expect(scope.total).toBe(5);
    expect(scope.done).toEqual({ total: 3, onTime: 2, late: 1, noDeadline: 0 });
    expect(scope.notDone).toMatchObject({ total: 2, withinDeadline: 1, overdue: 1 });
    expect(scope.deadlineChanged).toBe(1);
    expect(overdue.entries).toEqual([
      expect.objectContaining({ taskId: ids.C, daysOverdue: 20, deadline: '2024-06-10' }),
    ]);
    expect(doneLate.entries).toEqual([expect.objectContaining({ taskId: ids.B, daysLate: 10 })]);
    expect(deadlineChanges.entries).toEqual([
      expect.objectContaining({
        taskId: ids.E,
        originalDeadline: '2024-05-20',
        deadline: '2024-06-20',
      }),
    ]);
    expect(previous.period.id).toBe('2024-Q1');
    expect(previous.scope).toMatchObject({
      total: 1,
      notDone: expect.objectContaining({ overdue: 1 }),
    });
    expect(previous.overdueChange).toBe(0);
  });

  it('takes a new snapshot each time it is asked, and lists both', async () => {
    const second = await post('/api/reports', { period: '2024-Q2' }, 'leader').expect(201);
    expect(second.body.id).not.toBe(first.id);
    const list = await t.http
      .get('/api/reports?period=2024-Q2')
      .set(p.headers('auditor'))
      .expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([first.id, second.body.id]),
    );
  });

  it('refuses who may not take one and periods that cannot be taken', async () => {
    await post('/api/reports', { period: '2024-Q2' }, 'staffTTTT').expect(403);
    await post('/api/reports', { period: '2024-Q2' }, 'auditor').expect(403);
    await post(
      '/api/reports',
      { period: '2024-Q2', scope: { agency: 'STTTT' } },
      'leaderKhac',
    ).expect(403);
    const future = await post('/api/reports', { period: '2024-Q3' }, 'tracker').expect(422);
    expect(future.body.code).toBe('period_not_ended');
    const bad = await post('/api/reports', { period: '2024-Q5' }, 'tracker').expect(400);
    expect(bad.body.code).toBe('invalid_period');
    expect(bad.body.messageVi).toBeTruthy();
  });

  it('lets each reader see only the reports of their line', async () => {
    const own = await post(
      '/api/reports',
      { period: '2024-Q2', convention: 'nd09', scope: { agency: 'STTTT' } },
      'tracker',
    ).expect(201);
    expect(own.body.period).toMatchObject({
      id: '2024-Q2',
      start: '2024-03-15',
      end: '2024-06-14',
    });
    await t.http.get(`/api/reports/${own.body.id}`).set(p.headers('staffTTTT')).expect(200);
    await t.http.get(`/api/reports/${first.id}`).set(p.headers('staffTTTT')).expect(403);
    await t.http.get(`/api/reports/${first.id}`).set(p.headers('staffX')).expect(403);
    await t.http.get(`/api/reports/${first.id}`).set(p.headers('auditor')).expect(200);
    await t.http.get('/api/reports/no-such-report').set(p.headers('auditor')).expect(404);
  });

  it('refuses a malformed report id as bad input, on every report route', async () => {
    for (const route of [
      '/api/reports/a%20b',
      '/api/reports/a%20b.xlsx',
      '/api/reports/a%20b/verify',
    ]) {
      const refused = await t.http.get(route).set(p.headers('auditor')).expect(400);
      expect(refused.body.code).toBe('bad_request');
    }
  });

  it('verifies against the log, and still does after later back-dated entries change the quarter', async () => {
    const verified = await t.http
      .get(`/api/reports/${first.id}/verify`)
      .set(p.headers('auditor'))
      .expect(200);
    expect(verified.body).toMatchObject({
      identical: true,
      digestValid: true,
      position: first.position,
      differences: [],
    });
    expect(verified.body.integrity.ok).toBe(true);

    // Task C turns out to have been done on 05/06, reported in July with its real dates.
    await complete('C', '2024-06-05', '2024-06-06', '2024-06-08');
    const later = await post('/api/reports', { period: '2024-Q2' }, 'tracker').expect(201);
    expect(later.body.figures.scope.notDone.overdue).toBe(0);
    expect(later.body.figures.scope.done.onTime).toBe(3);
    const again = await t.http
      .get(`/api/reports/${first.id}/verify`)
      .set(p.headers('auditor'))
      .expect(200);
    expect(again.body.identical).toBe(true);
  });

  it('renders the text, the workbook and the Word document from the snapshot', async () => {
    const text = await t.http
      .get(`/api/reports/${first.id}/text`)
      .set(p.headers('leader'))
      .expect(200);
    expect(text.headers['content-type']).toMatch(/text\/plain; charset=utf-8/);
    expect(text.text).toContain('3/5');
    expect(text.text).toContain('60%');
    expect(text.text).toContain('Nhiệm vụ C');

    const xlsx = await t.http
      .get(`/api/reports/${first.id}.xlsx`)
      .set(p.headers('leader'))
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Tổng hợp');

    const docx = await t.http
      .get(`/api/reports/${first.id}.docx`)
      .set(p.headers('leader'))
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('fails verification and names the figures when an event is altered in the file', async () => {
    const changed = new SqliteLogTamper(t.config.eventStorePath).run(
      `UPDATE event_log SET data = json_set(data, '$.completedOn', '2024-06-05')
       WHERE stream_id = ? AND type IN ('TaskCompletionReported', 'TaskCompletionConfirmed')`,
      `task-${ids.A}`,
    );
    expect(changed).toBe(2);
    const { body } = await t.http
      .get(`/api/reports/${first.id}/verify`)
      .set(p.headers('auditor'))
      .expect(200);
    expect(body.identical).toBe(false);
    expect(body.digestValid).toBe(true);
    const paths = body.differences.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['figures.scope.done.onTime', 'figures.scope.done.late']),
    );
    expect(body.integrity).toMatchObject({
      ok: false,
      firstBreak: expect.objectContaining({ streamId: `task-${ids.A}` }),
    });
  });
});

describe('scheduled snapshots at the ND 09 cut-off', () => {
  it('takes exactly one snapshot per period, across a restart', async () => {
    const env = { CHIDAO_REPORT_SCHEDULES: 'month:nd09' };
    let t = await startTestApp({ now: '2024-05-10T03:00:00Z', env });
    const dataDir = t.dataDir;
    await seedProvince(t);
    // The app also ticks on its own at start; what matters is which periods get taken, once.
    const taken = async () =>
      (await t.app.get(ReportSchedulerService).tick())
        .filter((outcome) => outcome.result === 'taken')
        .map((outcome) => outcome.periodId);
    try {
      expect(await taken()).toEqual([]);
      t.clock.set('2024-05-14T16:58:00Z'); // 23:58 in Hà Nội: not yet
      expect(await taken()).toEqual([]);
      t.clock.set('2024-05-14T16:59:00Z'); // 23:59 on the 14th
      expect(await taken()).toEqual(['2024-M05']);
      expect(await taken()).toEqual([]);
    } finally {
      await t.app.close();
    }
    t = await startTestApp({ now: '2024-05-20T03:00:00Z', env, dataDir });
    try {
      expect(await taken()).toEqual([]);
      t.clock.set('2024-06-15T01:00:00Z');
      expect(await taken()).toEqual(['2024-M06']);
      const auditor = {
        Authorization: `Bearer ${await t.login('auditor', passwordOf('auditor'))}`,
      };
      const list = await t.http.get('/api/reports?type=month').set(auditor).expect(200);
      const periods = list.body.items.map((item: { periodId: string }) => item.periodId);
      expect(periods.sort()).toEqual(['2024-M05', '2024-M06']);
      const may = await t.http
        .get('/api/reports/scheduled-month-nd09-2024-M05')
        .set(auditor)
        .expect(200);
      expect(may.body).toMatchObject({
        trigger: 'month-nd09',
        takenAt: '2024-05-14T16:59:00.000Z',
        period: { start: '2024-04-15', end: '2024-05-14' },
      });
    } finally {
      await t.app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
