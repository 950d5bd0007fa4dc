import type { Migration } from '@chidao/event-store';
import type { PoolClient } from 'pg';
import type { ColumnSchema, ColumnType } from '../projection';

export const READ_MODELS_COMPONENT = 'read-models';

export const PROJECTIONS_TABLE = 'rm_projections';
export const GENERATIONS_TABLE = 'rm_generations';
export const CHECKPOINTS_TABLE = 'rm_checkpoints';
export const SOURCE_CHECKPOINTS_TABLE = 'rm_source_checkpoints';

/**
 * The registry, generations and checkpoints, as in the SQLite adapter. Documents tables are not
 * migrations: they are made per generation, from the columns a projection declares. Shipped
 * migrations never change (their checksum is checked): a change is a new entry at the end.
 */
export const readModelMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'registry, generations and checkpoints',
    sql: `
CREATE TABLE ${PROJECTIONS_TABLE} (
  name               text        PRIMARY KEY,
  active_generation  integer     NOT NULL,
  fingerprint        text        NOT NULL,
  status             text        NOT NULL CHECK (status IN ('active', 'rebuilding')),
  pending_generation integer,
  -- Keeps generation numbers unique after old generations are dropped.
  last_generation    integer     NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE TABLE ${GENERATIONS_TABLE} (
  projection  text        NOT NULL,
  generation  integer     NOT NULL,
  fingerprint text        NOT NULL,
  -- The declared columns as JSON, so queries know them without the projection's code.
  columns     text        NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (projection, generation)
);
-- One row per live generation; a batch transaction locks it FOR UPDATE before anything else.
CREATE TABLE ${CHECKPOINTS_TABLE} (
  projection text    NOT NULL,
  generation integer NOT NULL,
  position   bigint  NOT NULL,
  PRIMARY KEY (projection, generation)
);`,
  },
  {
    version: 2,
    name: 'source checkpoints of partitioned generations',
    sql: `
-- How far a generation fed from Kafka has read each partition ('<topic>:<partition>'); written in
-- the batch transaction with the documents, under the generation's checkpoint row lock.
CREATE TABLE ${SOURCE_CHECKPOINTS_TABLE} (
  projection text    NOT NULL,
  generation integer NOT NULL,
  source     text    NOT NULL,
  position   bigint  NOT NULL,
  PRIMARY KEY (projection, generation, source)
);`,
  },
];

/** Names are validated by validateSchema before they get here; the generation is an integer. */
export function documentsTable(projection: string, generation: number): string {
  return `rm_${projection}_g${generation}`;
}

/**
 * Text compares byte by byte (`COLLATE "C"`), as SQLite's BINARY does, whatever the database's
 * locale: ordering, ranges and keyset paging give the same answers on both adapters.
 */
const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'text COLLATE "C"',
  integer: 'bigint',
  real: 'double precision',
};

/** The element type of the array an upsert passes a column's values in. */
export const ARRAY_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'text[]',
  integer: 'bigint[]',
  real: 'double precision[]',
};

/** PostgreSQL cuts identifiers at 63 bytes: a long name falls back to the column's rank. */
const MAX_IDENTIFIER = 63;

export async function createDocumentsTable(
  client: PoolClient,
  projection: string,
  generation: number,
  columns: readonly ColumnSchema[],
): Promise<void> {
  const table = documentsTable(projection, generation);
  const declared = columns.map((column) => `, ${column.name} ${SQL_TYPES[column.type]}`).join('');
  // A table of this name can only be left over from something outside this store: start clean.
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(
    `CREATE TABLE ${table} (id text COLLATE "C" PRIMARY KEY, doc text NOT NULL${declared})`,
  );
  for (const [rank, column] of columns.entries()) {
    if (!column.index) continue;
    const named = `${table}_${column.name}`;
    const index = named.length <= MAX_IDENTIFIER ? named : `${table}_c${rank}`;
    // id in the index too: filtered, ordered queries and keyset paging are one range scan.
    await client.query(`CREATE INDEX ${index} ON ${table} (${column.name}, id)`);
  }
}

/** Drops a generation's table, registry row and checkpoints. */
export async function dropGeneration(
  client: PoolClient,
  projection: string,
  generation: number,
): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${documentsTable(projection, generation)}`);
  await client.query(`DELETE FROM ${GENERATIONS_TABLE} WHERE projection = $1 AND generation = $2`, [
    projection,
    generation,
  ]);
  await client.query(`DELETE FROM ${CHECKPOINTS_TABLE} WHERE projection = $1 AND generation = $2`, [
    projection,
    generation,
  ]);
  await client.query(
    `DELETE FROM ${SOURCE_CHECKPOINTS_TABLE} WHERE projection = $1 AND generation = $2`,
    [projection, generation],
  );
}
