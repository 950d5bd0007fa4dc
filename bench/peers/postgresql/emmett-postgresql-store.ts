/**
 * Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`) behind the benchmark's
 * PeerStore, in a schema of its own (search_path). Loaded with require from this directory's own
 * node_modules (installed on demand by `npm run bench`).
 */
import { createRequire } from 'node:module';
import { emmettPeerStore, type EmmettEventStore } from '../../src/peers/emmett-peer-store';
import type { PeerStore } from '../../src/peers/peer-store';

const load = createRequire(__filename);

export function emmettPostgresStore(url: string, schema: string): PeerStore {
  const { getPostgreSQLEventStore } = load('@event-driven-io/emmett-postgresql') as {
    getPostgreSQLEventStore: (
      connectionString: string,
    ) => EmmettEventStore & { close(): Promise<void> };
  };
  const searchPath = encodeURIComponent(`-c search_path=${schema}`);
  const store = getPostgreSQLEventStore(
    `${url}${url.includes('?') ? '&' : '?'}options=${searchPath}`,
  );
  return emmettPeerStore('Emmett PostgreSQL', store, () => store.close());
}
