/**
 * PostgreSQL connections for every Chidao adapter (log, read models, snapshots, anchors). A
 * deployment may keep several Chidao databases side by side in one server by giving each its own
 * schema: every connection of the pool sets its search_path to that schema.
 */
import { Pool, type PoolConfig } from 'pg';

interface PgPoolOptions {
  /** postgres://user@host:port/database */
  readonly url: string;
  /** Schema holding Chidao's tables (created when missing); default `public`. */
  readonly schema?: string;
  /** Connections in the pool (default 10). */
  readonly max?: number;
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool whose connections all use `schema`, creating the schema first. */
export async function openPgPool(options: PgPoolOptions): Promise<Pool> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`PostgreSQL schema must match ${SCHEMA_NAME.source}, got "${schema}"`);
  }
  const config: PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'chidao',
    // search_path for every connection, set by the server at connect time (no extra round trip).
    options: `-c search_path=${schema}`,
  };
  const pool = new Pool(config);
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two processes creating the same schema at once: IF NOT EXISTS is not atomic in PostgreSQL.
    if (!isDuplicateSchema(error)) {
      await pool.end();
      throw error;
    }
  }
  return pool;
}

const isDuplicateSchema = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return code === '42P06' || code === '23505';
};
