/**
 * The physical floor on PostgreSQL: the same rows Chidao appends, written by raw `pg` as
 * multi-row INSERTs in one transaction per batch, and by COPY FROM STDIN (pg-copy-streams),
 * into a bare table with the same unique (stream, version) key. No hashing, no checks.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FloorRow {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly occurredOn: string;
}

interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}

const load = createRequire(__filename);

const TABLE = `(position bigserial primary key, stream_id text not null, version int not null,
  type text not null, data jsonb not null, metadata jsonb not null, occurred_on date not null,
  recorded_at timestamptz not null default now(), unique (stream_id, version))`;

async function withTable<T>(url: string, schema: string, body: (client: PgClient) => Promise<T>) {
  const { Client } = load('pg') as {
    Client: new (options: { connectionString: string }) => PgClient;
  };
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
    await client.query(`create table ${schema}.events ${TABLE}`);
    return await body(client);
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await client.end();
  }
}

/** Milliseconds to INSERT the rows, `batch` rows per statement and transaction. */
export function insertRows(url: string, schema: string, rows: readonly FloorRow[], batch: number) {
  return withTable(url, schema, async (client) => {
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batch) {
      const slice = rows.slice(i, i + batch);
      const values: unknown[] = [];
      const tuples = slice.map((row, j) => {
        values.push(row.streamId, row.version, row.type, row.data, row.metadata, row.occurredOn);
        const p = j * 6;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
      });
      await client.query('begin');
      await client.query(
        `insert into ${schema}.events (stream_id, version, type, data, metadata, occurred_on) values ${tuples.join(',')}`,
        values,
      );
      await client.query('commit');
    }
    return performance.now() - started;
  });
}

const csv = (value: string | number): string => `"${String(value).replace(/"/g, '""')}"`;

/** Milliseconds to COPY the rows in, `batch` rows per COPY (one transaction each). */
export function copyRows(url: string, schema: string, rows: readonly FloorRow[], batch: number) {
  const { from } = load('pg-copy-streams') as { from: (sql: string) => NodeJS.WritableStream };
  return withTable(url, schema, async (client) => {
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batch) {
      const lines = rows
        .slice(i, i + batch)
        .map(
          (r) =>
            [r.streamId, r.version, r.type, r.data, r.metadata, r.occurredOn].map(csv).join(',') +
            '\n',
        );
      const stream = (client.query as unknown as (s: unknown) => NodeJS.WritableStream)(
        from(
          `copy ${schema}.events (stream_id, version, type, data, metadata, occurred_on) from stdin with (format csv)`,
        ),
      );
      await pipeline(Readable.from(lines), stream);
    }
    return performance.now() - started;
  });
}
