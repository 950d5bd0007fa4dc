/**
 * A reminder run against real parts: a SQLite log, the real projections kept by their runners,
 * the real task aggregate. Each reminder is recorded once on its task, each person gets one
 * message per channel, a second run finds nothing new, a resumed run queues nothing twice, and
 * a task put on hold behind a stale read model is not reminded.
 */
import { STREAMS } from '@chidao/domain';
import type { ReminderMessageDocument } from '@chidao/projections';
import { appendTaskStories, SEED_METADATA } from '@chidao/projections/testing';
import type { EventStore } from '@chidao/event-store';
import { DIGEST_LINES, runReminders } from '@chidao/reminders';
import { allEvents, caughtUp, deps, files, METADATA, province, TODAY } from './support';

afterAll(() => files.cleanup());

describe('runReminders', () => {
  it('records each due reminder on its task once and queues one digest per person and channel', async () => {
    const { stores, runners } = await province();
    const summary = await runReminders(deps(stores), {
      runId: 'run-1',
      today: TODAY,
      metadata: METADATA,
    });
    expect(summary).toEqual({
      runId: 'run-1',
      today: '2027-02-01',
      tasksScanned: 3,
      remindersIssued: 2,
      remindersSkipped: 0,
      messagesQueued: 4,
      messagesAlreadyQueued: 0,
      // The test province has no tracking office to send the weekly list to.
      weeklyListsQueued: 0,
    });
    const events = await allEvents(stores.eventStore);
    const issued = events.filter((e) => e.type === 'TaskReminderIssued');
    expect(
      issued.map((e) => [
        e.streamId,
        (e.data as { rule: string }).rule,
        (e.data as { occurrence: string }).occurrence,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [STREAMS.task.of('task-overdue'), 'overdue', '2027-01-29#1'],
        [STREAMS.task.of('task-soon'), 'before_deadline', '2027-02-04'],
      ]),
    );
    expect(issued.every((e) => e.metadata.actor === 'system:reminders')).toBe(true);
    const queued = events
      .filter((e) => e.type === 'ReminderMessageQueued')
      .map((e) => e.data as ReminderMessageDocument);
    expect(queued.map((m) => `${m.userId} ${m.channel} ${m.address}`).sort()).toEqual([
      'u-mail email a@stttt.chidao.test',
      'u-mail in_app null',
      'u-phone in_app null',
      'u-phone sms +84912345678',
    ]);
    const digest = queued.find((m) => m.channel === 'email')!;
    expect(digest.subject).toBe('Nhắc việc ngày 01/02/2027: 2 nhiệm vụ cần chú ý');
    expect(digest.text).toContain('Kính gửi Nguyễn Văn A,');
    expect(digest.text).toContain('«Kế hoạch chuyển đổi số»');
    expect(digest.text).toContain(
      'quá hạn 3 ngày; thời hạn 29/01/2027; chủ trì: Sở Thông tin và Truyền thông.',
    );
    expect(digest.text).toContain('sắp đến hạn; thời hạn 04/02/2027');
    expect([...digest.taskIds].sort()).toEqual(['task-overdue', 'task-soon']);

    // The read models follow: the messages wait to be sent, the tasks know their reminders.
    await caughtUp(stores.eventStore, runners);
    const waiting = await stores.readStore
      .documents<ReminderMessageDocument>('reminder_messages')
      .count({ status: 'queued' });
    expect(waiting).toBe(4);

    // A second run the same day finds nothing new and loads no task to know it.
    const again = await runReminders(deps(stores), {
      runId: 'run-2',
      today: TODAY,
      metadata: METADATA,
    });
    expect(again).toMatchObject({ remindersIssued: 0, remindersSkipped: 2, messagesQueued: 0 });

    // The first run, run again (as after a crash), finds its own reminders and queues nothing twice.
    const resumed = await runReminders(deps(stores), {
      runId: 'run-1',
      today: TODAY,
      metadata: METADATA,
    });
    expect(resumed).toMatchObject({
      remindersIssued: 2,
      messagesQueued: 0,
      messagesAlreadyQueued: 4,
    });
    const after = await allEvents(stores.eventStore);
    expect(after.filter((e) => e.type === 'TaskReminderIssued')).toHaveLength(2);
    expect(after.filter((e) => e.type === 'ReminderMessageQueued')).toHaveLength(4);
  });

  it('does not remind a task put on hold after the read model last saw it (the task refuses)', async () => {
    const { stores, runners } = await province();
    // Put on hold in the log; the tasks read model is stopped first, so it still says "open".
    await runners[0].stop();
    const holdEvents = await holdTask(stores.eventStore, 'task-soon');
    expect(holdEvents).toBe(1);
    const summary = await runReminders(deps(stores), {
      runId: 'run-h',
      today: TODAY,
      metadata: METADATA,
    });
    expect(summary).toMatchObject({ remindersIssued: 1, remindersSkipped: 1 });
    const events = await allEvents(stores.eventStore);
    const issued = events.filter((e) => e.type === 'TaskReminderIssued').map((e) => e.streamId);
    expect(issued).toEqual([STREAMS.task.of('task-overdue')]);
  });

  it('lists at most DIGEST_LINES tasks in a digest and counts the rest', async () => {
    const { stores, runners } = await province();
    await appendTaskStories(
      stores.eventStore,
      Array.from({ length: DIGEST_LINES + 5 }, (_, i) => ({
        id: `many-${String(i).padStart(3, '0')}`,
        leadAgency: 'STC',
        assignedOn: '2027-01-04',
        deadline: '2027-01-29',
        title: `Nhiệm vụ ${i + 1}`,
      })),
      { receivedAt: '2027-02-01T01:00:00Z' },
    );
    await caughtUp(stores.eventStore, runners);
    await runReminders(deps(stores), { runId: 'run-many', today: TODAY, metadata: METADATA });
    const digest = (await allEvents(stores.eventStore))
      .filter((e) => e.type === 'ReminderMessageQueued')
      .map((e) => e.data as ReminderMessageDocument)
      .find((m) => m.userId === 'u-other' && m.channel === 'email')!;
    expect(digest.subject).toBe(
      `Nhắc việc ngày 01/02/2027: ${DIGEST_LINES + 5} nhiệm vụ cần chú ý`,
    );
    expect(digest.taskIds).toHaveLength(DIGEST_LINES);
    expect(digest.text).toContain('… và 5 nhiệm vụ khác: xem danh sách đầy đủ trên hệ thống.');
  });
});

/** Appends TaskPutOnHold to a task's stream as the leadership would (expected version checked). */
async function holdTask(store: EventStore, id: string): Promise<number> {
  const streamId = STREAMS.task.of(id);
  const version = await store.streamVersion(streamId);
  await store.append(
    streamId,
    [
      {
        type: 'TaskPutOnHold',
        schemaVersion: 1,
        data: { reason: 'Chờ chủ trương', statusBeforeHold: 'in_progress' },
        metadata: SEED_METADATA,
        occurredOn: '2027-01-29',
      },
    ],
    { expectedVersion: version },
  );
  return 1;
}
