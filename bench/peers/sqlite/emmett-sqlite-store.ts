/**
 * Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`) behind the benchmark's
 * PeerStore. Loaded with require from this directory's own node_modules (installed on demand by
 * `npm run bench`), so the repository's type check does not need it installed.
 */
import { createRequire } from 'node:module';
import { emmettPeerStore, type EmmettEventStore } from '../../src/peers/emmett-peer-store';
import type { PeerStore } from '../../src/peers/peer-store';

const load = createRequire(__filename);

export function emmettSqliteStore(file: string): PeerStore {
  const { getSQLiteEventStore } = load('@event-driven-io/emmett-sqlite') as {
    getSQLiteEventStore: (options: {
      fileName: string;
      schema?: { autoMigration?: string };
    }) => EmmettEventStore;
  };
  const store = getSQLiteEventStore({
    fileName: file,
    schema: { autoMigration: 'CreateOrUpdate' },
  });
  // Each of its calls opens and closes its own connection to the file: nothing to close.
  return emmettPeerStore('Emmett SQLite', store, () => Promise.resolve());
}
