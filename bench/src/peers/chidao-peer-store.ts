/** Chidao's event store behind the side-by-side workload's PeerStore. */
import type { EventStore } from '@chidao/event-store';
import type { PeerStore } from './peer-store';

export function chidaoPeerStore(
  name: string,
  store: EventStore,
  close: () => Promise<void>,
): PeerStore {
  return {
    name,
    async append(streamId, event, version) {
      await store.append(streamId, [event], {
        expectedVersion: version === 0 ? 'no_stream' : version,
      });
    },
    read: (streamId) => store.readStream(streamId),
    close,
  };
}
