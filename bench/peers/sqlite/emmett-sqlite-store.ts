/**
 * Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`) behind the benchmark's
 * PeerStore. Loaded with require from this directory's own node_modules (installed on demand by
 * `npm run bench`), so the repository's type check does not need it installed.
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
}

const load = createRequire(__filename);

export function emmettSqliteStore(file: string): PeerStore {
  const { getSQLiteEventStore } = load('@event-driven-io/emmett-sqlite') as {
    getSQLiteEventStore(options: {
      fileName: string;
      schema?: { autoMigration?: string };
    }): EmmettEventStore;
  };
  const store = getSQLiteEventStore({
    fileName: file,
    schema: { autoMigration: 'CreateOrUpdate' },
  });
  return {
    name: 'Emmett SQLite',
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
    // Each call opens and closes its own connection to the file: nothing to close.
    close: async () => undefined,
  };
}
