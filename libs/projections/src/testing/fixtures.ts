/**
 * Projections and logs shared by the contract suite, the runner tests and their child processes
 * (which must run exactly the same code as the parent for byte-for-byte comparisons).
 */
import type { EventStore, NewEvent, StoredEvent } from '@chidao/event-store';
import { defineProjection, type DocumentProjection } from '../projection';

export interface StreamTally {
  readonly streamId: string;
  readonly events: number;
  readonly sum: number;
  readonly lastPosition: number;
}

/**
 * Events per stream and the sum of `data.amount`: easy to check, sensitive to any double count.
 * It reads the log as stored (its `Counted` events are no domain event): the machinery is the same.
 */
export const streamTally: DocumentProjection<StreamTally, StoredEvent> = defineProjection<
  StreamTally,
  StoredEvent
>({
  name: 'stream_tally',
  version: 1,
  documents: {
    idOf: (event) => (event.type === 'Counted' ? event.streamId : null),
    evolve: (doc, event) => ({
      streamId: event.streamId,
      events: (doc?.events ?? 0) + 1,
      sum: (doc?.sum ?? 0) + (event.data as { amount: number }).amount,
      lastPosition: event.position,
    }),
  },
  columns: [
    { name: 'events', type: 'integer', of: (doc) => doc.events, index: true },
    { name: 'total', type: 'integer', of: (doc) => doc.sum },
  ],
});

/** The amount carried by `countedEvent(index)`. */
export const amountOf = (index: number): number => (index * 37) % 101;

export function countedEvent(index: number): NewEvent<{ amount: number }> {
  return {
    type: 'Counted',
    schemaVersion: 1,
    data: { amount: amountOf(index) },
    metadata: {
      actor: 'system:test',
      agency: null,
      correlationId: `c-${index}`,
      causationId: null,
    },
    occurredOn: '2024-05-27',
  };
}

/**
 * Appends `count` Counted events round-robin over `streams` streams, `perAppend` per transaction,
 * plus one event of another type every 10, which the projection must ignore.
 */
export async function seedLog(
  store: EventStore,
  count: number,
  streams = 37,
  perAppend = 250,
): Promise<number> {
  let last = 0;
  for (let start = 0; start < count; start += perAppend) {
    const writes = new Map<string, NewEvent[]>();
    for (let i = start; i < Math.min(count, start + perAppend); i += 1) {
      const streamId = `tally-${i % streams}`;
      const event = i % 10 === 9 ? { ...countedEvent(i), type: 'Ignored' } : countedEvent(i);
      writes.set(streamId, [...(writes.get(streamId) ?? []), event]);
    }
    const results = await store.appendMany(
      [...writes].map(([streamId, events]) => ({ streamId, events })),
    );
    last = Math.max(last, ...results.map((result) => result.lastPosition));
  }
  return last;
}
