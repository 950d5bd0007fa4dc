import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import type { EventStore } from '@chidao/event-store';
import { seedProvince, type Province } from './support/province';
import { appendTaskStories, type TaskStory } from './support/task-history';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The figures leadership opens Chidao for, computed from the read model exactly as DOMAIN.md
 * classifies tasks at a cut-off date, against two pictures from real reports.
 */

/** Hà Tĩnh, Sở TT&TT, 2024: 27 tasks received on the tracking system, 27/27 done as of 27/5/2024. */
describe('Hà Tĩnh 2024 through the API: "hoàn thành 27/27 nhiệm vụ, đạt 100%"', () => {
  let t: TestApp;
  let p: Province;
  let lastPosition = 0;
  const taskIds: string[] = [];

  const DOCUMENTS = [
    { reference: '88/KH-UBND', issuedOn: '2024-01-22', count: 6 },
    { reference: '415/UBND-TH1', issuedOn: '2024-02-05', count: 5 },
    { reference: '12/TB-UBND', issuedOn: '2024-03-01', count: 6 },
    { reference: '1022/UBND-VX1', issuedOn: '2024-03-20', count: 5 },
    { reference: '45/KH-UBND', issuedOn: '2024-04-10', count: 5 },
  ];

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-05-28T03:00:00Z' });
    p = await seedProvince(t);
    for (const [d, doc] of DOCUMENTS.entries()) {
      const directive = await t.http
        .post('/api/directives')
        .set(p.headers('leader'))
        .send({
          reference: doc.reference,
          issuedOn: doc.issuedOn,
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: `Văn bản ${doc.reference}`,
        })
        .expect(201);
      const tasks = Array.from({ length: doc.count }, (_, i) => ({
        title: `Nhiệm vụ ${d + 1}.${i + 1} chuyển đổi số`,
        leadAgency: 'STTTT',
        deadline: '2024-05-20',
        keyTask: i === 0,
        occurredOn: doc.issuedOn,
      }));
      const assigned = await t.http
        .post(`/api/directives/${directive.body.id}/tasks`)
        .set(p.headers('tracker'))
        .send({ tasks })
        .expect(201);
      taskIds.push(...assigned.body.tasks.map((task: { id: string }) => task.id));
    }
    for (const [i, id] of taskIds.entries()) {
      const day = String(1 + (i % 15)).padStart(2, '0');
      await t.http
        .post(`/api/tasks/${id}/receive`)
        .set(p.headers('staffTTTT'))
        .send({ occurredOn: '2024-04-15' })
        .expect(200);
      await t.http
        .post(`/api/tasks/${id}/completion`)
        .set(p.headers('staffTTTT'))
        .send({
          completedOn: `2024-05-${day}`,
          resultDocument: `${100 + i}/STTTT-CNTT`,
          occurredOn: '2024-05-16',
        })
        .expect(200);
      const confirmed = await t.http
        .post(`/api/tasks/${id}/completion/confirm`)
        .set(p.headers('tracker'))
        .send({ occurredOn: '2024-05-27' })
        .expect(200);
      lastPosition = confirmed.body.position;
    }
  });
  afterAll(() => t.close());

  const stats = (query: string, as: Parameters<Province['headers']>[0] = 'leader') =>
    t.http
      .get(`/api/stats/completion?${query}&minPosition=${lastPosition}`)
      .set(p.headers(as))
      .expect(200);

  /**
   * What every statistics endpoint refuses: another province's leader (403, said in Vietnamese),
   * a period ending before it starts, and malformed parameters, each field named.
   */
  async function expectRefusals(path: string, malformed: string, fields: string[]) {
    const refused = await t.http
      .get(`${path}?agency=STTTT`)
      .set(p.headers('leaderKhac'))
      .expect(403);
    expect(refused.body.messageVi).toMatch(/không thuộc phạm vi/);
    const bad = await t.http
      .get(`${path}?from=2024-06-01&to=2024-01-01`)
      .set(p.headers('leader'))
      .expect(400);
    expect(bad.body.code).toBe('invalid_period');
    const wrong = await t.http.get(`${path}?${malformed}`).set(p.headers('leader')).expect(400);
    expect(wrong.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(fields);
  }

  it('counts 27 received and 27 done on time, and says so in Vietnamese', async () => {
    const { body } = await stats('asOf=2024-05-27&agency=STTTT');
    expect(body).toMatchObject({ from: '2024-01-01', to: '2024-12-31', asOf: '2024-05-27' });
    expect(body.scope.total).toBe(27);
    expect(body.scope.done).toEqual({ total: 27, onTime: 27, late: 0, noDeadline: 0 });
    expect(body.scope.notDone.total).toBe(0);
    expect(body.scope.rates.doneOfAssigned).toMatchObject({
      numerator: 27,
      denominator: 27,
      display: '100%',
    });
    expect(body.scope.summaryVi).toContain('hoàn thành 27/27 nhiệm vụ, đạt 100%');
  });

  it('gives staff of the agency the same figures for their own agency', async () => {
    const own = await stats('asOf=2024-05-27', 'staffTTTT');
    expect(own.body.scope.total).toBe(27);
    const other = await stats('asOf=2024-05-27', 'staffTC');
    expect(other.body.scope.total).toBe(0);
  });

  it('classifies the same tasks at an earlier cut-off: awaiting confirmation is not done', async () => {
    const { body } = await stats('asOf=2024-05-20&agency=STTTT');
    expect(body.scope.done.total).toBe(0);
    expect(body.scope.notDone).toMatchObject({
      total: 27,
      withinDeadline: 27,
      overdue: 0,
      awaitingConfirmation: 27,
    });
    const before = await stats('asOf=2024-05-21&agency=STTTT');
    expect(before.body.scope.notDone).toMatchObject({ overdue: 27 });
    expect(before.body.scope.rates.doneOfDue.display).toBe('0%');
  });

  it('groups by directive and by month', async () => {
    const byDirective = await stats('asOf=2024-05-27&groupBy=directive');
    expect(
      byDirective.body.groups
        .map((g: { label: string; stats: { total: number } }) => [g.label, g.stats.total])
        .sort(),
    ).toEqual(DOCUMENTS.map((d) => [d.reference, d.count]).sort());
    const byMonth = await stats('asOf=2024-05-27&groupBy=month');
    expect(byMonth.body.groups.map((g: { key: string }) => g.key)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
    ]);
  });

  it('refuses another province’s leader and bad periods with reasons', async () => {
    await expectRefusals('/api/stats/completion', 'asOf=27/05/2024&groupBy=x', ['asOf', 'groupBy']);
  });

  it('answers the dashboard in one call exactly as its figures’ own endpoints do', async () => {
    // On 21/05/2024 all 27 await confirmation past their deadline: overdue, so listed.
    t.clock.set('2024-05-21T03:00:00Z');
    try {
      for (const as of ['leader', 'staffTTTT', 'staffTC'] as const) {
        const get = async (path: string) =>
          (await t.http.get(path).set(p.headers(as)).expect(200)).body;
        const dashboard = await get('/api/stats/dashboard?from=2024-01-01&overdueLimit=5');
        // The single endpoints answer `from`, `to` and `position` beside the figures.
        const figures = async (query: string) => {
          const {
            from: _f,
            to: _t,
            position: _p,
            ...rest
          } = await get(`/api/stats/completion?${query}`);
          return rest;
        };
        expect(dashboard).toEqual({
          position: lastPosition,
          today: '2024-05-21',
          current: await figures('from=1945-01-01'),
          period: {
            from: '2024-01-01',
            to: '2024-05-21',
            asOf: '2024-05-21',
            byAgency: await figures('from=2024-01-01&to=2024-05-21&groupBy=agency'),
            byMonth: await figures('from=2024-01-01&to=2024-05-21&groupBy=month'),
          },
          overdue: await get('/api/tasks/overdue?limit=5'),
        });
        const expected = as === 'staffTC' ? 0 : 27;
        expect(dashboard.current.scope.notDone.overdue).toBe(expected);
        expect(dashboard.overdue.total).toBe(expected);
        expect(dashboard.overdue.items).toHaveLength(Math.min(5, expected));
      }
    } finally {
      t.clock.set('2024-05-28T03:00:00Z');
    }
    await expectRefusals('/api/stats/dashboard', 'to=31/12/2024&overdueLimit=0', [
      'overdueLimit',
      'to',
    ]);
  });

  it('pages through the task list without losing or repeating a task', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/tasks?agency=STTTT&limit=10&minPosition=${lastPosition}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await t.http.get(query).set(p.headers('leader')).expect(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...taskIds].sort());
  });

  it('finds tasks by words without accents and by class at a date', async () => {
    const found = await t.http
      .get('/api/tasks?q=chuyen%20doi%20so&limit=200')
      .set(p.headers('staffTTTT'))
      .expect(200);
    expect(found.body.items).toHaveLength(27);
    const overdueOn21 = await t.http
      .get('/api/tasks?classAt=2024-05-21&class=not_done_overdue&limit=200')
      .set(p.headers('tracker'))
      .expect(200);
    expect(overdueOn21.body.items).toHaveLength(27);
    const key = await t.http
      .get('/api/tasks?keyTask=true&limit=200')
      .set(p.headers('tracker'))
      .expect(200);
    expect(key.body.items).toHaveLength(DOCUMENTS.length);
  });

  it('lists overdue tasks at a past date, most days overdue first', async () => {
    const { body } = await t.http
      .get('/api/tasks/overdue?asOf=2024-05-25')
      .set(p.headers('leader'))
      .expect(200);
    expect(body.total).toBe(27);
    expect(body.items[0].daysOverdue).toBe(5);
    const now = await t.http.get('/api/tasks/overdue').set(p.headers('leader')).expect(200);
    expect(now.body.total).toBe(0);
  });

  it('shows each projection caught up, to admins and auditors only', async () => {
    const { body } = await t.http.get('/api/projections').set(p.headers('admin')).expect(200);
    const tasks = body.find((projection: { name: string }) => projection.name === 'tasks');
    expect(tasks).toMatchObject({ lag: 0, lastError: null });
    expect(tasks.position).toBeGreaterThanOrEqual(lastPosition);
    await t.http.get('/api/projections').set(p.headers('auditor')).expect(200);
    await t.http.get('/api/projections').set(p.headers('leader')).expect(403);
  });

  it('answers byte for byte the same after rebuilding every projection from position 0', async () => {
    const queries = [
      '/api/stats/completion?asOf=2024-05-27&groupBy=agency',
      '/api/stats/completion?asOf=2024-05-21&groupBy=directive',
      '/api/tasks?limit=200',
      '/api/tasks/overdue?asOf=2024-05-25',
      '/api/tasks?classAt=2024-05-20&class=not_done_within_deadline&limit=200',
    ];
    // Read as the provincial leader: an auditor's reads are appended to the log, which would
    // move the `position` these answers carry.
    const before = await Promise.all(
      queries.map((q) => t.http.get(q).set(p.headers('leader')).expect(200)),
    );
    for (const name of ['tasks', 'directives']) {
      const rebuilt = await t.http
        .post(`/api/projections/${name}/rebuild?wait=true`)
        .set(p.headers('admin'))
        .expect(202);
      expect(rebuilt.body).toMatchObject({ projection: name, status: 'done' });
    }
    await t.http.post('/api/projections/tasks/rebuild').set(p.headers('auditor')).expect(403);
    const after = await Promise.all(
      queries.map((q) => t.http.get(q).set(p.headers('leader')).expect(200)),
    );
    after.forEach((response, i) => expect(response.text).toBe(before[i].text));

    // The operator's command does the same on the data directory, with the app running.
    const cli = spawnSync(
      process.execPath,
      ['-r', './tools/ts-register.js', 'apps/api/src/cli/rebuild-projections.ts', 'all'],
      {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, CHIDAO_DATA_DIR: t.dataDir },
        encoding: 'utf8',
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^tasks: generation \d+, \d+ events/m);
    const afterCli = await Promise.all(
      queries.map((q) => t.http.get(q).set(p.headers('leader')).expect(200)),
    );
    afterCli.forEach((response, i) => expect(response.text).toBe(before[i].text));
  });
});

/**
 * The Government's tracking office, 2017 (to 25/12/2017): 21.914 tasks; 16.051 done (14.068 on
 * time, 1.983 late); 5.863 not done (5.640 within deadline, 223 overdue); done / come due 98,62%.
 * Too many for HTTP in a test, so the histories are written by the domain straight to the store.
 */
describe('the Government tracking office, 2017: the four classes and 98,62%', () => {
  let t: TestApp;
  let p: Province;
  let head = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: '2017-12-26T03:00:00Z' });
    p = await seedProvince(t);
    const store = t.app.get<EventStore>(EVENT_STORE);
    await appendTaskStories(store, government2017(), { receivedAt: '2017-12-26T03:00:00Z' });
    head = await store.headPosition();
  }, 120_000);
  afterAll(() => t.close());

  it('classifies every task at 25/12/2017 as the report did', async () => {
    const { body } = await t.http
      .get(`/api/stats/completion?asOf=2017-12-25&minPosition=${head}`)
      .set(p.headers('auditor'))
      .expect(200);
    expect(body.scope.total).toBe(21_914);
    expect(body.scope.done).toEqual({ total: 16_051, onTime: 14_068, late: 1_983, noDeadline: 0 });
    expect(body.scope.notDone).toMatchObject({
      total: 5_863,
      withinDeadline: 5_640,
      overdue: 223,
      noDeadline: 0,
    });
    expect(body.scope.rates.doneOfDue).toMatchObject({
      numerator: 16_051,
      denominator: 16_274,
      display: '98,62%',
    });
    expect(body.scope.summaryVi).toContain('98,62%');
    expect(body.scope.summaryVi).toContain('21.914');
  });
});

function* government2017(): Generator<TaskStory> {
  const kinds: [number, 'on_time' | 'late' | 'within' | 'overdue'][] = [
    [14_068, 'on_time'],
    [1_983, 'late'],
    [5_640, 'within'],
    [223, 'overdue'],
  ];
  let n = 0;
  for (const [count, kind] of kinds) {
    for (let i = 0; i < count; i++, n++) {
      const month = String(1 + (n % 11)).padStart(2, '0');
      const assignedOn = `2017-${month}-05`;
      const completion =
        kind === 'on_time'
          ? {
              completedOn: `2017-${month}-20`,
              reportedOn: `2017-${month}-21`,
              confirmedOn: `2017-${month}-22`,
            }
          : kind === 'late'
            ? {
                completedOn: `2017-${month}-27`,
                reportedOn: `2017-${month}-27`,
                confirmedOn: `2017-${month}-28`,
              }
            : undefined;
      const story: TaskStory = {
        id: `gov-${n}`,
        directiveId: `d-${n % 60}`,
        directiveReference: `${(n % 60) + 1}/TB-VPCP`,
        assigningAgency: 'TTG',
        leadAgency: `BO-${n % 30}`,
        title: `Nhiệm vụ ${n}`,
        assignedOn,
        deadline: kind === 'within' ? '2018-02-28' : `2017-${month}-25`,
        receivedOn: `2017-${month}-06`,
        ...(completion ? { completion } : {}),
      };
      yield story;
    }
  }
}
