/**
 * A PostgreSQL backup may leave the read models out (`--exclude-table="<schema>.rm_*"`): they are
 * rebuilt from the log. But the migrations bookkeeping it restores still lists the read models'
 * migrations as applied, so `migrate` would apply nothing and every query would fail on a missing
 * table. When a table those migrations create is missing, the read models are dropped whole
 * (documents tables included) and their bookkeeping forgotten: the migrations then create them
 * again, empty, and the processes rebuild every read model from the log.
 */
import { READ_MODELS_COMPONENT, readModelMigrations } from '@chidao/projections';
import type { PoolClient, Pool } from 'pg';

const MIGRATIONS_TABLE = 'chidao_schema_migrations';

/** What each of the read models' migrations creates; documents tables are made per generation. */
const TABLES_BY_VERSION: ReadonlyMap<number, readonly string[]> = new Map(
  readModelMigrations.map((migration) => [
    migration.version,
    [...migration.sql.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1]),
  ]),
);

/** Every read-model table is named rm_…, as the backup's exclusion pattern relies on. */
const READ_MODEL_TABLE_PATTERN = 'rm\\_%';

/**
 * Resets the read models of the pool's schema when the bookkeeping says they are migrated but a
 * table of theirs is missing; returns the tables found missing (none: nothing was done). Run
 * before their migrations, by `chidao migrate` and by every process as it opens its stores.
 */
export async function resetReadModelsWithMissingTables(pool: Pool): Promise<readonly string[]> {
  const client = await pool.connect();
  try {
    if ((await missingButRecorded(client)).length === 0) return [];
    await client.query('BEGIN');
    try {
      // migrate() reads and writes the bookkeeping: it waits until this is decided, and this
      // waits for a migration in flight. Then look again: another process may have done it.
      await client.query(`LOCK TABLE ${MIGRATIONS_TABLE} IN ACCESS EXCLUSIVE MODE`);
      const missing = await missingButRecorded(client);
      if (missing.length > 0) {
        const { rows } = await client.query<{ name: string }>(
          `SELECT tablename AS name FROM pg_tables
           WHERE schemaname = current_schema() AND tablename LIKE $1`,
          [READ_MODEL_TABLE_PATTERN],
        );
        for (const { name } of rows) {
          await client.query(`DROP TABLE IF EXISTS "${name.replace(/"/g, '""')}"`);
        }
        await client.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE component = $1`, [
          READ_MODELS_COMPONENT,
        ]);
      }
      await client.query('COMMIT');
      return missing;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

/** The read models' tables that are missing although their migrations are recorded. */
async function missingButRecorded(client: PoolClient): Promise<string[]> {
  const { rows: found } = await client.query<{ present: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [MIGRATIONS_TABLE],
  );
  if (!found[0].present) return [];
  const { rows: recorded } = await client.query<{ version: number }>(
    `SELECT version FROM ${MIGRATIONS_TABLE} WHERE component = $1`,
    [READ_MODELS_COMPONENT],
  );
  const expected = recorded.flatMap(({ version }) => TABLES_BY_VERSION.get(version) ?? []);
  if (expected.length === 0) return [];
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NULL`,
    [expected],
  );
  return rows.map((row) => row.name);
}
