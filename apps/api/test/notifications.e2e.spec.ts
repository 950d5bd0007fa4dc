import {
  calendarDate,
  decideQueueMessage,
  expectEvents,
  initialReminderMessageState,
  STREAMS,
  type ContactChannel,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { randomUUID } from 'node:crypto';
import { toNewEvents } from '../src/infrastructure/aggregate-repository';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { seedProvince, type Province, type UserName } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The in-app notifications, end to end on the real app: messages queued in the log for two
 * people (as the reminders run queues them), each person lists and counts only their own, marks
 * one read once (a second time appends nothing), cannot touch another's, and marks all read.
 */
describe('in-app notifications', () => {
  let t: TestApp;
  let province: Province;
  let store: EventStore;
  let taskA: string;
  let taskB: string;
  // staffTTTT's in-app messages, oldest first; one e-mail of theirs; one of staffTC's.
  const mine: string[] = [];
  let myEmail: string;
  let theirs: string;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const list = (who: UserName, query = '') =>
    t.http.get(`/api/notifications${query}`).set(province.headers(who));
  const unreadOf = async (who: UserName): Promise<number> =>
    (await t.http.get('/api/notifications/unread-count').set(province.headers(who)).expect(200))
      .body.unread;
  const markRead = (who: UserName, id: string) =>
    t.http.post(`/api/notifications/${id}/read`).set(province.headers(who));

  /** Queues one message in the log as the reminders run does: its own stream, new. */
  async function queue(
    who: UserName,
    channel: ContactChannel,
    subject: string,
    taskIds: string[],
  ): Promise<string> {
    const messageId = randomUUID();
    const events = expectEvents(
      decideQueueMessage(
        initialReminderMessageState,
        {
          messageId,
          runId: 'run-test',
          userId: province.userIds[who],
          channel,
          address: channel === 'email' ? 'someone@chidao.test' : null,
          subject,
          text: `${subject}\nDòng thứ hai.`,
          taskIds,
        },
        calendarDate('2024-06-30'),
      ),
    );
    const metadata = {
      actor: 'system:reminders',
      agency: null,
      correlationId: 'notifications-test',
      causationId: null,
    };
    await store.append(STREAMS.reminderMessage.of(messageId), toNewEvents(events, metadata), {
      expectedVersion: 'no_stream',
    });
    return messageId;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    province = await seedProvince(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    const directive = await registerDirective(t, province);
    taskA = await assignReceivedTask(t, province, directive, {
      title: 'Nhiệm vụ A của Sở TT&TT',
      leadAgency: 'STTTT',
      deadline: '2024-09-30',
      occurredOn: '2024-06-28',
    });
    taskB = await assignReceivedTask(t, province, directive, {
      title: 'Nhiệm vụ B của Sở Tài chính',
      leadAgency: 'STC',
      deadline: '2024-09-30',
      occurredOn: '2024-06-28',
    });
    for (let i = 1; i <= 3; i += 1) {
      // Task B is STC's: staffTTTT may not read it, so the list leaves it out.
      mine.push(await queue('staffTTTT', 'in_app', `Nhắc việc số ${i}`, [taskA, taskB]));
    }
    myEmail = await queue('staffTTTT', 'email', 'Thư nhắc việc', [taskA]);
    theirs = await queue('staffTC', 'in_app', 'Nhắc việc của Sở Tài chính', [taskB]);
    // The read model has them all before the first read.
    await t.http
      .get(`/api/notifications/unread-count?minPosition=${await headPosition()}`)
      .set(province.headers('staffTTTT'))
      .expect(200);
  });
  afterAll(() => t.close());

  it('lists only the caller’s own in-app messages, newest first, with the tasks they may read', async () => {
    const { body } = await list('staffTTTT').expect(200);
    expect(body).toMatchObject({ total: 3, unread: 3, page: 1, size: 20 });
    const ids = body.items.map((item: { id: string }) => item.id);
    expect(new Set(ids)).toEqual(new Set(mine));
    expect(ids).not.toContain(myEmail);
    expect(ids).not.toContain(theirs);
    const queuedAt = body.items.map((item: { queuedAt: string }) => item.queuedAt);
    expect([...queuedAt].sort().reverse()).toEqual(queuedAt);
    expect(body.items[0]).toMatchObject({
      readOn: null,
      text: expect.stringContaining('\nDòng thứ hai.'),
      tasks: [{ id: taskA, title: 'Nhiệm vụ A của Sở TT&TT' }],
    });

    const other = (await list('staffTC').expect(200)).body;
    expect(other).toMatchObject({ total: 1, unread: 1 });
    expect(other.items[0]).toMatchObject({
      id: theirs,
      tasks: [{ id: taskB, title: 'Nhiệm vụ B của Sở Tài chính' }],
    });
  });

  it('is empty for someone with no messages (an auditor)', async () => {
    expect((await list('auditor').expect(200)).body).toEqual({
      total: 0,
      unread: 0,
      page: 1,
      size: 20,
      items: [],
    });
    expect(await unreadOf('auditor')).toBe(0);
  });

  it('counts the unread ones for the bell', async () => {
    expect(await unreadOf('staffTTTT')).toBe(3);
    expect(await unreadOf('staffTC')).toBe(1);
  });

  it('pages, and refuses a page larger than 50 in Vietnamese', async () => {
    const first = (await list('staffTTTT', '?size=2&page=1').expect(200)).body;
    const second = (await list('staffTTTT', '?size=2&page=2').expect(200)).body;
    expect(first).toMatchObject({ total: 3, size: 2, page: 1 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((i: { id: string }) => i.id))).toEqual(
      new Set(mine),
    );
    expect((await list('staffTTTT', '?page=9').expect(200)).body.items).toEqual([]);

    const before = await headPosition();
    for (const query of ['?size=500', '?size=0', '?page=0', '?unread=maybe']) {
      const refused = await list('staffTTTT', query).expect(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.messageVi).toMatch(/^Hãy sửa lại: /);
    }
    const tooBig = (await list('staffTTTT', '?size=500')).body;
    expect(tooBig.messageVi).toContain('50');
    expect(tooBig.messageVi).toContain('Số thông báo mỗi trang');
    expect(await headPosition()).toBe(before);
  });

  it('marks one read once: the second time appends nothing', async () => {
    const before = await headPosition();
    const first = await markRead('staffTTTT', mine[0]).expect(200);
    expect(first.body).toMatchObject({ id: mine[0], marked: true, readOn: '2024-06-30' });
    const afterFirst = await headPosition();
    expect(afterFirst).toBe(before + 1);
    const events = await store.readStream(STREAMS.reminderMessage.of(mine[0]));
    expect(events.map((e) => e.type)).toEqual(['ReminderMessageQueued', 'ReminderMessageRead']);
    expect(events[1].metadata.actor).toBe(province.userIds.staffTTTT);

    // The answer's position, as ?minPosition=, shows it read at once.
    expect(await unreadOf('staffTTTT')).toBe(2);
    const read = (await list('staffTTTT', '?unread=false').expect(200)).body;
    expect(read.items.map((i: { id: string }) => i.id)).toEqual([mine[0]]);
    expect(read.items[0].readOn).toBe('2024-06-30');
    const unread = (await list('staffTTTT', '?unread=true').expect(200)).body;
    expect(unread).toMatchObject({ total: 2, unread: 2 });

    const again = await markRead('staffTTTT', mine[0]).expect(200);
    expect(again.body).toMatchObject({ id: mine[0], marked: false, readOn: '2024-06-30' });
    expect(await headPosition()).toBe(afterFirst);
  });

  it('never marks another’s message, or an e-mail, and says so in Vietnamese (404)', async () => {
    const before = await headPosition();
    for (const [who, id] of [
      ['staffTTTT', theirs],
      ['staffTTTT', myEmail],
      ['auditor', mine[1]],
      ['staffTTTT', randomUUID()],
    ] as const) {
      const refused = await markRead(who, id).expect(404);
      expect(refused.body).toMatchObject({
        code: 'notification_not_found',
        messageVi: 'Không tìm thấy thông báo này trong danh sách của bạn.',
      });
    }
    expect(await headPosition()).toBe(before);
    expect(await unreadOf('staffTC')).toBe(1);
  });

  it('refuses a malformed id (400)', async () => {
    const before = await headPosition();
    const refused = await markRead('staffTTTT', 'not%20an%20id').expect(400);
    expect(refused.body).toMatchObject({
      code: 'notification_id_malformed',
      messageVi: 'Mã thông báo không hợp lệ.',
    });
    await markRead('staffTTTT', 'x'.repeat(300)).expect(400);
    expect(await headPosition()).toBe(before);
  });

  it('marks all the caller’s unread ones, and nobody else’s', async () => {
    const before = await headPosition();
    const all = await t.http
      .post('/api/notifications/read-all')
      .set(province.headers('staffTTTT'))
      .expect(200);
    expect(all.body.marked).toBe(2);
    expect(await headPosition()).toBe(before + 2);
    expect(await unreadOf('staffTTTT')).toBe(0);
    expect(await unreadOf('staffTC')).toBe(1);
    expect((await store.readStream(STREAMS.reminderMessage.of(myEmail))).length).toBe(1);

    const again = await t.http
      .post('/api/notifications/read-all')
      .set(province.headers('staffTTTT'))
      .expect(200);
    expect(again.body.marked).toBe(0);
    expect(await headPosition()).toBe(before + 2);
  });

  it('answers 401 to a caller not signed in', async () => {
    await t.http.get('/api/notifications').expect(401);
    await t.http.get('/api/notifications/unread-count').expect(401);
    await t.http.post(`/api/notifications/${mine[1]}/read`).expect(401);
    await t.http.post('/api/notifications/read-all').expect(401);
  });
});
