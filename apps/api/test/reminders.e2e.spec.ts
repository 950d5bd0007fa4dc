/**
 * Reminders end to end on the real app, through the real Postfix: a tracker runs the rules, the
 * overdue task and the one due soon are recorded on their tasks, the agency's staff member gets
 * one digest by e-mail (read back over IMAP) and one in the app; a second run sends nothing; a
 * member of staff may not run them and changes nothing.
 */
import type { EventStore, StoredEvent } from '@chidao/event-store';
import { dailyRunIdOf } from '@chidao/reminders';
import { describeWithMailServer, TestMailbox, uniqueAddress } from '@chidao/reminders/testing';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { ReminderSchedulerService } from '../src/reminders/reminder-scheduler.service';
import { seedProvince, type Province } from './support/province';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

describeWithMailServer('reminders, end to end', (server) => {
  let t: TestApp;
  let p: Province;
  let store: EventStore;
  let overdue: string;
  let soon: string;
  const address = uniqueAddress(server, 'sotttt');
  const trackingOffice = uniqueAddress(server, 'vpubnd');

  async function allEvents(): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const batch of store.readAll()) events.push(...batch);
    return events;
  }

  beforeAll(async () => {
    // Monday 01/07/2024, 09:00 in Vietnam.
    t = await startTestApp({
      now: '2024-07-01T02:00:00Z',
      env: {
        CHIDAO_SMTP_URL: server.smtpUrl,
        CHIDAO_MAIL_FROM: 'Văn phòng UBND tỉnh <nhacviec@chidao.test>',
        CHIDAO_PUBLIC_URL: 'https://chidao.example.vn',
        CHIDAO_REMINDER_AT: '08:00',
      },
    });
    p = await seedProvince(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    const directive = await registerDirective(t, p);
    overdue = await assignReceivedTask(
      t,
      p,
      directive,
      {
        title: 'Kế hoạch chuyển đổi số',
        leadAgency: 'STTTT',
        deadline: '2024-06-28',
        occurredOn: '2024-06-03',
      },
      '2024-06-04',
    );
    soon = await assignReceivedTask(
      t,
      p,
      directive,
      {
        title: 'Báo cáo an toàn thông tin',
        leadAgency: 'STTTT',
        deadline: '2024-07-04',
        occurredOn: '2024-06-03',
      },
      '2024-06-04',
    );
    await t.http
      .patch(`/api/users/${p.userIds.staffTTTT}/contact`)
      .set(p.headers('staffTTTT'))
      .send({ email: address, channels: ['email', 'in_app'] })
      .expect(200);
    await t.http
      .patch(`/api/users/${p.userIds.tracker}/contact`)
      .set(p.headers('tracker'))
      .send({ email: trackingOffice, channels: ['email', 'in_app'] })
      .expect(200);
  });
  afterAll(() => t?.close());

  it('refuses staff, and records nothing', async () => {
    const before = await store.headPosition();
    const refused = await t.http.post('/api/reminders/run').set(p.headers('staffTTTT'));
    expect(refused.status).toBe(403);
    expect(refused.body.messageVi).toMatch(/quản trị viên và văn phòng theo dõi/);
    expect(await store.headPosition()).toBe(before);
    await t.http.post('/api/reminders/run').expect(401);
  });

  it('records the reminders on their tasks and sends one digest by e-mail and one in the app', async () => {
    const { body } = await t.http.post('/api/reminders/run').set(p.headers('tracker')).expect(200);
    expect(body.run).toMatchObject({
      today: '2024-07-01',
      remindersIssued: 2,
      messagesQueued: 2,
      // Monday: the tracking office's weekly list of overdue tasks, by e-mail and in the app.
      weeklyListsQueued: 2,
    });
    expect(body.delivery).toMatchObject({ delivered: 4, failed: 0, gaveUp: 0 });

    const events = await allEvents();
    const issued = events.filter((e) => e.type === 'TaskReminderIssued');
    expect(issued.map((e) => e.streamId).sort()).toEqual(
      [`task-${overdue}`, `task-${soon}`].sort(),
    );
    expect(issued.every((e) => e.metadata.actor === p.userIds.tracker)).toBe(true);

    const [mail] = await new TestMailbox(server, address).waitFor(1);
    expect(mail.subject).toBe('Nhắc việc ngày 01/07/2024: 2 nhiệm vụ cần chú ý');
    expect(mail.text).toContain('Kính gửi Chuyên viên Sở TT&TT,');
    expect(mail.text).toContain('«Kế hoạch chuyển đổi số»');
    expect(mail.text).toContain('quá hạn 3 ngày; thời hạn 28/06/2024');
    expect(mail.text).toContain(`https://chidao.example.vn/tasks/${overdue}`);
    expect(mail.from).toEqual([{ address: 'nhacviec@chidao.test', name: 'Văn phòng UBND tỉnh' }]);

    const { body: inApp } = await t.http
      .get(`/api/notifications?minPosition=${await store.headPosition()}`)
      .set(p.headers('staffTTTT'))
      .expect(200);
    expect(inApp.unread).toBe(1);
    expect(inApp.items[0].subject).toBe('Nhắc việc ngày 01/07/2024: 2 nhiệm vụ cần chú ý');

    const [list] = await new TestMailbox(server, trackingOffice).waitFor(1);
    expect(list.subject).toBe('Danh sách nhiệm vụ quá hạn tuần 27 năm 2024: 1 nhiệm vụ');
    expect(list.text).toContain('Kính gửi Chuyên viên Văn phòng UBND tỉnh,');
    expect(list.text).toContain(
      'Đến ngày 01/07/2024, UBND tỉnh Hà Tĩnh có 1 nhiệm vụ đã giao đang quá hạn',
    );
    expect(list.text).toContain(
      '1. «Kế hoạch chuyển đổi số» (24/CTr-UBND) — quá hạn 3 ngày; thời hạn 28/06/2024; chủ trì: Sở Thông tin và Truyền thông.',
    );
    expect(list.text).toContain(`https://chidao.example.vn/tasks/${overdue}`);
    expect(list.text).not.toContain('Báo cáo an toàn thông tin');
  });

  it('a second run the same day finds nothing new and sends nothing again', async () => {
    const { body } = await t.http.post('/api/reminders/run').set(p.headers('admin')).expect(200);
    expect(body.run).toMatchObject({
      remindersIssued: 0,
      remindersSkipped: 2,
      messagesQueued: 0,
      weeklyListsQueued: 0,
    });
    expect(body.delivery).toMatchObject({ delivered: 0 });
    expect(await new TestMailbox(server, address).settled()).toHaveLength(1);
    expect(await new TestMailbox(server, trackingOffice).settled()).toHaveLength(1);
  });

  it('sends a person’s urge on at once, with their words, by e-mail and in the app', async () => {
    await t.http
      .post(`/api/tasks/${overdue}/urge`)
      .set(p.headers('tracker'))
      .send({ kind: 'overdue', message: 'Đề nghị báo cáo trước ngày 05/07/2024' })
      .expect(200);
    const mails = await new TestMailbox(server, address).waitFor(2);
    const urge = mails.find((mail) => mail.subject === 'Đôn đốc: Kế hoạch chuyển đổi số');
    expect(urge?.text).toContain('đôn đốc nhiệm vụ «Kế hoạch chuyển đổi số»');
    expect(urge?.text).toContain('Nội dung: Đề nghị báo cáo trước ngày 05/07/2024');
    expect(urge?.text).toContain('thời hạn 28/06/2024');
    const queued = (await allEvents()).filter(
      (e) =>
        e.type === 'ReminderMessageQueued' && (e.data as { runId: string | null }).runId === null,
    );
    expect(queued.map((e) => (e.data as { channel: string }).channel).sort()).toEqual([
      'email',
      'in_app',
    ]);
    expect(await new TestMailbox(server, address).settled()).toHaveLength(2);
  });

  it('the scheduler runs the day once (09:00 is past 08:00): claimed, nothing sent twice, then left alone', async () => {
    const scheduler = t.app.get(ReminderSchedulerService);
    const first = await scheduler.tick();
    expect(first?.daily).toMatchObject({
      result: 'ran',
      day: '2024-07-01',
      summary: { remindersIssued: 0, remindersSkipped: 2, messagesQueued: 0 },
    });
    expect((await scheduler.tick())?.daily).toEqual({ result: 'finished', day: '2024-07-01' });
    const runs = (await allEvents()).filter((e) => e.streamId.startsWith('reminder-run-'));
    const daily = runs.filter(
      (e) => (e.data as { runId: string }).runId === dailyRunIdOf('2024-07-01'),
    );
    expect(daily.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['ReminderRunStarted', 'system:reminders'],
      ['ReminderRunFinished', 'system:reminders'],
    ]);
    // The two runs people asked for are recorded too, by whom (the sweep resumes a run that dies).
    expect(runs.filter((e) => !daily.includes(e)).map((e) => [e.type, e.metadata.actor])).toEqual([
      ['ReminderRunStarted', p.userIds.tracker],
      ['ReminderRunFinished', p.userIds.tracker],
      // The administrator's, whose id the seeded province does not keep.
      ['ReminderRunStarted', expect.not.stringMatching(/^system:|^$/)],
      ['ReminderRunFinished', expect.not.stringMatching(/^system:|^$/)],
    ]);
    expect(await new TestMailbox(server, address).settled()).toHaveLength(2);
  });
});
