import type Database from 'better-sqlite3';
import type { ColumnSchema, ColumnType } from '../projection';

export const PROJECTIONS_TABLE = 'rm_projections';
export const GENERATIONS_TABLE = 'rm_generations';
export const CHECKPOINTS_TABLE = 'rm_checkpoints';
export const SOURCE_CHECKPOINTS_TABLE = 'rm_source_checkpoints';

/**
 * The registry, one row per projection; one row per live generation (its fingerprint and
 * columns, so queries know the columns without the projection's code); one checkpoint row per
 * generation, and one per source of a generation fed by partitioned sources (Kafka partitions).
 * `last_generation` keeps numbers unique after old generations are dropped.
 * Everything is prefixed `rm_` because it may share the file with the event log.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS ${PROJECTIONS_TABLE} (
  name               TEXT    PRIMARY KEY,
  active_generation  INTEGER NOT NULL,
  fingerprint        TEXT    NOT NULL,
  status             TEXT    NOT NULL CHECK (status IN ('active', 'rebuilding')),
  pending_generation INTEGER,
  last_generation    INTEGER NOT NULL,
  updated_at         TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS ${GENERATIONS_TABLE} (
  projection  TEXT    NOT NULL,
  generation  INTEGER NOT NULL,
  fingerprint TEXT    NOT NULL,
  columns     TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  PRIMARY KEY (projection, generation)
);
CREATE TABLE IF NOT EXISTS ${CHECKPOINTS_TABLE} (
  projection TEXT    NOT NULL,
  generation INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  -- Bumped by every committed batch: the token optimistic batch transactions validate.
  version    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (projection, generation)
);
CREATE TABLE IF NOT EXISTS ${SOURCE_CHECKPOINTS_TABLE} (
  projection TEXT    NOT NULL,
  generation INTEGER NOT NULL,
  source     TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  PRIMARY KEY (projection, generation, source)
);
`;

/** Creates what is missing; safe from several processes at once (the write lock serialises). */
export function ensureReadModelSchema(db: Database.Database): void {
  db.transaction(() => db.exec(DDL)).immediate();
}

/** Names are validated by validateSchema before they get here; the generation is an integer. */
export function documentsTable(projection: string, generation: number): string {
  return `rm_${projection}_g${generation}`;
}

const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
};

export function createDocumentsTable(
  db: Database.Database,
  projection: string,
  generation: number,
  columns: readonly ColumnSchema[],
): void {
  const table = documentsTable(projection, generation);
  const declared = columns.map((column) => `, ${column.name} ${SQL_TYPES[column.type]}`).join('');
  // A table of this name can only be left over from something outside this store: start clean.
  db.exec(`DROP TABLE IF EXISTS ${table}`);
  db.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL${declared})`);
  for (const column of columns.filter((c) => c.index)) {
    // id in the index too: filtered, ordered queries and keyset paging are one range scan.
    db.exec(`CREATE INDEX ${table}_${column.name} ON ${table} (${column.name}, id)`);
  }
}
