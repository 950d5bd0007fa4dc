import type { ReadModelStore } from './read-model-store.port';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

/**
 * Where read models live. Plain JSON like EventStoreConfig, so apps read it from configuration
 * and tests hand it to child processes. Add `{ kind: 'postgres'; ... }` with that adapter.
 */
export type ReadModelStoreConfig = { readonly kind: 'sqlite'; readonly path: string };

export async function openReadModelStore(config: ReadModelStoreConfig): Promise<ReadModelStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteReadModelStore.open({ path: config.path });
    default:
      throw new Error(`Unknown read model store kind: ${(config as { kind: unknown }).kind}`);
  }
}
