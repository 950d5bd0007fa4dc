import type { Pool } from 'pg';
import { migrate, type Migration } from './pg-migrations';
import { openPgPool } from './pg-pool';

/** Where a PostgreSQL adapter keeps its tables. */
export interface PgAdapterOptions {
  /** postgres://user@host:port/database */
  readonly url: string;
  /** Schema holding the adapter's tables (created when missing); default `public`. */
  readonly schema?: string;
  /** A pool to share (its search_path decides the schema; `url` and `schema` are then unused). */
  readonly pool?: Pool;
}

/** What an adapter is to the database: its migrations and how its own pool is labelled. */
interface PgComponent {
  /** The name its migrations are recorded under. */
  readonly component: string;
  readonly migrations: readonly Migration[];
  /** Connections of a pool opened here (default 10). */
  readonly max?: number;
  readonly applicationName: string;
}

interface MigratedPool {
  readonly pool: Pool;
  /** True when the pool was opened here: the adapter ends it on close, never a shared one. */
  readonly ownsPool: boolean;
}

/**
 * How every PostgreSQL adapter opens: its own pool (or the one it was given to share), with its
 * component's missing migrations applied. A pool opened here is ended again when they fail, so a
 * refused start leaves no connection behind.
 */
export async function openMigratedPool(
  options: PgAdapterOptions,
  component: PgComponent,
): Promise<MigratedPool> {
  const ownsPool = !options.pool;
  const pool =
    options.pool ??
    (await openPgPool({
      url: options.url,
      schema: options.schema,
      max: component.max,
      applicationName: component.applicationName,
    }));
  try {
    await migrate(pool, component.component, component.migrations);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }
  return { pool, ownsPool };
}
