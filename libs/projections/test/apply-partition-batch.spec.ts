import { canonicalJson, type EventStore, type StoredEvent } from '@chidao/event-store';
import { seedLog, streamTally, type StreamTally } from '@chidao/projections/testing';
import { applyBatch } from '../src/apply-batch';
import {
  applyPartitionBatch,
  NotPartitionableError,
  type PartitionBatch,
  type PartitionEntry,
} from '../src/apply-partition-batch';
import { projectionFingerprint } from '../src/fingerprint';
import { defineProjection, foldDocuments, schemaOf } from '../src/projection';
import { dump, TempFiles, type TempStores } from './support';

const files = new TempFiles();
afterEach(() => files.cleanup());

/** The tally of one stream per document, declared so. */
const tally = defineProjection<StreamTally, StoredEvent>({
  ...streamTally,
  partitionedBy: 'stream',
});
const target = { kind: 'active', fingerprint: projectionFingerprint(tally) } as const;

const PARTITIONS = 3;
const SOURCES = Array.from({ length: PARTITIONS }, (_, p) => `log:${p}`);
/** A stand-in for Kafka's partitioner: any function of the key keeps a stream in one partition. */
const partitionOf = (streamId: string) => Number(streamId.split('-')[1]) % PARTITIONS;

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll({ batchSize: 500 })) events.push(...batch);
  return events;
}

function expected(events: readonly StoredEvent[]): string[] {
  return [...foldDocuments(tally, events)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, doc]) => `${id}\t${canonicalJson(doc)}`);
}

async function registered(): Promise<TempStores> {
  const stores = await files.open();
  await stores.readStore.register(schemaOf(tally), target.fingerprint);
  return stores;
}

/** What the relay would have put in each partition: the log split by key, in log order. */
function partitioned(events: readonly StoredEvent[]): PartitionEntry<StoredEvent>[][] {
  const partitions: PartitionEntry<StoredEvent>[][] = SOURCES.map(() => []);
  for (const event of events)
    partitions[partitionOf(event.streamId)].push({ kind: 'event', event });
  return partitions;
}

const batchOf = (
  partition: number,
  entries: readonly PartitionEntry<StoredEvent>[],
): PartitionBatch<StoredEvent> => ({
  source: SOURCES[partition],
  sources: SOURCES,
  entries,
});

describe('applyPartitionBatch', () => {
  it('gives the documents of the log whatever the pace of each partition, duplicates skipped', async () => {
    const { eventStore, readStore } = await registered();
    const head = await seedLog(eventStore, 1200, 37, 100);
    const events = await allEvents(eventStore);
    const partitions = partitioned(events);

    // Partition 0 runs ahead in big batches, 1 in small ones, 2 lags, and each batch is
    // delivered with the end of the previous one again (a redelivery after a rebalance).
    const cursors = [0, 0, 0];
    const sizes = [150, 40, 90];
    let duplicates = 0;
    let lastCheckpoint = 0;
    for (let round = 0; cursors.some((c, p) => c < partitions[p].length); round += 1) {
      for (let p = 0; p < PARTITIONS; p += 1) {
        if (p === 2 && round % 3 !== 2) continue;
        const start = Math.max(0, cursors[p] - 5);
        const entries = partitions[p].slice(start, cursors[p] + sizes[p]);
        if (entries.length === 0) continue;
        const outcome = await applyPartitionBatch(tally, readStore, target, batchOf(p, entries));
        duplicates += outcome.duplicates;
        cursors[p] = Math.min(partitions[p].length, cursors[p] + sizes[p]);

        // The position only ever says "every event up to here is in": the complete prefix.
        const done = SOURCES.map((_, q) => {
          const seen = partitions[q].slice(0, cursors[q]);
          const last = seen[seen.length - 1];
          return last && last.kind === 'event' ? last.event.position : 0;
        });
        expect(outcome.checkpoint).toBe(Math.max(lastCheckpoint, Math.min(...done)));
        expect(outcome.checkpoint).toBeGreaterThanOrEqual(lastCheckpoint);
        lastCheckpoint = outcome.checkpoint;
      }
      // Each document is exactly what its own partition delivered so far.
      const delivered = partitions
        .flatMap((entries, q) => entries.slice(0, cursors[q]))
        .map((entry) => (entry as { event: StoredEvent }).event)
        .sort((a, b) => a.position - b.position);
      expect(await dump(readStore, tally.name)).toEqual(expected(delivered));
    }
    // The log ends in one partition: the others learn it from the relay's watermarks.
    expect(await readStore.documents(tally.name).position()).toBeLessThan(head);
    for (let p = 0; p < PARTITIONS; p += 1) {
      await applyPartitionBatch(
        tally,
        readStore,
        target,
        batchOf(p, [{ kind: 'watermark', position: head }]),
      );
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(await readStore.documents(tally.name).position()).toBe(head);
    expect(await dump(readStore, tally.name)).toEqual(expected(events));
  });

  it('moves a partition with no new event by its watermark, and the prefix with it', async () => {
    const { eventStore, readStore } = await registered();
    // One stream, tally-0: everything lands in partition 0.
    const head = await seedLog(eventStore, 40, 1, 20);
    const events = await allEvents(eventStore);
    const entries: PartitionEntry<StoredEvent>[] = events.map((event) => ({
      kind: 'event',
      event,
    }));

    const first = await applyPartitionBatch(tally, readStore, target, batchOf(0, entries));
    expect(first).toMatchObject({ kind: 'applied', sourceCheckpoint: head, checkpoint: 0 });
    const empty = await applyPartitionBatch(tally, readStore, target, {
      ...batchOf(1, [{ kind: 'watermark', position: head }]),
    });
    // Partition 2 has said nothing yet: the prefix is not known to be complete.
    expect(empty).toMatchObject({ kind: 'applied', events: 0, sourceCheckpoint: head });
    expect(empty.checkpoint).toBe(0);
    const last = await applyPartitionBatch(tally, readStore, target, {
      ...batchOf(2, [{ kind: 'watermark', position: head - 10 }]),
    });
    expect(last.checkpoint).toBe(head - 10);
    // A watermark repeated or behind changes nothing.
    const again = await applyPartitionBatch(tally, readStore, target, {
      ...batchOf(2, [{ kind: 'watermark', position: head - 20 }]),
    });
    expect(again).toMatchObject({ kind: 'stale', checkpoint: head - 10 });
    // Events at or below a watermark are what came before it: a replay, skipped.
    const replay = await applyPartitionBatch(tally, readStore, target, batchOf(0, entries));
    expect(replay).toMatchObject({ kind: 'stale', events: 0, duplicates: events.length });
    expect(await dump(readStore, tally.name)).toEqual(expected(events));
  });

  it('takes over a generation built from the store without applying its events again', async () => {
    const { eventStore, readStore } = await registered();
    await seedLog(eventStore, 300, 37, 100);
    const events = await allEvents(eventStore);
    const cut = events[199].position;
    await applyBatch(tally, readStore, target, events.slice(0, 200));
    for (const [p, entries] of partitioned(events).entries()) {
      const outcome = await applyPartitionBatch(tally, readStore, target, batchOf(p, entries));
      expect(outcome.duplicates).toBe(
        entries.filter((e) => e.kind === 'event' && e.event.position <= cut).length,
      );
    }
    expect(await dump(readStore, tally.name)).toEqual(expected(events));
  });

  it('refuses projections whose documents span streams', async () => {
    const { eventStore, readStore } = await registered();
    await seedLog(eventStore, 10, 2, 10);
    const events = await allEvents(eventStore);
    await expect(
      applyPartitionBatch(streamTally, readStore, target, batchOf(0, [])),
    ).rejects.toThrow(NotPartitionableError);
    // Declared, but a document fed by two streams shows it is not true.
    const liar = defineProjection<StreamTally, StoredEvent>({
      ...tally,
      documents: { ...tally.documents, idOf: () => 'everything' },
    });
    const entries: PartitionEntry<StoredEvent>[] = events.map((event) => ({
      kind: 'event',
      event,
    }));
    await expect(applyPartitionBatch(liar, readStore, target, batchOf(0, entries))).rejects.toThrow(
      NotPartitionableError,
    );
    expect(await readStore.documents(tally.name).count()).toBe(0);
  });
});
