/**
 * The scheduler of a process that runs reminders, as the reporting process runs it: of several on
 * one store, the holder of the reminders' lease runs the day and sends what it queued in the same
 * tick; the others stand by and run nothing; a holder that stops hands over. Real SQLite log and
 * read models; in-app delivery (no mail server needed: e-mail and SMS wait, queued).
 */
import {
  deliverDueMessages,
  ReminderScheduler,
  reminderSenderLease,
  type ReminderTickDeps,
} from '@chidao/reminders';
import type { ReminderMessageDocument } from '@chidao/projections';
import { allEvents, caughtUp, deps, files, province } from '../run/support';

afterAll(() => files.cleanup());

// Monday 01/02/2027, 09:00 in Vietnam: past the daily hour.
const NOW = new Date('2027-02-01T09:00:00+07:00');
const clock = { now: () => NOW };

async function twoProcesses() {
  const { stores, runners } = await province();
  const tickDeps = async (owner: string): Promise<ReminderTickDeps> => ({
    // Each with its own read-model store on the file, as another process would have.
    lease: await reminderSenderLease(files.readStore(stores.file), { owner }),
    runDeps: async () => {
      await caughtUp(stores.eventStore, runners);
      return deps(stores);
    },
    deliver: async (now, limit) => {
      await caughtUp(stores.eventStore, runners);
      return deliverDueMessages(
        {
          eventStore: stores.eventStore,
          messages: stores.readStore.documents<ReminderMessageDocument>('reminder_messages'),
          email: { publicUrl: 'https://chidao.example.vn', mailDomain: 'chidao.test' },
          limit,
        },
        now,
      );
    },
  });
  const scheduler = async (owner: string) =>
    new ReminderScheduler({ deps: await tickDeps(owner), at: '08:00', clock });
  return { stores, a: await scheduler('a'), b: await scheduler('b') };
}

describe('ReminderScheduler', () => {
  it('lets the lease holder run the day and send at once; the other stands by; a stop hands over', async () => {
    const { stores, a, b } = await twoProcesses();

    const first = await a.tick();
    expect(first).toMatchObject({
      sender: 'a',
      daily: { result: 'ran', day: '2027-02-01', summary: { remindersIssued: 2 } },
      // The two in-app messages it queued went in the same tick; e-mail and SMS wait, unsent.
      delivery: { delivered: 2, waiting: 2 },
    });
    expect(await b.tick()).toEqual({ daily: null, delivery: null, sender: 'a' });

    expect(await a.stop()).toBe(true);
    expect(await b.tick()).toEqual({
      sender: 'b',
      daily: { result: 'finished', day: '2027-02-01' },
      delivery: { delivered: 0, failed: 0, gaveUp: 0, waiting: 2 },
    });
    await b.stop();

    const events = await allEvents(stores.eventStore);
    expect(events.filter((e) => e.type === 'ReminderRunStarted')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'TaskReminderIssued')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'ReminderMessageDelivered')).toHaveLength(2);
  });

  it('ticks as it starts, shows as a scheduler, and stops without waiting long for a stuck pass', async () => {
    const { stores, runners } = await province();
    let ticked: () => void = () => undefined;
    const firstTick = new Promise<void>((resolve) => (ticked = resolve));
    const stuck = new Promise<never>(() => undefined);
    const lease = await reminderSenderLease(stores.readStore, { owner: 'slow' });
    const scheduler = new ReminderScheduler({
      at: '08:00',
      clock,
      stopWaitMs: 50,
      deps: {
        lease,
        runDeps: async () => {
          await caughtUp(stores.eventStore, runners);
          return deps(stores);
        },
        // A mail server that never answers: the pass never ends.
        deliver: () => {
          ticked();
          return stuck;
        },
      },
    }).start();
    await firstTick;
    expect(scheduler.status()).toMatchObject({
      name: 'scheduler reminders',
      kind: 'scheduler',
      state: 'running',
    });
    expect(await scheduler.stop()).toBe(false);
    // Not handed over beside a pass still in flight: another finds it held until it expires.
    const other = await reminderSenderLease(stores.readStore, { owner: 'other' });
    expect(await other.claim()).toMatchObject({ held: false, owner: 'slow' });
  });
});
