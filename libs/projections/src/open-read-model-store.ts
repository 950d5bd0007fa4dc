import type { ReadModelStore } from './read-model-store.port';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
import { PostgresReadModelStore } from './postgres/postgres-read-model-store';

/**
 * Where read models live. Plain JSON like EventStoreConfig, so apps read it from configuration
 * and tests hand it to child processes.
 */
export type ReadModelStoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  /** `schema` default `public`; migrations run on open. */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export async function openReadModelStore(config: ReadModelStoreConfig): Promise<ReadModelStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteReadModelStore.open({ path: config.path });
    case 'postgres':
      return PostgresReadModelStore.open({ url: config.url, schema: config.schema });
    default:
      throw new Error(
        `Unknown read model store kind: ${String((config as { kind: unknown }).kind)}`,
      );
  }
}
