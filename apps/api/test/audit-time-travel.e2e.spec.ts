import { passwordOf, seedProvince, USERS, type Province, type UserName } from './support/province';
import { keyedTaskSteps, registerDirective } from './support/task-steps';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

/**
 * The test: a back-dated completion entered after a report changes the figures "as of"
 * the report's cut-off, but not the figures "known at" the report's time.
 *
 * Plan 45/KH-UBND gives A (STTTT, deadline 31/05), B (STTTT, deadline 15/05) and C (STC,
 * deadline 10/06) on 05/04. A is done on time in May. On 03/06 (T1) the office takes the report
 * for 01/04–31/05: A done, B overdue, C within deadline. On 20/06 (T2) STTTT reports B done on
 * 14/05 with a report dated 15/05, and the office confirms it dated 16/05.
 */
describe('audit time travel: as of a cut-off, as known at an instant', () => {
  let t: TestApp;
  let p: Province;
  const ids: Record<string, string> = {};
  let directiveId: string;
  let snapshot: {
    id: string;
    takenAt: string;
    position: number;
    figures: { scope: Record<string, unknown> };
  };
  const CUT_OFF = '2024-05-31';
  const RANGE = 'from=2024-04-01&to=2024-05-31';
  const SCOPE = 'agency=UBND-TINH&includeUnits=true';
  const T1 = '2024-06-03T03:00:00.000Z';

  const post = (path: string, body: object, as: UserName) =>
    t.http.post(path).set(p.headers(as)).send(body);
  const get = (path: string, as: UserName = 'auditor') => t.http.get(path).set(p.headers(as));

  /** Moves the server clock; tokens live a day at most, so everyone signs in again. */
  async function moveTo(instant: string) {
    t.clock.set(instant);
    for (const name of Object.keys(USERS) as (keyof typeof USERS)[]) {
      p.tokens[name] = await t.login(name.toLowerCase(), passwordOf(name));
    }
    p.tokens.admin = await t.login(ADMIN.username, ADMIN.password);
  }

  const steps = keyedTaskSteps(() => ({ t, p }), ids);
  const assign = (key: string, leadAgency: string, deadline: string) =>
    steps.assign(directiveId, key, leadAgency, '2024-04-05', deadline);
  const { complete } = steps;

  beforeAll(async () => {
    t = await startTestApp({
      now: '2024-04-05T02:00:00Z',
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
    directiveId = await registerDirective(t, p, {
      reference: '45/KH-UBND',
      issuedOn: '2024-04-02',
      title: 'Kế hoạch quý II',
    });
    await assign('A', 'STTTT', '2024-05-31');
    await assign('B', 'STTTT', '2024-05-15');
    await assign('C', 'STC', '2024-06-10');

    await moveTo('2024-05-22T03:00:00Z');
    await complete('A', '2024-05-20', '2024-05-21', '2024-05-22');

    await moveTo(T1);
    const taken = await post('/api/reports', { period: `2024-04-01..${CUT_OFF}` }, 'tracker');
    expect(taken.status).toBe(201);
    snapshot = taken.body;
    expect(snapshot.takenAt).toBe(T1);
    expect(snapshot.figures.scope).toMatchObject({
      total: 3,
      done: { total: 1, onTime: 1, late: 0, noDeadline: 0 },
      notDone: { total: 2, withinDeadline: 1, overdue: 1 },
    });

    await moveTo('2024-06-20T02:00:00Z');
    await complete('B', '2024-05-14', '2024-05-15', '2024-05-16');
  });
  afterAll(() => t.close());

  it('as of the cut-off, counts the back-dated completion: the figures changed since the report', async () => {
    const { body } = await get(
      `/api/audit/stats/completion?${RANGE}&asOf=${CUT_OFF}&${SCOPE}`,
    ).expect(200);
    expect(body.asOf).toBe(CUT_OFF);
    expect(body.scope).toMatchObject({
      total: 3,
      done: { total: 2, onTime: 2, late: 0 },
      notDone: { total: 1, withinDeadline: 1, overdue: 0 },
    });
    expect(body.scope).not.toEqual(snapshot.figures.scope);
    // Known now, the log replayed gives exactly what the live statistics show.
    const head = (await t.http.get('/ready').expect(200)).body.headPosition;
    const live = await get(
      `/api/stats/completion?${RANGE}&asOf=${CUT_OFF}&${SCOPE}&minPosition=${head}`,
    ).expect(200);
    expect(body.scope).toEqual(live.body.scope);
    expect(body.knownAt).toBe('2024-06-20T02:00:00.000Z');
  });

  it('known at the report’s time, gives exactly the figures of the snapshot taken then', async () => {
    const knownAt = encodeURIComponent(snapshot.takenAt);
    const { body } = await get(
      `/api/audit/stats/completion?${RANGE}&asOf=${CUT_OFF}&${SCOPE}&knownAt=${knownAt}&groupBy=agency`,
    ).expect(200);
    expect(body.scope).toEqual(snapshot.figures.scope);
    expect(body).toMatchObject({ knownAt: T1, from: '2024-04-01', to: CUT_OFF, groupBy: 'agency' });
    expect(body.position).toBeGreaterThanOrEqual(snapshot.position);
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['STC', 'STTTT']);

    // The same with the period id and the instant written in Hà Nội time.
    const byPeriod = await get(
      `/api/audit/stats/completion?period=2024-04-01..${CUT_OFF}&${SCOPE}&knownAt=${encodeURIComponent('2024-06-03T10:00:00+07:00')}`,
    ).expect(200);
    expect(byPeriod.body.scope).toEqual(snapshot.figures.scope);
    expect(byPeriod.body.asOf).toBe(CUT_OFF);
    expect(byPeriod.body.period).toMatchObject({ start: '2024-04-01', end: CUT_OFF });
  });

  it('shows the task as a reader saw it at T1: not done, with the completion entered later listed', async () => {
    const knownAt = encodeURIComponent(T1);
    const { body } = await get(
      `/api/audit/tasks/${ids.B}?asOf=${CUT_OFF}&knownAt=${knownAt}`,
    ).expect(200);
    expect(body).toMatchObject({
      taskId: ids.B,
      asOf: CUT_OFF,
      knownAt: T1,
      state: { status: 'in_progress', completion: null },
      classification: { class: 'not_done_overdue', daysOverdue: 16 },
    });
    expect(body.history.map((e: { type: string }) => e.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
    ]);
    expect(body.laterBackdated.count).toBe(2);
    expect(body.laterBackdated.events).toEqual([
      expect.objectContaining({
        type: 'TaskCompletionReported',
        occurredOn: '2024-05-15',
        recordedAt: '2024-06-20T02:00:00.000Z',
        actor: p.userIds.staffTTTT,
        agency: 'STTTT',
        data: expect.objectContaining({ completedOn: '2024-05-14' }),
      }),
      expect.objectContaining({ type: 'TaskCompletionConfirmed', occurredOn: '2024-05-16' }),
    ]);

    const now = await get(`/api/audit/tasks/${ids.B}?asOf=${CUT_OFF}`).expect(200);
    expect(now.body).toMatchObject({
      state: { status: 'completed' },
      classification: { class: 'done_on_time', completedOn: '2024-05-14' },
      laterBackdated: { count: 0 },
    });
  });

  it('shows the directive at T1 with its tasks’ figures as the report had them', async () => {
    const { body } = await get(
      `/api/audit/directives/${directiveId}?asOf=${CUT_OFF}&knownAt=${encodeURIComponent(T1)}`,
    ).expect(200);
    expect(body).toMatchObject({
      directiveId,
      state: { status: 'active', reference: { text: '45/KH-UBND' } },
      laterBackdated: { count: 0 },
    });
    expect(body.tasks.scope).toEqual(snapshot.figures.scope);
  });

  it('lists the back-dated completion as a late entry of the staff’s agency, with its lag', async () => {
    const { body } = await get('/api/audit/late-entries?period=2024-Q2').expect(200);
    expect(body).toMatchObject({ from: '2024-04-01', to: '2024-06-30', thresholdDays: 7 });
    const stttt = body.agencies.find((a: { agency: string }) => a.agency === 'STTTT');
    // Two receptions on the day, A's completion a day after its date, B's 36 days after.
    expect(stttt).toMatchObject({ entries: 4, lateEntries: 1, maxLagDays: 36 });
    expect(stttt.share.display).toBe('25%');
    expect(stttt.late.entries).toEqual([
      expect.objectContaining({
        taskId: ids.B,
        type: 'TaskCompletionReported',
        occurredOn: '2024-05-15',
        recordedAt: '2024-06-20T02:00:00.000Z',
        lagDays: 36,
        actor: p.userIds.staffTTTT,
      }),
    ]);
    // The office's confirmation, dated 16/05, is the office's lateness.
    const office = body.agencies.find((a: { agency: string }) => a.agency === 'UBND-TINH');
    expect(office.late.entries).toEqual([
      expect.objectContaining({ taskId: ids.B, type: 'TaskCompletionConfirmed', lagDays: 35 }),
    ]);

    const narrowed = await get(
      '/api/audit/late-entries?from=2024-05-01&to=2024-05-31&thresholdDays=40&agency=STTTT',
    ).expect(200);
    expect(narrowed.body.agencies.map((a: { agency: string }) => a.agency)).toEqual(['STTTT']);
    expect(narrowed.body.totals).toMatchObject({ entries: 2, lateEntries: 0 });
  });

  it('is for auditors and administrators only', async () => {
    for (const path of [
      `/api/audit/tasks/${ids.B}`,
      `/api/audit/directives/${directiveId}`,
      '/api/audit/stats/completion',
      '/api/audit/late-entries',
    ]) {
      const refused = await get(path, 'staffTTTT').expect(403);
      expect(refused.body.messageVi).toBeTruthy();
      await get(path, 'tracker').expect(403);
      await get(path, 'admin').expect(200);
    }
  });

  it('refuses a knownAt that is not an instant or is in the future, in Vietnamese', async () => {
    for (const knownAt of [
      'yesterday',
      '2024-06-03T10:00:00',
      '2024-06-21',
      '2024-06-20T02:00:01Z',
    ]) {
      const bad = await get(
        `/api/audit/stats/completion?knownAt=${encodeURIComponent(knownAt)}`,
      ).expect(400);
      expect(bad.body.code).toBe('invalid_known_at');
      expect(bad.body.messageVi).toContain('knownAt');
    }
    await get(`/api/audit/tasks/${ids.B}?knownAt=soon`).expect(400);
    const both = await get('/api/audit/late-entries?period=2024-Q2&from=2024-04-01').expect(400);
    expect(both.body.code).toBe('invalid_period');
    await get('/api/audit/late-entries?thresholdDays=-1').expect(400);
    await get('/api/audit/stats/completion?unknown=1').expect(400);
  });

  it('answers 404 in Vietnamese for a task nobody had entered at knownAt', async () => {
    const missing = await get(`/api/audit/tasks/${ids.B}?knownAt=2024-04-04`).expect(404);
    expect(missing.body).toMatchObject({ code: 'task_not_found' });
    expect(missing.body.messageVi).toContain('chưa có trong nhật ký');
    await get('/api/audit/tasks/6b1f7a52-0000-4000-8000-000000000000').expect(404);
    await get('/api/audit/directives/6b1f7a52-0000-4000-8000-000000000000').expect(404);
  });
});
