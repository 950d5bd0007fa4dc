import { canonicalJson, type EventStore, type StoredEvent } from '@chidao/event-store';
import {
  amountOf,
  countedEvent,
  seedLog,
  streamTally,
  type StreamTally,
} from '@chidao/projections/testing';
import { defineProjection, foldDocuments } from '../src/projection';
import { ProjectionRunner } from '../src/projection-runner';
import type { SqliteReadModelStore } from '../src/sqlite/sqlite-read-model-store';
import { dump, TempFiles } from './support';

const files = new TempFiles();
afterEach(() => files.cleanup());

async function allEvents(store: EventStore, upTo?: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll({ upTo })) events.push(...batch);
  return events;
}

/** What the documents must be: the in-memory fold, as stored rows. */
async function expected(store: EventStore, upTo?: number): Promise<string[]> {
  const docs = foldDocuments(streamTally, await allEvents(store, upTo));
  return [...docs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, doc]) => `${id}\t${canonicalJson(doc)}`);
}

function runner(
  deps: { eventStore: EventStore; readStore: SqliteReadModelStore },
  options: ConstructorParameters<typeof ProjectionRunner<StreamTally, StoredEvent>>[2] = {},
) {
  const started = new ProjectionRunner(streamTally, deps, { batchSize: 100, ...options }).start();
  files.onCleanup(() => started.stop());
  return started;
}

describe('ProjectionRunner', () => {
  it('catches up from 0, then follows live appends; queries wait for a position', async () => {
    const stores = await files.open();
    const head = await seedLog(stores.eventStore, 1500);
    const tally = runner(stores);
    await tally.waitFor(head);
    expect(await dump(stores.readStore, 'stream_tally')).toEqual(await expected(stores.eventStore));

    const caughtUp = await tally.status();
    expect(caughtUp).toMatchObject({ phase: 'live', position: head, head, lag: 0 });
    expect(caughtUp.eventsApplied).toBe(head);
    expect(caughtUp.eventsPerSecond).toBeGreaterThan(0);
    expect(caughtUp.lastError).toBeNull();

    // Live: append, wait for exactly that position, read.
    const appended = await stores.eventStore.append('tally-live', [
      countedEvent(1),
      countedEvent(2),
    ]);
    await tally.waitFor(appended.lastPosition);
    const documents = stores.readStore.documents<StreamTally>('stream_tally');
    expect(await documents.get('tally-live')).toEqual({
      streamId: 'tally-live',
      events: 2,
      sum: amountOf(1) + amountOf(2),
      lastPosition: appended.lastPosition,
    });
    expect(await documents.position()).toBe(appended.lastPosition);
    expect(await tally.status()).toMatchObject({ lag: 0, position: appended.lastPosition });
    expect(await documents.count({ events: { gte: 1 } })).toBe(38);
  });

  it('commits a batch with its checkpoint or not at all', async () => {
    const stores = await files.open();
    const head = await seedLog(stores.eventStore, 1000);
    let failBatch = 3;
    let batches = 0;
    let tally!: ProjectionRunner<StreamTally, StoredEvent>;
    const failed = new Promise<unknown>((resolve) => {
      tally = runner(stores, {
        retry: { initialDelayMs: 5 },
        onError: resolve,
        faultInjection: {
          afterDocumentsWritten: () => {
            batches += 1;
            if (batches === failBatch) throw new Error('disk full after the documents');
          },
        },
      });
    });
    await expect(failed).resolves.toThrow('disk full');
    // Batch 3's documents were written, then rolled back with it: state is exactly batch 1-2.
    const { readStore, eventStore } = stores;
    expect(await readStore.documents('stream_tally').position()).toBe(200);
    expect(await dump(readStore, 'stream_tally')).toEqual(await expected(eventStore, 200));
    failBatch = -1; // the runner retries from its checkpoint
    await tally.waitFor(head);
    expect(await dump(readStore, 'stream_tally')).toEqual(await expected(eventStore));
  });

  it('records a throwing projection, holds its checkpoint, and resumes once fixed', async () => {
    const stores = await files.open();
    const head = await seedLog(stores.eventStore, 600);
    let broken = true;
    const flaky = defineProjection<StreamTally, StoredEvent>({
      ...streamTally,
      documents: {
        idOf: streamTally.documents.idOf,
        evolve: (doc, event) => {
          if (broken && event.position === 333) throw new Error('cannot project 333');
          return streamTally.documents.evolve(doc, event);
        },
      },
    });
    let reportError!: (error: unknown) => void;
    const reported = new Promise<unknown>((resolve) => (reportError = resolve));
    const errors: unknown[] = [];
    const tally = new ProjectionRunner(flaky, stores, {
      batchSize: 100,
      retry: { initialDelayMs: 2, maxDelayMs: 20 },
      onError: (error) => {
        errors.push(error);
        if (errors.length === 3) reportError(error);
      },
    }).start();
    files.onCleanup(() => tally.stop());

    await reported; // three failed attempts: it keeps retrying
    const failing = await tally.status();
    expect(failing.lastError?.message).toBe('cannot project 333');
    expect(failing.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(failing.position).toBe(300);
    expect(failing.lag).toBe(head - 300);
    expect(await stores.readStore.documents('stream_tally').position()).toBe(300);

    broken = false;
    await tally.waitFor(head);
    const healed = await tally.status();
    expect(healed).toMatchObject({ consecutiveFailures: 0, position: head, lag: 0 });
    expect(healed.lastError).toBeNull(); // recovered: the log keeps what happened
    expect(healed.worker).toMatchObject({ state: 'running', reason: null });
    expect(await dump(stores.readStore, 'stream_tally')).toEqual(await expected(stores.eventStore));
  });

  it('rejects waiters when stopped', async () => {
    const stores = await files.open();
    const head = await seedLog(stores.eventStore, 10);
    const tally = runner(stores);
    await tally.waitFor(head);
    const waiting = tally.waitFor(head + 1);
    await tally.stop();
    await expect(waiting).rejects.toThrow(/stopped/);
    expect((await tally.status()).phase).toBe('stopped');
  });
});
