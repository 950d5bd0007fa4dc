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
  runDailyReminders,
  type UrgeSweepPeople,
} from '@chidao/reminders';
import { foldWith, isTaskAssigned, taskDecider, calendarDate } from '@chidao/domain';
import { allEvents, caughtUp, deps, files, METADATA, PEOPLE, province } from './support';

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
});
