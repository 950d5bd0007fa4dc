/**
 * The sequence-gap problem, tested: many writers on their own connections commit in whatever
 * order PostgreSQL lets them while readers follow the log. A reader that ever saw a position
 * before a lower one had committed would record a jump and then miss the lower one for good.
 */
import {
  describeWithPostgres,
  dropSchema,
  testEvent,
  uniqueSchema,
} from '@chidao/event-store/testing';
import {
  isConcurrencyError,
  verifyLog,
  type AppendResult,
  type EventStore,
  type StoredEvent,
} from '../src';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../src/postgres';

const WRITERS = 8;
const APPENDS_PER_WRITER = 250;
const SHARED_STREAMS = 6;
const DOOMED_APPENDS = 40;

/** Follows the log and records every position it is handed, and every jump over a lower one. */
class OrderWatcher {
  readonly positions: number[] = [];
  readonly jumps: string[] = [];

  see(batch: readonly StoredEvent[]): void {
    for (const event of batch) {
      const last = this.positions[this.positions.length - 1] ?? 0;
      if (event.position !== last + 1) this.jumps.push(`${last} -> ${event.position}`);
      this.positions.push(event.position);
    }
  }

  get lastSeen(): number {
    return this.positions[this.positions.length - 1] ?? 0;
  }
}

/** Polls readAll({ after: lastSeen }) back to back until it has seen `finalHead()`. */
async function pollUntilDone(
  store: EventStore,
  watcher: OrderWatcher,
  finalHead: () => number | null,
): Promise<void> {
  for (;;) {
    const target = finalHead(); // read before the pass, so that pass sees everything up to it
    for await (const batch of store.readAll({ after: watcher.lastSeen, batchSize: 64 })) {
      watcher.see(batch);
    }
    if (target !== null && watcher.lastSeen >= target) return;
  }
}

/** Single-event appends with exact expected versions on contested streams, retrying conflicts. */
async function runWriter(store: EventStore, writer: number) {
  const appended: AppendResult[] = [];
  let conflicts = 0;
  let staleRefused = 0;
  for (let i = 0; i < APPENDS_PER_WRITER; i += 1) {
    const shared = `shared-${(writer + i) % SHARED_STREAMS}`;
    if (i % 10 === 9) {
      // A stale append on purpose: it takes positions under the lock, then must give them back.
      const stale = store.append(shared, [testEvent(i)], { expectedVersion: 'no_stream' });
      await expect(stale).rejects.toMatchObject({ name: 'ConcurrencyError' });
      staleRefused += 1;
      continue;
    }
    if (i % 25 === 0) {
      // Several streams in one transaction, some events each.
      appended.push(
        ...(await store.appendMany([
          { streamId: `own-${writer}`, events: [testEvent(i), testEvent(i + 1)] },
          { streamId: shared, events: [testEvent(i, { data: { writer, i } })] },
        ])),
      );
      continue;
    }
    for (;;) {
      const version = await store.streamVersion(shared);
      try {
        const event = testEvent(i, { data: { writer, i } });
        appended.push(await store.append(shared, [event], { expectedVersion: version }));
        break;
      } catch (error) {
        if (!isConcurrencyError(error)) throw error;
        conflicts += 1;
      }
    }
  }
  return { appended, conflicts, staleRefused };
}

describeWithPostgres('PostgresEventStore under concurrent writers', (url) => {
  let schema: string;
  const stores: PostgresEventStore[] = [];
  const open = async (options: Partial<PostgresEventStoreOptions> = {}) => {
    const store = await PostgresEventStore.open({ url, schema, poolSize: 1, ...options });
    stores.push(store);
    return store;
  };
  beforeEach(() => (schema = uniqueSchema('order')));
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await dropSchema(url, schema);
  });

  it('shows readers every position in order, exactly once, and burns none for failed appends', async () => {
    const admin = await open({ poolSize: 2 });
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => open()));
    // Fails inside the transaction after its rows are inserted, so after it took positions.
    const doomed = await open({
      faultInjection: {
        afterEventInsert: (streamId) => {
          if (streamId === 'doomed') throw new Error('fault after insert');
        },
      },
    });
    const [pollerA, pollerB, subscriberA, subscriberB] = await Promise.all(
      [1, 2, 3, 4].map(() => open()),
    );

    let finalHead: number | null = null;
    const polled = [new OrderWatcher(), new OrderWatcher()];
    const pollers = [
      pollUntilDone(pollerA, polled[0], () => finalHead),
      pollUntilDone(pollerB, polled[1], () => finalHead),
    ];
    const subscribed = [new OrderWatcher(), new OrderWatcher()];
    const subscriptions = [subscriberA, subscriberB].map((store, i) =>
      store.subscribe({ after: 0, batchSize: 50 }, (batch) => subscribed[i].see(batch)),
    );

    const doomedAppends = (async () => {
      let refused = 0;
      for (let i = 0; i < DOOMED_APPENDS; i += 1) {
        await expect(
          doomed.appendMany([
            { streamId: `fine-${i}`, events: [testEvent(i)] },
            { streamId: 'doomed', events: [testEvent(i), testEvent(i + 1)] },
          ]),
        ).rejects.toThrow('fault after insert');
        refused += 1;
      }
      return refused;
    })();
    const outcomes = await Promise.all(writers.map((store, w) => runWriter(store, w)));
    expect(await doomedAppends).toBe(DOOMED_APPENDS);

    const results = outcomes.flatMap((o) => o.appended);
    const total = results.reduce((n, r) => n + r.lastPosition - r.firstPosition + 1, 0);
    finalHead = await admin.headPosition();
    await Promise.all(pollers);
    await Promise.all(subscriptions.map((s) => s.waitFor(total)));
    await Promise.all(subscriptions.map((s) => s.stop()));

    const everyPosition = Array.from({ length: total }, (_, i) => i + 1);
    // Positions 1..N, each handed to exactly one successful append: none burnt by a failure.
    expect(finalHead).toBe(total);
    const claimed = results
      .flatMap((r) =>
        Array.from({ length: r.lastPosition - r.firstPosition + 1 }, (_, k) => k + r.firstPosition),
      )
      .sort((a, b) => a - b);
    expect(claimed).toEqual(everyPosition);
    for (const watcher of [...polled, ...subscribed]) {
      expect(watcher.jumps).toEqual([]);
      expect(watcher.positions).toEqual(everyPosition);
    }
    expect(await admin.streamVersion('doomed')).toBe(0);
    expect(await admin.streamVersion('fine-0')).toBe(0);
    expect(await verifyLog(admin)).toMatchObject({ ok: true, eventsChecked: total });

    const conflicts = outcomes.reduce((n, o) => n + o.conflicts, 0);
    const staleRefused = outcomes.reduce((n, o) => n + o.staleRefused, 0);
    expect(staleRefused).toBe(WRITERS * 25);
    console.info(
      `[PostgreSQL ordering] ${results.length} appends (${total} events) by ${WRITERS} writers, ` +
        `${conflicts} version conflicts retried, ${staleRefused} stale and ${DOOMED_APPENDS} ` +
        `faulted appends rolled back; 2 pollers and 2 subscriptions saw 1..${total} in order`,
    );
  });
});
