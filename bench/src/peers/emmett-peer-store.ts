/** An Emmett event store (core EventStore interface) behind the side-by-side workload's PeerStore. */
import type { PeerStore } from './peer-store';

/** The part of Emmett's EventStore the workload drives. */
export interface EmmettEventStore {
  appendToStream(
    stream: string,
    events: { type: string; data: unknown; metadata?: unknown }[],
    options: { expectedStreamVersion: bigint },
  ): Promise<unknown>;
  readStream(stream: string): Promise<{ events: { type: string; data: unknown }[] }>;
}

export function emmettPeerStore(
  name: string,
  store: EmmettEventStore,
  close: () => Promise<void>,
): PeerStore {
  return {
    name,
    async append(streamId, event, version) {
      await store.appendToStream(
        streamId,
        [{ type: event.type, data: event.data, metadata: event.metadata }],
        { expectedStreamVersion: BigInt(version) },
      );
    },
    read: async (streamId) => (await store.readStream(streamId)).events,
    close,
  };
}
