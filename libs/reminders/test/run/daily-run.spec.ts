/**
 * The daily run: due from its hour on working days; the first process to start the day's run
 * holds it, another finds it taken; once finished it is not run again; a run left unfinished
 * by a process that died is resumed and sends nothing twice.
 */
import { STREAMS } from '@chidao/domain';
import { dailyRunIdOf, runDailyReminders } from '@chidao/reminders';
import { allEvents, deps, files, METADATA, province } from './support';

afterAll(() => files.cleanup());

// Monday 01/02/2027 in Vietnam (UTC+7).
const at = (hhmm: string) => new Date(`2027-02-01T${hhmm}:00+07:00`);

describe('runDailyReminders', () => {
  it('waits for its hour, runs once, and leaves a finished day alone', async () => {
    const { stores } = await province();
    const options = { at: '08:00', metadata: METADATA };
    expect(await runDailyReminders(deps(stores), { ...options, now: at('07:59') })).toEqual({
      result: 'not_due',
      day: '2027-02-01',
    });
    const ran = await runDailyReminders(deps(stores), { ...options, now: at('08:00') });
    expect(ran).toMatchObject({
      result: 'ran',
      summary: { remindersIssued: 2, messagesQueued: 4 },
    });
    expect(await runDailyReminders(deps(stores), { ...options, now: at('09:00') })).toEqual({
      result: 'finished',
      day: '2027-02-01',
    });
    // A Sunday is no working day.
    expect(
      await runDailyReminders(deps(stores), {
        ...options,
        now: new Date('2027-02-07T09:00:00+07:00'),
      }),
    ).toMatchObject({ result: 'not_due' });
    const run = (await allEvents(stores.eventStore)).filter(
      (e) => e.streamId === STREAMS.reminderRun.of(dailyRunIdOf('2027-02-01')),
    );
    expect(run.map((e) => e.type)).toEqual(['ReminderRunStarted', 'ReminderRunFinished']);
  });

  it('two processes at once: one runs, the other finds the day taken; nothing is sent twice', async () => {
    const { stores } = await province();
    const options = { at: '08:00', metadata: METADATA, now: at('08:01') };
    const [a, b] = await Promise.all([
      runDailyReminders(deps(stores), options),
      runDailyReminders(deps(stores), options),
    ]);
    expect([a.result, b.result].sort()).toEqual(['ran', 'taken']);
    const events = await allEvents(stores.eventStore);
    expect(events.filter((e) => e.type === 'TaskReminderIssued')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'ReminderMessageQueued')).toHaveLength(4);
  });

  it('resumes a run its process left unfinished, once it is stale, and queues nothing twice', async () => {
    const { stores } = await province();
    const runId = dailyRunIdOf('2027-02-01');
    // A process started the day's run at 08:00 and died before finishing it.
    await stores.eventStore.append(
      STREAMS.reminderRun.of(runId),
      [
        {
          type: 'ReminderRunStarted',
          schemaVersion: 1,
          data: { runId, on: '2027-02-01', startedAt: at('08:00').toISOString() },
          metadata: METADATA,
          occurredOn: '2027-02-01',
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    const options = { at: '08:00', metadata: METADATA };
    // Still fresh at 08:10: another process may be running it.
    expect(await runDailyReminders(deps(stores), { ...options, now: at('08:10') })).toMatchObject({
      result: 'taken',
    });
    const resumed = await runDailyReminders(deps(stores), { ...options, now: at('08:31') });
    expect(resumed).toMatchObject({ result: 'ran', summary: { runId, remindersIssued: 2 } });
    // Run again (as if the first had also come back to finish): nothing twice.
    expect(await runDailyReminders(deps(stores), { ...options, now: at('09:00') })).toMatchObject({
      result: 'finished',
    });
    const events = await allEvents(stores.eventStore);
    expect(events.filter((e) => e.type === 'TaskReminderIssued')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'ReminderMessageQueued')).toHaveLength(4);
  });
});
