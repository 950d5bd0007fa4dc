import type { PoolClient } from 'pg';
import { BufferedBatchTransaction } from '../buffered-batch-transaction';
import type { DocumentWrite, GenerationRecord, ProjectionRecord } from '../read-model-store.port';
import { toSafeNumber } from './pg-document-sql';
import {
  ARRAY_TYPES,
  CHECKPOINTS_TABLE,
  documentsTable,
  SOURCE_CHECKPOINTS_TABLE,
} from './pg-read-model-schema';

/** Documents per INSERT: each column travels as one array parameter, whatever the count. */
const UPSERT_CHUNK = 1000;

/**
 * One batch inside an open PostgreSQL transaction that holds the generation's checkpoint row
 * FOR UPDATE (so `generation.position` cannot move under it). Writes are buffered and sent by
 * `commit`, then the test hooks run, then the checkpoint: the same order as the SQLite adapter,
 * so a process killed in a hook leaves documents written and no checkpoint, and the server
 * rolls both back when the connection drops.
 */
export class PgBatchTransaction extends BufferedBatchTransaction {
  constructor(
    private readonly client: PoolClient,
    projection: ProjectionRecord,
    generation: GenerationRecord,
  ) {
    super(projection, generation, documentsTable(generation.projection, generation.generation));
  }

  protected async loadCommitted(ids: readonly string[]): Promise<{ id: string; doc: string }[]> {
    // One query whatever the number of ids: they travel as one array parameter.
    const { rows } = await this.client.query<{ id: string; doc: string }>(
      `SELECT id, doc FROM ${this.table} WHERE id = ANY($1::text[])`,
      [ids],
    );
    return rows;
  }

  protected async loadSourceCheckpoints(): Promise<{ source: string; position: number }[]> {
    // Under the checkpoint row lock: no other batch of this generation moves them meanwhile.
    const { rows } = await this.client.query<{ source: string; position: string }>(
      `SELECT source, position FROM ${SOURCE_CHECKPOINTS_TABLE}
       WHERE projection = $1 AND generation = $2`,
      [this.generation.projection, this.generation.generation],
    );
    return rows.map((row) => ({ source: row.source, position: toSafeNumber(row.position) }));
  }

  /** Sends the buffered writes and the checkpoints; the store commits right after. */
  async commit(): Promise<void> {
    if (this.deletes.size > 0) {
      await this.client.query(`DELETE FROM ${this.table} WHERE id = ANY($1::text[])`, [
        [...this.deletes],
      ]);
    }
    const documents = [...this.upserts.values()];
    for (let start = 0; start < documents.length; start += UPSERT_CHUNK) {
      await this.upsertChunk(documents.slice(start, start + UPSERT_CHUNK));
    }
    if (this.sourceUpdates.size > 0) {
      await this.client.query(
        `INSERT INTO ${SOURCE_CHECKPOINTS_TABLE} (projection, generation, source, position)
         SELECT $1, $2, * FROM unnest($3::text[], $4::bigint[])
         ON CONFLICT (projection, generation, source) DO UPDATE SET position = excluded.position`,
        [
          this.generation.projection,
          this.generation.generation,
          [...this.sourceUpdates.keys()],
          [...this.sourceUpdates.values()],
        ],
      );
    }
    for (const callback of this.writtenCallbacks) callback();
    await this.client.query(
      `UPDATE ${CHECKPOINTS_TABLE} SET position = $1 WHERE projection = $2 AND generation = $3`,
      [this.checkpoint, this.generation.projection, this.generation.generation],
    );
  }

  private async upsertChunk(documents: readonly DocumentWrite[]): Promise<void> {
    const names = this.columns.map((column) => column.name);
    const arrays: unknown[][] = [documents.map((d) => d.id), documents.map((d) => d.json)];
    for (const name of names) arrays.push(documents.map((d) => d.columns[name] ?? null));
    const types = ['text[]', 'text[]', ...this.columns.map((column) => ARRAY_TYPES[column.type])];
    await this.client.query(
      `INSERT INTO ${this.table} (id, doc${names.map((n) => `, ${n}`).join('')})
       SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${names
         .map((n) => `, ${n} = excluded.${n}`)
         .join('')}`,
      arrays,
    );
  }
}
