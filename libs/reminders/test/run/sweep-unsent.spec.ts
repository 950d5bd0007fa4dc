/**
 * Urges a stopped process left unsent, through real daily runs on a SQLite log: the first run
 * only marks where it looked up to; an urge appended after it whose messages were never queued
 * is sent on by the next day's run, with the ids the live path would have given (so an urge the
 * live path did queue gets nothing twice); a day later it is not looked at again.
 */
import { STREAMS, type ReminderMessageQueuedData } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { readDomainEvents } from '@chidao/event-store';
import {
  dailyRunIdOf,
  messageIdOf,
  queueUrgeMessages,
  recordRunStarted,
  runDailyReminders,
  runReminders,
  type UrgeSweepPeople,
} from '@chidao/reminders';
import { foldWith, isTaskAssigned, taskDecider, calendarDate } from '@chidao/domain';
import { allEvents, caughtUp, deps, files, METADATA, PEOPLE, people, province } from './support';

afterAll(() => files.cleanup());

const urgePeople: UrgeSweepPeople = {
  staffOf: (agency) => Object.values(PEOPLE).filter((p) => p.agency === agency),
  urgedBy: (userId) => (userId === 'u-tracker' ? 'Phạm Văn D, UBND tỉnh' : userId),
};
const TRACKER_METADATA = { ...METADATA, actor: 'u-tracker', agency: 'UBND-TINH' };

/** A tracker's urge in the log, as the API appends it; returns its stream version. */
async function urge(store: EventStore, taskId: string, message: string): Promise<number> {
  const streamId = STREAMS.task.of(taskId);
  const events = await readDomainEvents(store).readStream(streamId);
  const version = events[events.length - 1].streamVersion;
  await store.append(
    streamId,
    [
      {
        type: 'TaskUrged',
        schemaVersion: 1,
        occurredOn: '2027-02-01',
        data: { kind: 'overdue', message, leadAgency: 'STTTT' },
        metadata: TRACKER_METADATA,
      },
    ],
    { expectedVersion: version },
  );
  return version + 1;
}

const urgeMessages = async (store: EventStore) =>
  (await allEvents(store))
    .filter((e) => e.type === 'ReminderMessageQueued')
    .map((e) => e.data as ReminderMessageQueuedData)
    .filter((m) => m.runId === null);

describe('the daily run sends on urges left unsent', () => {
  it('queues what the live path never did, once, with the live path’s ids', async () => {
    const { stores, runners } = await province();
    const daily = (day: string) =>
      runDailyReminders(
        { ...deps(stores), urges: urgePeople },
        { at: '08:00', metadata: METADATA, now: new Date(`${day}T09:00:00+07:00`) },
      );

    // Monday: no earlier run says where it stopped, so nothing is swept; it marks its place.
    const monday = await daily('2027-02-01');
    expect(monday).toMatchObject({ result: 'ran', urges: null });
    const finished = (await allEvents(stores.eventStore)).find(
      (e) =>
        e.streamId === STREAMS.reminderRun.of(dailyRunIdOf('2027-02-01')) &&
        e.type === 'ReminderRunFinished',
    );
    expect(finished?.data).toMatchObject({ urgesCheckedUpTo: expect.any(Number) });

    // Two urges after it: the first sent on at once (the live path), the second lost with its process.
    const sentVersion = await urge(stores.eventStore, 'task-overdue', 'Đề nghị báo cáo ngay');
    const task = foldWith(
      taskDecider,
      await readDomainEvents(stores.eventStore).readStream(STREAMS.task.of('task-overdue')),
    );
    if (!isTaskAssigned(task)) throw new Error('the task is assigned');
    const live = await queueUrgeMessages(
      stores.eventStore,
      {
        taskId: 'task-overdue',
        task,
        version: sentVersion,
        kind: 'overdue',
        message: 'Đề nghị báo cáo ngay',
        urgedBy: 'Phạm Văn D, UBND tỉnh',
        recipients: urgePeople.staffOf('STTTT'),
      },
      TRACKER_METADATA,
      calendarDate('2027-02-01'),
    );
    expect(live).toBe(4);
    const lostVersion = await urge(stores.eventStore, 'task-soon', 'Khẩn trương hoàn thành');
    await caughtUp(stores.eventStore, runners);

    // Tuesday's run looks at both and queues only the lost one's four messages.
    const tuesday = await daily('2027-02-02');
    expect(tuesday).toMatchObject({ result: 'ran', urges: { urgesChecked: 2, messagesQueued: 4 } });
    const messages = await urgeMessages(stores.eventStore);
    expect(messages).toHaveLength(8);
    const swept = messages.filter((m) => m.taskIds[0] === 'task-soon');
    expect(swept.map((m) => m.messageId).sort()).toEqual(
      ['u-mail email', 'u-mail in_app', 'u-phone sms', 'u-phone in_app']
        .map((key) => {
          const [userId, channel] = key.split(' ');
          return messageIdOf('urge', 'task-soon', String(lostVersion), userId, channel);
        })
        .sort(),
    );
    const mail = swept.find((m) => m.channel === 'email')!;
    expect(mail.address).toBe(PEOPLE.mail.email);
    expect(mail.subject).toBe('Đôn đốc: Báo cáo an toàn thông tin');
    expect(mail.text).toContain('Khẩn trương hoàn thành');
    expect(mail.text).toContain('Phạm Văn D, UBND tỉnh');

    // Wednesday: the urges before Tuesday's mark are not looked at again.
    expect(await daily('2027-02-03')).toMatchObject({
      result: 'ran',
      urges: { urgesChecked: 0, messagesQueued: 0 },
    });
    expect(await urgeMessages(stores.eventStore)).toHaveLength(8);
  });

  it('queues the digests of a run that died before queueing them, once, and leaves a run in flight', async () => {
    const { stores, runners } = await province();
    const daily = (when: string) =>
      runDailyReminders(
        { ...deps(stores), urges: urgePeople },
        { at: '08:00', metadata: METADATA, now: new Date(when) },
      );
    // Friday: the first daily run marks its place.
    expect(await daily('2027-01-29T09:00:00+07:00')).toMatchObject({ result: 'ran', urges: null });

    // Monday 08:00: a tracker's run records its two reminders, then its process dies before
    // queueing (no digest reaches anyone: `person` answers nobody).
    const crashed = 'manual-run-crashed';
    const monday8 = new Date('2027-02-01T08:00:00+07:00');
    await recordRunStarted(
      stores.eventStore,
      { runId: crashed, on: calendarDate('2027-02-01'), now: monday8 },
      TRACKER_METADATA,
    );
    const lost = await runReminders(
      { ...deps(stores), people: { ...people, person: () => undefined } },
      { runId: crashed, today: calendarDate('2027-02-01'), metadata: TRACKER_METADATA },
    );
    expect(lost).toMatchObject({ remindersIssued: 2, messagesQueued: 0 });
    // 08:55: another run starts somewhere and is still going at 09:00.
    const inFlight = 'manual-run-in-flight';
    await recordRunStarted(
      stores.eventStore,
      {
        runId: inFlight,
        on: calendarDate('2027-02-01'),
        now: new Date('2027-02-01T08:55:00+07:00'),
      },
      TRACKER_METADATA,
    );
    await caughtUp(stores.eventStore, runners);

    // Monday 09:00: the day's run finds the two reminders recorded by the dead run, and the sweep
    // queues that run's digests under its own ids, then closes it; the run in flight is left.
    const monday = await daily('2027-02-01T09:00:00+07:00');
    expect(monday).toMatchObject({
      result: 'ran',
      summary: { remindersIssued: 0, remindersSkipped: 2 },
      urges: { runsResumed: 1, runMessagesQueued: 4 },
    });
    const events = await allEvents(stores.eventStore);
    const digests = events
      .filter((e) => e.type === 'ReminderMessageQueued')
      .map((e) => e.data as ReminderMessageQueuedData)
      .filter((m) => m.runId === crashed);
    expect(digests.map((m) => m.messageId).sort()).toEqual(
      ['u-mail email', 'u-mail in_app', 'u-phone sms', 'u-phone in_app']
        .map((key) => messageIdOf('run', crashed, ...(key.split(' ') as [string, string])))
        .sort(),
    );
    const mail = digests.find((m) => m.channel === 'email')!;
    expect(mail.subject).toBe('Nhắc việc ngày 01/02/2027: 2 nhiệm vụ cần chú ý');
    expect(mail.text).toContain('«Kế hoạch chuyển đổi số»');
    const closed = events.filter(
      (e) => e.streamId === STREAMS.reminderRun.of(crashed) && e.type === 'ReminderRunFinished',
    );
    expect(closed.map((e) => e.data)).toEqual([
      { runId: crashed, remindersIssued: 2, messagesQueued: 4 },
    ]);
    expect(
      events.some(
        (e) => e.streamId === STREAMS.reminderRun.of(inFlight) && e.type === 'ReminderRunFinished',
      ),
    ).toBe(false);

    // Tuesday: the run that was in flight is looked at again (the mark stayed before it); it
    // recorded nothing and is closed; the dead run's digests are not queued twice.
    const tuesday = await daily('2027-02-02T09:00:00+07:00');
    expect(tuesday).toMatchObject({
      result: 'ran',
      urges: { runsResumed: 1, runMessagesQueued: 0 },
    });
    const after = await allEvents(stores.eventStore);
    expect(
      after.filter(
        (e) =>
          e.type === 'ReminderMessageQueued' && (e.data as { runId: string }).runId === crashed,
      ),
    ).toHaveLength(4);
    expect(
      after.some(
        (e) => e.streamId === STREAMS.reminderRun.of(inFlight) && e.type === 'ReminderRunFinished',
      ),
    ).toBe(true);
  });
});
