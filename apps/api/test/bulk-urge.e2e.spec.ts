import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '@chidao/event-store';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { startTestApp, type TestApp } from './support/test-app';
import { seedProvince, type Province } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';

/**
 * POST /api/tasks/urge: many urges at once, each through the single urge's rules; refusals
 * listed per task without revealing which ids exist outside the caller's scope; a replay under
 * the same Idempotency-Key answers the same and urges nothing twice.
 *
 * The clock stands at 2024-06-30 10:00 in Vietnam.
 */

let t: TestApp;
let p: Province;
let directiveId = '';
let otherDirectiveId = '';

const urgedEvents = async (): Promise<StoredEvent[]> => {
  const found: StoredEvent[] = [];
  for await (const batch of t.app.get<EventStore>(EVENT_STORE).readAll()) {
    found.push(...batch.filter((event) => event.type === 'TaskUrged'));
  }
  return found;
};

const task = (leadAgency: string, title: string) => ({
  title,
  leadAgency,
  deadline: '2024-05-31',
  occurredOn: '2024-02-05',
});

beforeAll(async () => {
  t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
  p = await seedProvince(t);
  directiveId = await registerDirective(t, p);
  otherDirectiveId = (
    await t.http
      .post('/api/directives')
      .set(p.headers('leaderKhac'))
      .send({
        issuer: 'UBND tỉnh khác',
        reference: '9/KH-UBND',
        issuedOn: '2024-01-10',
        title: 'Kế hoạch của tỉnh khác',
      })
      .expect(201)
  ).body.id as string;
});
afterAll(() => t.close());

describe('POST /api/tasks/urge', () => {
  it('urges each task it may, lists the refusals in Vietnamese and English, one TaskUrged per urged task', async () => {
    const a = await assignReceivedTask(t, p, directiveId, task('STTTT', 'Nhiệm vụ A'));
    const b = await assignReceivedTask(t, p, directiveId, task('STC', 'Nhiệm vụ B'));
    const cancelled = await assignReceivedTask(t, p, directiveId, task('STTTT', 'Nhiệm vụ C'));
    await t.http
      .post(`/api/tasks/${cancelled}/cancel`)
      .set(p.headers('leader'))
      .send({ reason: 'Không còn phù hợp' })
      .expect(200);
    const elsewhere = (
      await t.http
        .post(`/api/directives/${otherDirectiveId}/tasks`)
        .set(p.headers('leaderKhac'))
        .send(task('SO-X', 'Nhiệm vụ tỉnh khác'))
        .expect(201)
    ).body.tasks[0].id as string;
    const missing = randomUUID();
    const before = (await urgedEvents()).length;

    const { body } = await t.http
      .post('/api/tasks/urge')
      .set(p.headers('tracker'))
      .send({ taskIds: [a, elsewhere, b, missing, cancelled], message: 'Đề nghị báo cáo ngay' })
      .expect(200);

    expect(body.urged).toBe(2);
    expect(body.refused).toBe(3);
    expect(
      body.results.map((r: { taskId: string; outcome: string }) => [r.taskId, r.outcome]),
    ).toEqual([
      [a, 'urged'],
      [elsewhere, 'refused'],
      [b, 'urged'],
      [missing, 'refused'],
      [cancelled, 'refused'],
    ]);
    // A task of another province and one that does not exist are refused alike.
    const [, outside, , absent, closed] = body.results;
    const refusal = (r: typeof outside) => ({
      code: r.code,
      message: r.message,
      messageVi: r.messageVi,
    });
    expect(refusal(outside)).toEqual(refusal(absent));
    expect(absent.code).toBe('task_not_found');
    expect(absent.messageVi).toMatch(/không tồn tại hoặc không thuộc phạm vi/);
    expect(absent.message).toMatch(/does not exist or is outside/);
    expect(closed.code).toBe('task_closed');
    expect(closed.messageVi).toMatch(/^[^a-z_]*[A-ZĐ]/u);
    // Both languages, as every error body carries them: the web app shows the user's.
    expect(closed.message).toMatch(/^The task /);

    const urged = (await urgedEvents()).slice(before);
    expect(urged.map((event) => event.streamId).sort()).toEqual([`task-${a}`, `task-${b}`].sort());
    expect(
      urged.every(
        (event) => (event.data as { message: string }).message === 'Đề nghị báo cáo ngay',
      ),
    ).toBe(true);
  });

  it('refuses each task for a caller who may read but not urge, as the single urge does', async () => {
    const a = await assignReceivedTask(t, p, directiveId, task('STTTT', 'Nhiệm vụ D'));
    const single = await t.http.post(`/api/tasks/${a}/urge`).set(p.headers('staffTTTT')).send({});
    expect(single.status).toBe(403);
    const { body } = await t.http
      .post('/api/tasks/urge')
      .set(p.headers('staffTTTT'))
      .send({ taskIds: [a] })
      .expect(200);
    expect(body).toEqual({
      results: [
        {
          taskId: a,
          outcome: 'refused',
          code: single.body.code,
          message: single.body.message,
          messageVi: single.body.messageVi,
        },
      ],
      urged: 0,
      refused: 1,
    });
  });

  it('refuses a malformed list as a whole, in Vietnamese', async () => {
    const tooMany = Array.from({ length: 201 }, () => randomUUID());
    const cases: Array<[object, RegExp]> = [
      [{ taskIds: tooMany }, /Danh sách nhiệm vụ chỉ được có tối đa 200 mục/],
      [{ taskIds: [] }, /Danh sách nhiệm vụ phải có ít nhất 1 mục/],
      [{ taskIds: ['x', 'y'] }, /Danh sách nhiệm vụ/],
      [{ taskIds: [tooMany[0], tooMany[0]] }, /lặp lại/],
      [{ taskIds: [tooMany[0]], kind: 'never' }, /Loại/],
      [{ taskIds: [tooMany[0]], message: 'x'.repeat(2001) }, /Nội dung đôn đốc/],
      [{}, /Danh sách nhiệm vụ/],
    ];
    for (const [payload, messageVi] of cases) {
      const response = await t.http.post('/api/tasks/urge').set(p.headers('tracker')).send(payload);
      expect({ status: response.status, messageVi: response.body.messageVi }).toEqual({
        status: 400,
        messageVi: expect.stringMatching(messageVi),
      });
    }
    // Unauthenticated: nothing is read.
    await t.http
      .post('/api/tasks/urge')
      .send({ taskIds: [tooMany[0]] })
      .expect(401);
  });

  it('answers a replay under the same Idempotency-Key without urging again', async () => {
    const a = await assignReceivedTask(t, p, directiveId, task('STTTT', 'Nhiệm vụ E'));
    const b = await assignReceivedTask(t, p, directiveId, task('STC', 'Nhiệm vụ F'));
    const before = (await urgedEvents()).length;
    const send = () =>
      t.http
        .post('/api/tasks/urge')
        .set(p.headers('leader'))
        .set('Idempotency-Key', 'bulk-urge-2024-06-30')
        .send({ taskIds: [a, b], kind: 'overdue' });
    const first = await send().expect(200);
    const replay = await send().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(first.body.urged).toBe(2);
    const urged = (await urgedEvents()).slice(before);
    expect(urged).toHaveLength(2);
    expect(urged.every((event) => event.metadata.idempotencyKey === 'bulk-urge-2024-06-30')).toBe(
      true,
    );
    // The same key for other tasks is another request: refused, not run.
    await t.http
      .post('/api/tasks/urge')
      .set(p.headers('leader'))
      .set('Idempotency-Key', 'bulk-urge-2024-06-30')
      .send({ taskIds: [a] })
      .expect(422);
    expect((await urgedEvents()).length).toBe(before + 2);
  });
});
