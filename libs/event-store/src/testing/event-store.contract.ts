/**
 * The contract every EventStore adapter must pass. It knows nothing about the adapter: the
 * harness opens a fresh store, gives its JSON connection (for child processes) and a way to edit
 * the storage by hand. Process-level behaviour (races, crashes, memory) uses real child processes
 * on the same storage and synchronises on their output, never on time.
 */
import { computeEventHash, GENESIS_HASH } from '../event-hash';
import {
  ConcurrencyError,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type StoredEvent,
  type StreamWrite,
} from '../event-store.port';
import {
  openEventStore,
  type EventStoreConfig,
  type EventStoreRuntimeOptions,
} from '../open-event-store';
import { LogNotEmptyError, RestoreMismatchError, type LogRestorer } from '../restore-log';
import { verifyLog } from '../verify-log';
import { testEvent } from './children/fixtures';
import { spawnChild, type ChildHandle } from './children/protocol';

/**
 * Edits the storage directly, bypassing the store, as an attacker or a bad migration would
 * (synchronously on SQLite, asynchronously on PostgreSQL).
 */
interface EventStoreTamper {
  updateEventData(position: number, newDataJson: string): void | Promise<void>;
  deleteEvent(position: number): void | Promise<void>;
  swapEventData(positionA: number, positionB: number): void | Promise<void>;
}

interface ContractStore {
  readonly store: EventStore;
  /** Opens the same storage from another process via openEventStore. */
  readonly connection: EventStoreConfig;
  readonly tamper: EventStoreTamper;
  /** Closes the store and removes the storage. */
  cleanup(): Promise<void>;
}

interface EventStoreContractHarness {
  readonly name: string;
  /** A fresh, empty store (SQLite opens synchronously, PostgreSQL does not). */
  open(options?: EventStoreRuntimeOptions): ContractStore | Promise<ContractStore>;
  /** Events seeded for the bounded-memory test (default 1 000 000). */
  readonly largeLogEvents?: number;
}

const SECOND = 1000;

export function describeEventStoreContract(harness: EventStoreContractHarness): void {
  describe(`EventStore contract: ${harness.name}`, () => {
    const opened: ContractStore[] = [];
    const children: ChildHandle[] = [];

    async function open(options?: EventStoreRuntimeOptions): Promise<ContractStore> {
      const subject = await harness.open(options);
      opened.push(subject);
      return subject;
    }

    function child(...args: Parameters<typeof spawnChild>): ChildHandle {
      const handle = spawnChild(...args);
      children.push(handle);
      return handle;
    }

    afterEach(async () => {
      for (const handle of children.splice(0)) handle.kill();
      for (const subject of opened.splice(0)) await subject.cleanup();
    });

    describe('append and read', () => {
      it('answers 0 and nothing when empty', async () => {
        const { store } = await open();
        await expect(store.ping()).resolves.toBeUndefined();
        expect(await store.headPosition()).toBe(0);
        expect(await store.streamVersion('task-1')).toBe(0);
        expect(await store.readStream('task-1')).toEqual([]);
        expect(await collect(store.readAll())).toEqual([]);
      });

      it('round-trips every field, chains hashes and starts versions and positions at 1', async () => {
        const clock = new FakeClock('2024-05-27T03:04:05.678Z');
        const { store } = await open({ now: clock.now });
        const first: NewEvent = {
          type: 'TaskAssigned',
          schemaVersion: 2,
          data: {
            taskId: 'task-1',
            title: 'Rà soát, đôn đốc nhiệm vụ theo 04/CTr-UBND',
            deadline: null,
            supporting: ['SO-TC', 'SO-KHDT'],
            weight: 0.25,
            nested: { z: 1, a: [true, false, { deep: '✓' }] },
            dropped: undefined,
          },
          metadata: {
            actor: 'user-42',
            actorRoles: ['tracking-office'],
            agency: 'VP-UBND',
            correlationId: 'corr-1',
            causationId: 'cmd-1',
            clientIp: '10.0.0.7',
            channel: 'api',
          },
          occurredOn: '2024-05-26',
        };
        const second = testEvent(2);

        const result = await store.append('task-1', [first, second]);
        expect(result).toEqual({
          streamId: 'task-1',
          nextExpectedVersion: 2,
          firstPosition: 1,
          lastPosition: 2,
        });

        const events = await store.readStream('task-1');
        const { dropped: _dropped, ...storedData } = first.data as Record<string, unknown>;
        expect(events).toEqual([
          {
            ...first,
            data: storedData,
            position: 1,
            streamId: 'task-1',
            streamVersion: 1,
            recordedAt: '2024-05-27T03:04:05.678Z',
            hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          },
          {
            ...second,
            position: 2,
            streamId: 'task-1',
            streamVersion: 2,
            recordedAt: '2024-05-27T03:04:05.678Z',
            hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          },
        ]);
        expect('dropped' in (events[0].data as object)).toBe(false);
        expect(events[0].hash).toBe(computeEventHash(withoutHash(events[0]), GENESIS_HASH));
        expect(events[1].hash).toBe(computeEventHash(withoutHash(events[1]), events[0].hash));
        expect(await store.streamVersion('task-1')).toBe(2);
        expect(await store.headPosition()).toBe(2);
        expect((await collect(store.readAll())).flat()).toEqual(events);
      });

      it('gives global positions across streams and versions per stream', async () => {
        const { store } = await open();
        await store.append('a', [testEvent(1)]);
        await store.append('b', [testEvent(2), testEvent(3)]);
        await store.append('a', [testEvent(4)]);
        const all = (await collect(store.readAll())).flat();
        expect(all.map((e) => [e.position, e.streamId, e.streamVersion])).toEqual([
          [1, 'a', 1],
          [2, 'b', 1],
          [3, 'b', 2],
          [4, 'a', 2],
        ]);
        expect(await store.streamVersion('a')).toBe(2);
        expect(await store.streamVersion('b')).toBe(2);
        expect(await store.headPosition()).toBe(4);
      });

      it('reads a stream by version range and as known at a past instant', async () => {
        const clock = new FakeClock('2024-05-27T01:00:00.000Z');
        const { store } = await open({ now: clock.now });
        await store.append('t', [testEvent(1), testEvent(2)]); // 01:00:00.000
        clock.set('2024-05-27T02:00:00.500Z');
        await store.append('t', [testEvent(3)]);
        clock.set('2024-05-27T03:00:00.000Z');
        await store.append('t', [testEvent(4), testEvent(5)]);

        const versions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream('t', options)).map((e) => e.streamVersion);
        expect(await versions({ fromVersion: 2 })).toEqual([2, 3, 4, 5]);
        expect(await versions({ toVersion: 3 })).toEqual([1, 2, 3]);
        expect(await versions({ fromVersion: 2, toVersion: 4 })).toEqual([2, 3, 4]);
        expect(await versions({ fromVersion: 6 })).toEqual([]);
        expect(await versions({ recordedUpTo: '2024-05-27T02:00:00.499Z' })).toEqual([1, 2]);
        expect(await versions({ recordedUpTo: '2024-05-27T02:00:00.500Z' })).toEqual([1, 2, 3]);
        // Another offset, same instant as 02:59:59.999Z.
        expect(await versions({ recordedUpTo: '2024-05-27T09:59:59.999+07:00' })).toEqual([
          1, 2, 3,
        ]);
        expect(
          await versions({ fromVersion: 2, recordedUpTo: '2024-05-27T03:00:00.000Z' }),
        ).toEqual([2, 3, 4, 5]);
        expect((await store.readStream('t'))[2].recordedAt).toBe('2024-05-27T02:00:00.500Z');
      });

      it('reads the log in batches with after (exclusive) and upTo (inclusive)', async () => {
        const { store } = await open();
        await store.append(
          'a',
          range(1, 25).map((i) => testEvent(i)),
        );
        const sizes = (await collect(store.readAll({ batchSize: 10 }))).map((b) => b.length);
        expect(sizes).toEqual([10, 10, 5]);
        const window = (await collect(store.readAll({ after: 5, upTo: 17, batchSize: 4 }))).flat();
        expect(window.map((e) => e.position)).toEqual(range(6, 17));
        expect(await collect(store.readAll({ after: 25 }))).toEqual([]);
      });

      it('rejects data that has no exact JSON form and writes nothing', async () => {
        const { store } = await open();
        await expect(
          store.append('a', [testEvent(1), testEvent(2, { data: { n: NaN } })]),
        ).rejects.toThrow();
        await expect(store.append('a', [testEvent(1, { data: { n: 10n } })])).rejects.toThrow();
        expect(await store.headPosition()).toBe(0);
        expect(await store.streamVersion('a')).toBe(0);
      });
    });

    describe('expected version', () => {
      it('rejects no_stream on an existing stream and writes nothing', async () => {
        const { store } = await open();
        await store.append('t', [testEvent(1)], { expectedVersion: 'no_stream' });
        const error = await store
          .append('t', [testEvent(2)], { expectedVersion: 'no_stream' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({
          code: 'concurrency_conflict',
          streamId: 't',
          expected: 'no_stream',
          actual: 1,
        });
        expect(await store.headPosition()).toBe(1);
        expect(await store.streamVersion('t')).toBe(1);
      });

      it('rejects a stale version and writes nothing; the current one appends', async () => {
        const { store } = await open();
        await store.append('other', [testEvent(0)]);
        expect(
          (await store.append('t', [testEvent(1)], { expectedVersion: 0 })).nextExpectedVersion,
        ).toBe(1);
        await store.append('t', [testEvent(2)], { expectedVersion: 1 });
        const before = await store.readStream('t');

        await expect(
          store.append('t', [testEvent(3), testEvent(4)], { expectedVersion: 1 }),
        ).rejects.toMatchObject({ name: 'ConcurrencyError', expected: 1, actual: 2 });
        await expect(
          store.append('t', [testEvent(3)], { expectedVersion: 3 }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(
          store.append('new', [testEvent(3)], { expectedVersion: 1 }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.headPosition()).toBe(3);
        expect(await store.readStream('t')).toEqual(before);
        expect(await store.streamVersion('new')).toBe(0);

        const ok = await store.append('t', [testEvent(3)], { expectedVersion: 2 });
        expect(ok).toEqual({
          streamId: 't',
          nextExpectedVersion: 3,
          firstPosition: 4,
          lastPosition: 4,
        });
      });

      it('always appends with any (and by default)', async () => {
        const { store } = await open();
        await store.append('t', [testEvent(1)], { expectedVersion: 'any' });
        await store.append('t', [testEvent(2)], { expectedVersion: 'any' });
        await store.append('t', [testEvent(3)]);
        expect(await store.streamVersion('t')).toBe(3);
      });

      it('appendMany lands every stream in one go, or none when one is stale', async () => {
        const { store } = await open();
        await store.append('b', [testEvent(0)]);
        const results = await store.appendMany([
          { streamId: 'a', events: [testEvent(1), testEvent(2)], expectedVersion: 'no_stream' },
          { streamId: 'b', events: [testEvent(3)], expectedVersion: 1 },
        ]);
        expect(results).toEqual([
          { streamId: 'a', nextExpectedVersion: 2, firstPosition: 2, lastPosition: 3 },
          { streamId: 'b', nextExpectedVersion: 2, firstPosition: 4, lastPosition: 4 },
        ]);

        const head = await store.headPosition();
        const error = await store
          .appendMany([
            { streamId: 'a', events: [testEvent(4)], expectedVersion: 2 },
            { streamId: 'c', events: [testEvent(5)], expectedVersion: 'no_stream' },
            { streamId: 'b', events: [testEvent(6)], expectedVersion: 1 }, // stale
          ])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId: 'b', expected: 1, actual: 2 });
        expect(await store.headPosition()).toBe(head);
        expect(await store.streamVersion('a')).toBe(2);
        expect(await store.streamVersion('c')).toBe(0);
        expect(await store.streamVersion('b')).toBe(2);
        expect((await store.append('z', [testEvent(7)])).firstPosition).toBe(head + 1);
      });
    });

    describe('appendBatches', () => {
      /** Batches handed over one at a time, each only once the previous one was taken. */
      async function* batchesOf(
        writes: readonly StreamWrite[],
        size: number,
        between?: (taken: number) => Promise<void>,
      ): AsyncGenerator<StreamWrite[]> {
        for (let at = 0; at < writes.length; at += size) {
          yield writes.slice(at, at + size);
          await between?.(at + size);
        }
      }
      const writesOf = (count: number): StreamWrite[] =>
        Array.from({ length: count }, (_, i) => ({
          streamId: `batch-${i}`,
          events: [testEvent(2 * i), testEvent(2 * i + 1)],
          expectedVersion: 'no_stream' as const,
        }));

      it('appends every batch in one transaction, in order, chained like appendMany', async () => {
        const { store } = await open();
        await store.append('before', [testEvent(99)]);
        const result = await store.appendBatches(batchesOf(writesOf(7), 3));
        expect(result).toEqual({ writes: 7, events: 14, firstPosition: 2, lastPosition: 15 });
        expect(await store.streamVersion('batch-6')).toBe(2);
        const stream = await store.readStream('batch-3');
        expect(stream.map((event) => event.position)).toEqual([8, 9]);
        expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 15 });
        expect((await store.append('after', [testEvent(100)])).firstPosition).toBe(16);
      });

      it('writes nothing when a batch is stale or the source fails midway', async () => {
        const { store } = await open();
        await store.append('batch-4', [testEvent(0)]);
        const stale = await store.appendBatches(batchesOf(writesOf(6), 2)).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(ConcurrencyError);
        expect(stale).toMatchObject({ streamId: 'batch-4', expected: 'no_stream', actual: 1 });
        const failing = batchesOf(writesOf(4), 2, () =>
          Promise.reject(new Error('the list could not be read')),
        );
        await expect(store.appendBatches(failing)).rejects.toThrow('the list could not be read');
        expect(await store.headPosition()).toBe(1);
        expect(await store.streamVersion('batch-0')).toBe(0);
        expect((await store.append('after', [testEvent(1)])).firstPosition).toBe(2);
      });

      it('hides its writes from readers until the commit; appends made meanwhile follow it', async () => {
        const { store } = await open();
        await store.append('before', [testEvent(0)]);
        const seen: number[] = [];
        const meanwhile: Promise<AppendResult>[] = [];
        const result = store.appendBatches(
          batchesOf(writesOf(4), 2, async (taken) => {
            if (taken !== 2) return;
            // Between two batches: the log still ends where it did; an append waits its turn.
            seen.push(await store.headPosition());
            expect(await store.streamVersion('batch-0')).toBe(0);
            meanwhile.push(store.append('meanwhile', [testEvent(1)]));
          }),
        );
        expect(await result).toMatchObject({ events: 8, firstPosition: 2, lastPosition: 9 });
        expect(seen).toEqual([1]);
        expect(await Promise.all(meanwhile)).toMatchObject([{ firstPosition: 10 }]);
        expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 10 });
      });

      it('lets a subscription see the whole of it, once, after the commit', async () => {
        const { store } = await open();
        const positions: number[] = [];
        const subscription = store.subscribe({ after: 0 }, (batch) => {
          for (const event of batch) positions.push(event.position);
        });
        try {
          const { lastPosition } = await store.appendBatches(batchesOf(writesOf(5), 2));
          await subscription.waitFor(lastPosition);
          expect(positions).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
        } finally {
          await subscription.stop();
        }
      });
    });

    describe('concurrent appenders', () => {
      it('lets exactly one of two in-process appends with the same expected version win', async () => {
        const { store } = await open();
        await store.append('t', [testEvent(1)]);
        const outcomes = await Promise.allSettled([
          store.append('t', [testEvent(2, { data: { by: 'x' } })], { expectedVersion: 1 }),
          store.append('t', [testEvent(2, { data: { by: 'y' } })], { expectedVersion: 1 }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o) => o.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.streamVersion('t')).toBe(2);
        expect(await store.headPosition()).toBe(2);
      });

      it(
        'lets exactly one of two processes racing on one stream win',
        async () => {
          const { store, connection } = await open();
          await store.append('t', [testEvent(1), testEvent(2)]);
          const racers = ['x', 'y'].map((label) =>
            child('append-race', { connection, streamId: 't', expectedVersion: 2, label }),
          );
          await Promise.all(racers.map((r) => r.expectLine('ready')));
          racers.forEach((r) => r.send('go'));
          const outcomes = await Promise.all(
            racers.map((r) => r.nextJson<{ outcome: string; label: string; actual?: number }>()),
          );
          await Promise.all(racers.map((r) => r.succeeded()));

          const winners = outcomes.filter((o) => o.outcome === 'appended');
          expect(winners).toHaveLength(1);
          expect(outcomes.filter((o) => o.outcome === 'conflict')).toEqual([
            expect.objectContaining({ actual: 3 }),
          ]);
          const events = await store.readStream('t');
          expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
          expect(events[2].data).toEqual({ winner: winners[0].label });
        },
        60 * SECOND,
      );
    });

    describe('crash safety', () => {
      it(
        'keeps nothing of a batch whose process is killed mid-transaction',
        async () => {
          const { store, connection } = await open();
          await store.append('before', [testEvent(1), testEvent(2)]);
          const crasher = child('crash-mid-batch', {
            connection,
            streamId: 'batch',
            batchSize: 50,
            crashAfter: 10,
          });
          await crasher.expectLine('inserted');
          crasher.kill('SIGKILL');
          expect((await crasher.exited).signal).toBe('SIGKILL');

          const reopened = await openEventStore(connection);
          try {
            expect(await reopened.streamVersion('batch')).toBe(0);
            expect(await reopened.readStream('batch')).toEqual([]);
            expect(await reopened.headPosition()).toBe(2);
            const after = await reopened.append('after', [testEvent(3), testEvent(4)]);
            expect(after).toMatchObject({ firstPosition: 3, lastPosition: 4 });
            const positions = (await collect(reopened.readAll())).flat().map((e) => e.position);
            expect(positions).toEqual([1, 2, 3, 4]);
            expect(await verifyLog(reopened)).toMatchObject({ ok: true, eventsChecked: 4 });
          } finally {
            await reopened.close();
          }
          // The store that stayed open through the crash also writes on.
          expect((await store.append('batch', [testEvent(5)])).firstPosition).toBe(5);
        },
        60 * SECOND,
      );

      it(
        'has no position gaps when two processes append concurrently',
        async () => {
          const { store, connection } = await open();
          const appends = 300;
          const writers = ['p', 'q'].map((label) =>
            child('concurrent-appender', { connection, label, appends, streams: 40 }),
          );
          await Promise.all(writers.map((w) => w.expectLine('ready')));
          writers.forEach((w) => w.send('go'));
          const reports = await Promise.all(
            writers.map((w) => w.nextJson<{ appended: number; conflicts: number }>()),
          );
          await Promise.all(writers.map((w) => w.succeeded()));
          expect(reports.map((r) => r.appended)).toEqual([appends, appends]);

          const total = 2 * appends;
          const events = (await collect(store.readAll({ batchSize: 97 }))).flat();
          expect(events.map((e) => e.position)).toEqual(range(1, total));
          const versions = new Map<string, number[]>();
          for (const e of events)
            versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.streamVersion]);
          for (const [, list] of versions) expect(list).toEqual(range(1, list.length));
          const perWriter = (label: string) =>
            events.filter((e) => (e.data as { writer: string }).writer === label).length;
          expect([perWriter('p'), perWriter('q')]).toEqual([appends, appends]);
          expect(await verifyLog(store)).toEqual({
            ok: true,
            eventsChecked: total,
            streamsChecked: 40,
            headPosition: total,
          });
        },
        90 * SECOND,
      );
    });

    describe('large log', () => {
      const total = harness.largeLogEvents ?? 1_000_000;

      it(
        `reads ${total} events in bounded memory in a 64 MB heap`,
        async () => {
          const { store, connection } = await open();
          const seedStarted = Date.now();
          const perStream = 100;
          const perCall = 10_000;
          for (let start = 0; start < total; start += perCall) {
            const writes = [];
            for (let s = start; s < Math.min(start + perCall, total); s += perStream) {
              const count = Math.min(perStream, total - s);
              writes.push({
                streamId: `bulk-${s / perStream}`,
                expectedVersion: 'no_stream' as const,
                events: range(1, count).map((i) => testEvent(s + i)),
              });
            }
            await store.appendMany(writes);
          }
          const seedMs = Date.now() - seedStarted;
          expect(await store.headPosition()).toBe(total);

          const MB = 2 ** 20;
          // One batch of 1000 events is a few MB as objects; the whole log is hundreds.
          const limits = { heapUsedLimitBytes: 64 * MB, retainedGrowthLimitBytes: 8 * MB };
          const reader = child('read-all-bounded', { connection, batchSize: 1000, ...limits }, [
            '--max-old-space-size=64',
            '--expose-gc',
          ]);
          const report = await reader.nextJson<{
            count: number;
            lastPosition: number;
            peakHeapUsed: number;
            baseline: number;
            peakRetained: number;
            heapSizeLimit: number;
            ms: number;
          }>();
          await reader.succeeded();
          console.info(
            `[${harness.name}] seeded ${total} events in ${seedMs} ms ` +
              `(${Math.round(total / (seedMs / 1000))}/s); a child read them in ${report.ms} ms ` +
              `with peak heapUsed ${(report.peakHeapUsed / MB).toFixed(1)} MB, ` +
              `peak retained after GC ${(report.peakRetained / MB).toFixed(1)} MB ` +
              `(${(report.baseline / MB).toFixed(1)} MB before reading), ` +
              `heap limit ${(report.heapSizeLimit / MB).toFixed(0)} MB`,
          );
          expect(report.count).toBe(total);
          expect(report.lastPosition).toBe(total);
          expect(report.peakHeapUsed).toBeLessThan(limits.heapUsedLimitBytes);
          expect(report.peakRetained - report.baseline).toBeLessThan(
            limits.retainedGrowthLimitBytes,
          );
          // The flag took effect: the log as objects (hundreds of MB) cannot fit in this heap.
          expect(report.heapSizeLimit).toBeLessThan(128 * MB);
        },
        240 * SECOND,
      );
    });

    describe('restore', () => {
      /** The adapter under test restores (chidao import-log); the port does not require it. */
      const restorerOf = (store: EventStore): EventStore & LogRestorer => {
        if (typeof (store as Partial<LogRestorer>).restore !== 'function') {
          throw new Error(`${harness.name} cannot restore a log`);
        }
        return store as EventStore & LogRestorer;
      };

      /** Another store's log, 7 events over 3 streams recorded at three instants. */
      async function sourceLog(): Promise<StoredEvent[]> {
        const clock = new FakeClock('2024-05-27T01:00:00.000Z');
        const { store } = await open({ now: clock.now });
        await store.append('task-a', [testEvent(1), testEvent(2)]);
        clock.set('2024-05-28T02:00:00.000Z');
        await store.appendMany([
          { streamId: 'task-b', events: [testEvent(3)] },
          { streamId: 'task-a', events: [testEvent(4)] },
        ]);
        clock.set('2024-05-29T03:00:00.123Z');
        await store.append('task-c', [testEvent(5), testEvent(6), testEvent(7)]);
        return (await collect(store.readAll())).flat();
      }

      async function* inBatches(
        events: readonly StoredEvent[],
        size: number,
      ): AsyncGenerator<StoredEvent[]> {
        for (let i = 0; i < events.length; i += size) {
          await Promise.resolve();
          yield events.slice(i, i + size);
        }
      }

      it('writes the log as it was stored, and appends continue after it', async () => {
        const log = await sourceLog();
        const clock = new FakeClock('2024-06-01T00:00:00.000Z');
        const store = restorerOf((await open({ now: clock.now })).store);
        const result = await store.restore(inBatches(log, 3));
        expect(result).toEqual({
          events: 7,
          streams: 3,
          headPosition: 7,
          lastRecordedAt: '2024-05-29T03:00:00.123Z',
        });
        expect((await collect(store.readAll())).flat()).toEqual(log);
        expect(await store.readStream('task-a')).toEqual(
          log.filter((event) => event.streamId === 'task-a'),
        );
        const next = await store.append('task-a', [testEvent(8)], { expectedVersion: 3 });
        expect(next).toMatchObject({ firstPosition: 8, nextExpectedVersion: 4 });
        expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 8 });
      });

      it('refuses a log that holds events and leaves it as it was', async () => {
        const log = await sourceLog();
        const store = restorerOf((await open()).store);
        await store.append('other', [testEvent(9)]);
        await expect(store.restore(inBatches(log, 3))).rejects.toBeInstanceOf(LogNotEmptyError);
        expect(await store.headPosition()).toBe(1);
      });

      it('writes nothing when an event does not chain or the batches fail midway', async () => {
        const log = await sourceLog();
        const store = restorerOf((await open()).store);
        const edited = log.map((event) =>
          event.position === 5 ? { ...event, occurredOn: '2024-01-01' } : event,
        );
        await expect(store.restore(inBatches(edited, 2))).rejects.toMatchObject({
          reason: 'hash_mismatch',
          position: 5,
        });
        const gap = log.filter((event) => event.position !== 4);
        await expect(store.restore(inBatches(gap, 2))).rejects.toBeInstanceOf(RestoreMismatchError);
        async function* failing(): AsyncGenerator<StoredEvent[]> {
          yield* inBatches(log.slice(0, 6), 3);
          throw new Error('the archive is cut off');
        }
        await expect(store.restore(failing())).rejects.toThrow('the archive is cut off');
        expect(await store.headPosition()).toBe(0);
        // And the store still restores and appends normally afterwards.
        await store.restore(inBatches(log, 4));
        expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 7 });
      });
    });

    describe('verifyLog', () => {
      async function seeded(): Promise<ContractStore> {
        const subject = await open();
        // Three interleaved streams: positions 1..12, each stream versions 1..4.
        for (let i = 0; i < 12; i += 1) {
          await subject.store.append(`s${i % 3}`, [testEvent(i)]);
        }
        return subject;
      }

      it('accepts an untouched log', async () => {
        const { store } = await seeded();
        expect(await verifyLog(store, { batchSize: 5 })).toEqual({
          ok: true,
          eventsChecked: 12,
          streamsChecked: 3,
          headPosition: 12,
        });
        expect(await verifyLog(store, { expectedHeadPosition: 12 })).toMatchObject({ ok: true });
      });

      it('finds an event whose data was edited in storage', async () => {
        const { store, tamper } = await seeded();
        await tamper.updateEventData(8, JSON.stringify({ taskId: 'task-7', percent: 100 }));
        expect(await verifyLog(store, { batchSize: 5 })).toMatchObject({
          ok: false,
          eventsChecked: 7,
          firstBreak: { position: 8, streamId: 's1', streamVersion: 3, reason: 'hash_mismatch' },
        });
      });

      it('finds a deleted event', async () => {
        const { store, tamper } = await seeded();
        await tamper.deleteEvent(5);
        expect(await verifyLog(store)).toMatchObject({
          ok: false,
          eventsChecked: 4,
          firstBreak: {
            position: 6,
            streamId: 's2',
            streamVersion: 2,
            reason: 'position_gap',
            expected: 5,
            actual: 6,
          },
        });
      });

      it('finds a swapped pair of events', async () => {
        const { store, tamper } = await seeded();
        await tamper.swapEventData(4, 10);
        expect(await verifyLog(store)).toMatchObject({
          ok: false,
          firstBreak: { position: 4, streamId: 's0', streamVersion: 2, reason: 'hash_mismatch' },
        });
      });

      it('finds a cut-off tail against a known head', async () => {
        const { store, tamper } = await seeded();
        await tamper.deleteEvent(12);
        expect(await verifyLog(store)).toMatchObject({ ok: true, headPosition: 11 });
        expect(await verifyLog(store, { expectedHeadPosition: 12 })).toMatchObject({
          ok: false,
          firstBreak: { position: 12, reason: 'truncated', expected: 12, actual: 11 },
        });
      });
    });

    describe('subscribe', () => {
      it('catches up from a position, then follows appends in order, exactly once', async () => {
        const { store } = await open();
        await store.append(
          'a',
          range(1, 5).map((i) => testEvent(i)),
        );
        const batches: number[][] = [];
        const subscription = store.subscribe({ after: 2, batchSize: 2 }, (batch) => {
          batches.push(batch.map((e) => e.position));
        });
        await subscription.waitFor(5);
        expect(subscription.position).toBe(5);
        expect(batches).toEqual([[3, 4], [5]]);

        await store.append('b', [testEvent(6)]);
        await store.append('a', [testEvent(7), testEvent(8), testEvent(9)]);
        await subscription.waitFor(9);
        await subscription.waitFor(4); // already past: resolves at once
        expect(batches.flat()).toEqual(range(3, 9));
        expect(subscription.position).toBe(9);
        await subscription.stop();
      });

      it(
        'picks up events appended by another process',
        async () => {
          const { store, connection } = await open();
          const seen: number[] = [];
          const subscription = store.subscribe({ after: 0 }, (batch) => {
            seen.push(...batch.map((e) => e.position));
          });
          const writer = child('append-events', { connection, streamId: 'remote', count: 3 });
          const result = await writer.nextJson<{ lastPosition: number }>();
          await writer.succeeded();
          await subscription.waitFor(result.lastPosition);
          expect(seen).toEqual([1, 2, 3]);
          await subscription.stop();
        },
        60 * SECOND,
      );

      it('delivers nothing after stop()', async () => {
        const { store } = await open();
        await store.append('a', [testEvent(1)]);
        const stoppedSeen: number[] = [];
        const stopped = store.subscribe({ after: 0 }, (batch) => {
          stoppedSeen.push(...batch.map((e) => e.position));
        });
        await stopped.waitFor(1);
        await stopped.stop();
        await expect(stopped.waitFor(2)).rejects.toThrow();

        // A second subscription sees the new event, so the stopped one had every chance to.
        const witness = store.subscribe({ after: 1 }, () => undefined);
        await store.append('a', [testEvent(2)]);
        await witness.waitFor(2);
        await witness.stop();
        expect(stoppedSeen).toEqual([1]);
        expect(stopped.position).toBe(1);
      });

      it('can be stopped from inside its handler', async () => {
        const { store } = await open();
        await store.append('a', [testEvent(1), testEvent(2)]);
        let calls = 0;
        const stopped = new Deferred<void>();
        const subscription: { current?: ReturnType<EventStore['subscribe']> } = {};
        subscription.current = store.subscribe({ after: 0, batchSize: 1 }, async () => {
          calls += 1;
          await subscription.current!.stop();
          stopped.resolve();
        });
        await stopped.promise;
        await subscription.current.stop();
        expect(calls).toBe(1);
      });

      it('stops and reports through onError when the handler throws', async () => {
        const { store } = await open();
        await store.append(
          'a',
          range(1, 3).map((i) => testEvent(i)),
        );
        const failure = new Error('projection bug');
        const reported = new Deferred<unknown>();
        const seen: number[] = [];
        const subscription = store.subscribe(
          { after: 0, batchSize: 1, onError: (error) => reported.resolve(error) },
          (batch) => {
            if (batch[0].position === 2) throw failure;
            seen.push(batch[0].position);
          },
        );
        expect(await reported.promise).toBe(failure);
        expect(subscription.position).toBe(1);
        await expect(subscription.waitFor(3)).rejects.toThrow();

        const witness = store.subscribe({ after: 3 }, () => undefined);
        await store.append('a', [testEvent(4)]);
        await witness.waitFor(4);
        await witness.stop();
        await subscription.stop();
        expect(seen).toEqual([1]);
      });
    });
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function withoutHash({ hash: _hash, ...fields }: StoredEvent): Omit<StoredEvent, 'hash'> {
  return fields;
}

class FakeClock {
  private current: Date;
  constructor(iso: string) {
    this.current = new Date(iso);
  }
  readonly now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

class Deferred<T> {
  resolve!: (value: T) => void;
  readonly promise = new Promise<T>((resolve) => (this.resolve = resolve));
}
