import type {
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { decodeEvent } from './decode-event';
import type { RecordedEvent } from './recorded-event';

/**
 * The read side of the log, as its consumers see it: the same reads as the EventStore port, with
 * every event already decoded to `E`. The raw EventStore is itself an `EventReader<StoredEvent>`
 * (integrity checks and digests read the bytes as stored).
 */
export interface EventReader<E> {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<E[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<E[]>;
  subscribe(
    options: SubscribeOptions,
    handler: (batch: readonly E[]) => Promise<void> | void,
  ): Subscription;
  headPosition(): Promise<number>;
}

/** A reader that decodes each event the store returns with `decode`, batch by batch. */
function decodingReader<E>(store: EventStore, decode: (event: StoredEvent) => E): EventReader<E> {
  return {
    readStream: async (streamId, options) =>
      (await store.readStream(streamId, options)).map(decode),
    readAll: (options) => mapBatches(store.readAll(options), decode),
    subscribe: (options, handler) =>
      store.subscribe(options, (batch) => handler(batch.map(decode))),
    headPosition: () => store.headPosition(),
  };
}

async function* mapBatches<E>(
  batches: AsyncIterable<StoredEvent[]>,
  decode: (event: StoredEvent) => E,
): AsyncIterable<E[]> {
  for await (const batch of batches) yield batch.map(decode);
}

/**
 * Chidao's log as typed, current-version domain events: what the repository, projections (fed
 * by the store or by Kafka), time travel, late entries, report verification, the audit CLI and
 * the bench read. Old shapes are upcast here, so no consumer ever sees one.
 */
export const readDomainEvents = (store: EventStore): EventReader<RecordedEvent> =>
  decodingReader(store, decodeEvent);
