/**
 * Versioned schema migrations for the PostgreSQL adapters. Each component (event log, read
 * models, snapshots, anchors) owns a numbered list; `migrate` applies the missing ones in order,
 * each in its own transaction, under an advisory lock so that several processes starting at once
 * apply every migration exactly once. A migration already applied whose text has changed is an
 * error: shipped migrations are never edited, a change is a new migration.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

export interface Migration {
  /** 1, 2, 3, … without holes. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

interface MigrationResult {
  readonly component: string;
  readonly applied: readonly number[];
  readonly version: number;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const MIGRATIONS_TABLE = 'chidao_schema_migrations';
/** Any constant shared by every Chidao process: serialises migrations across the deployment. */
const MIGRATION_LOCK = 4_207_190_001;

const checksum = (migration: Migration): string =>
  createHash('sha256').update(migration.sql, 'utf8').digest('hex');

export async function migrate(
  pool: Pool,
  component: string,
  migrations: readonly Migration[],
): Promise<MigrationResult> {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new MigrationError(`${component}: migration ${i + 1} is numbered ${migration.version}`);
    }
  });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
           component text NOT NULL,
           version integer NOT NULL,
           name text NOT NULL,
           checksum text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (component, version))`,
      );
      const done = await appliedChecksums(client, component);
      for (const [version, sum] of done) {
        const migration = migrations[version - 1];
        if (!migration) {
          throw new MigrationError(
            `${component}: the database is at migration ${version}, newer than this build knows (${migrations.length}); upgrade the application`,
          );
        }
        if (checksum(migration) !== sum) {
          throw new MigrationError(
            `${component}: migration ${version} (${migration.name}) was changed after it was applied`,
          );
        }
      }
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO ${MIGRATIONS_TABLE} (component, version, name, checksum) VALUES ($1, $2, $3, $4)`,
            [component, migration.version, migration.name, checksum(migration)],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
      return { component, applied, version: migrations.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function appliedChecksums(
  client: PoolClient,
  component: string,
): Promise<Map<number, string>> {
  const { rows } = await client.query<{ version: number; checksum: string }>(
    `SELECT version, checksum FROM ${MIGRATIONS_TABLE} WHERE component = $1 ORDER BY version`,
    [component],
  );
  return new Map(rows.map((row) => [row.version, row.checksum]));
}
