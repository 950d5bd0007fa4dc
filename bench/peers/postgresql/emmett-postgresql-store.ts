/**
 * Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`) behind the benchmark's
 * PeerStore, in a schema of its own (search_path). Loaded with require from this directory's own
 * node_modules (installed on demand by `npm run bench`).
 */
import { createRequire } from 'node:module';
import type { PeerStore } from '../../src/peers/peer-store';

interface EmmettEventStore {
  appendToStream(
    stream: string,
    events: { type: string; data: unknown; metadata?: unknown }[],
    options: { expectedStreamVersion: bigint },
  ): Promise<unknown>;
  readStream(stream: string): Promise<{ events: { type: string; data: unknown }[] }>;
  close(): Promise<void>;
}

const load = createRequire(__filename);

export function emmettPostgresStore(url: string, schema: string): PeerStore {
  const { getPostgreSQLEventStore } = load('@event-driven-io/emmett-postgresql') as {
    getPostgreSQLEventStore(connectionString: string): EmmettEventStore;
  };
  const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const store = getPostgreSQLEventStore(withSchema);
  return {
    name: 'Emmett PostgreSQL',
    async append(streamId, event, version) {
      await store.appendToStream(
        streamId,
        [{ type: event.type, data: event.data, metadata: event.metadata }],
        { expectedStreamVersion: BigInt(version) },
      );
    },
    async read(streamId) {
      return (await store.readStream(streamId)).events;
    },
    close: () => store.close(),
  };
}
