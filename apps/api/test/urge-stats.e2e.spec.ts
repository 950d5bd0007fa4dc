import type { EventStore } from '@chidao/event-store';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { startTestApp, type TestApp } from './support/test-app';
import { seedProvince, type Province } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';

/**
 * GET /api/stats/urges: manual urges and automatic reminders per lead agency, by business date,
 * in the caller's scope; an urge stays with the agency it was addressed to after a reassignment.
 *
 * The clock stands at 2024-06-30 10:00 in Vietnam.
 */

let t: TestApp;
let p: Province;
let a = '';
let b = '';

const urge = (taskId: string, occurredOn: string) =>
  t.http
    .post(`/api/tasks/${taskId}/urge`)
    .set(p.headers('tracker'))
    .send({ occurredOn })
    .expect(200);

/** What the reminders run appends (the run itself is built elsewhere). */
async function remind(taskId: string, leadAgency: string, occurredOn: string, n: number) {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const streamId = `task-${taskId}`;
  const version = (await store.readStream(streamId)).length;
  await store.append(
    streamId,
    [
      {
        type: 'TaskReminderIssued',
        schemaVersion: 1,
        occurredOn,
        metadata: {
          actor: 'system',
          actorRoles: [],
          agency: null,
          correlationId: `r-${n}`,
          causationId: null,
        },
        data: {
          rule: 'overdue',
          occurrence: `${occurredOn}`,
          runId: `run-${n}`,
          leadAgency,
          days: 1,
          audience: ['lead_agency'],
          recipients: [],
          text: 'Quá hạn 1 ngày',
        },
      },
    ],
    { expectedVersion: version },
  );
}

const stats = (who: 'leader' | 'tracker' | 'staffTTTT' | 'leaderKhac' | 'auditor', query = '') =>
  t.http.get(`/api/stats/urges?from=2024-06-01&to=2024-06-30${query}`).set(p.headers(who));

beforeAll(async () => {
  t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
  p = await seedProvince(t);
  const directiveId = await registerDirective(t, p);
  const task = (leadAgency: string, title: string) => ({
    title,
    leadAgency,
    deadline: '2024-05-31',
    occurredOn: '2024-02-05',
  });
  a = await assignReceivedTask(t, p, directiveId, task('STTTT', 'Nhiệm vụ A'));
  b = await assignReceivedTask(t, p, directiveId, task('STC', 'Nhiệm vụ B'));
  await urge(a, '2024-05-20'); // before the period
  await urge(a, '2024-06-03');
  await urge(a, '2024-06-10');
  await urge(b, '2024-06-04');
  await remind(a, 'STTTT', '2024-06-01', 1);
  await remind(b, 'STC', '2024-07-01', 2); // after the period (dated ahead by the run's clock)
  // Reassigned: the urges before stay with STTTT, the one after goes to STC.
  await t.http
    .post(`/api/tasks/${a}/reassign`)
    .set(p.headers('leader'))
    .send({
      leadAgency: 'STC',
      reason: 'Thuộc chức năng của Sở Tài chính',
      occurredOn: '2024-06-15',
    })
    .expect(200);
  await urge(a, '2024-06-20');
});
afterAll(() => t.close());

describe('GET /api/stats/urges', () => {
  it('counts urges and reminders per lead agency, by business date', async () => {
    const { body } = await stats('tracker').expect(200);
    expect(body).toEqual({
      from: '2024-06-01',
      to: '2024-06-30',
      agencies: [
        { agency: 'STC', agencyName: 'Sở Tài chính', manual: 2, automatic: 0 },
        { agency: 'STTTT', agencyName: 'Sở Thông tin và Truyền thông', manual: 2, automatic: 1 },
      ],
    });
  });

  it('narrows to a chosen agency, and to their own agency for staff', async () => {
    const one = await stats('leader', '&agency=STC').expect(200);
    expect(one.body.agencies).toEqual([
      { agency: 'STC', agencyName: 'Sở Tài chính', manual: 2, automatic: 0 },
    ]);
    const own = await stats('staffTTTT').expect(200);
    expect(own.body.agencies).toEqual([
      { agency: 'STTTT', agencyName: 'Sở Thông tin và Truyền thông', manual: 2, automatic: 1 },
    ]);
    expect((await stats('auditor')).body.agencies).toHaveLength(2);
  });

  it('shows nothing outside the scope, and refuses an agency outside it', async () => {
    expect((await stats('leaderKhac').expect(200)).body.agencies).toEqual([]);
    const refused = await stats('leaderKhac', '&agency=STTTT');
    expect(refused.status).toBe(403);
    expect(refused.body.messageVi).toMatch(/không thuộc phạm vi/);
    const period = await t.http
      .get('/api/stats/urges?from=2024-07-01&to=2024-06-01')
      .set(p.headers('leader'));
    expect(period.status).toBe(400);
    expect(period.body.code).toBe('invalid_period');
  });
});
