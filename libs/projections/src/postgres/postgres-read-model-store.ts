import { openMigratedPool, type PgAdapterOptions } from '@chidao/event-store';
import type { Pool, PoolClient } from 'pg';
import type { DocumentCollection } from '../document-query';
import { validateSchema, type ReadModelSchema } from '../projection';
import {
  targetGeneration,
  toGeneration,
  toRecord,
  type GenerationRow,
  type ProjectionRow,
} from '../read-model-rows';
import {
  GenerationGoneError,
  TransactionConflictError,
  UnknownProjectionError,
  type ActivationResult,
  type BatchTransaction,
  type GenerationRecord,
  type ProjectionRecord,
  type ReadModelStore,
  type WriteTarget,
} from '../read-model-store.port';
import { PgBatchTransaction } from './pg-batch-transaction';
import { PgDocumentCollection } from './pg-document-collection';
import { toSafeNumber } from './pg-document-sql';
import {
  CHECKPOINTS_TABLE,
  createDocumentsTable,
  documentsTable,
  dropGeneration,
  GENERATIONS_TABLE,
  PROJECTIONS_TABLE,
  READ_MODELS_COMPONENT,
  readModelMigrations,
} from './pg-read-model-schema';

interface PostgresReadModelStoreOptions extends PgAdapterOptions {
  /** Schema holding the `rm_` tables (created when missing); default `public`. */
  readonly schema?: string;
}

/** The checkpoint position is a bigint: pg returns it as a string. */
type PgGenerationRow = GenerationRow & { position: string };

const SELECT_PROJECTION = `
  SELECT p.name, p.active_generation, p.fingerprint, p.status, p.pending_generation,
         p.last_generation, g.fingerprint AS pending_fingerprint
  FROM ${PROJECTIONS_TABLE} p
  LEFT JOIN ${GENERATIONS_TABLE} g
    ON g.projection = p.name AND g.generation = p.pending_generation`;

const SELECT_GENERATION = `
  SELECT g.projection, g.generation, g.fingerprint, g.columns, c.position
  FROM ${GENERATIONS_TABLE} g
  JOIN ${CHECKPOINTS_TABLE} c ON c.projection = g.projection AND c.generation = g.generation
  WHERE g.projection = $1 AND g.generation = $2`;

/** deadlock_detected, serialization_failure: the server undid the attempt; run it again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 20;

type Client = Pick<PoolClient, 'query'>;

/**
 * Read models in PostgreSQL, the same `rm_` tables as the SQLite adapter: a registry row per
 * projection, one documents table and one checkpoint row per generation. Locks, always taken in
 * the order registry row → checkpoint rows, so no two writers wait on each other in a circle:
 *
 * - a batch transaction locks its generation's checkpoint row FOR UPDATE first, so batches on
 *   one generation run one after the other and each sees the checkpoint the previous committed;
 * - registry changes (register, begin, activate, abandon) lock the registry row FOR UPDATE, and
 *   the checkpoint rows of every generation they swap or drop, so a swap waits for the batches
 *   in flight and a batch that comes after finds its generation gone (and says so).
 *
 * Queries take no row locks: they read committed data while batches run.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  static async open(options: PostgresReadModelStoreOptions): Promise<PostgresReadModelStore> {
    const { pool, ownsPool } = await openMigratedPool(options, {
      component: READ_MODELS_COMPONENT,
      migrations: readModelMigrations,
      applicationName: 'chidao-read-models',
    });
    return new PostgresReadModelStore(pool, ownsPool);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  async register(schema: ReadModelSchema, fingerprint: string): Promise<ProjectionRecord> {
    validateSchema(schema);
    return this.inTransaction(async (client) => {
      // Several processes at once: the second INSERT waits for the first to commit, then skips.
      const inserted = await client.query(
        `INSERT INTO ${PROJECTIONS_TABLE} (name, active_generation, fingerprint, status,
           pending_generation, last_generation, updated_at)
         VALUES ($1, 1, $2, 'active', NULL, 1, now())
         ON CONFLICT (name) DO NOTHING`,
        [schema.name, fingerprint],
      );
      if (inserted.rowCount === 1) await this.createGeneration(client, schema, 1, fingerprint);
      return toRecord(await requireProjection(client, schema.name));
    });
  }

  async projection(name: string): Promise<ProjectionRecord | null> {
    this.assertOpen();
    const row = await projectionRow(this.pool, name);
    return row ? toRecord(row) : null;
  }

  async projections(): Promise<ProjectionRecord[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<ProjectionRow>(`${SELECT_PROJECTION} ORDER BY p.name`);
    return rows.map(toRecord);
  }

  async generation(name: string, generation: number): Promise<GenerationRecord | null> {
    this.assertOpen();
    const { rows } = await this.pool.query<PgGenerationRow>(SELECT_GENERATION, [name, generation]);
    return rows.length === 0 ? null : toPgGeneration(rows[0]);
  }

  async beginGeneration(schema: ReadModelSchema, fingerprint: string): Promise<GenerationRecord> {
    validateSchema(schema);
    return this.inTransaction(async (client) => {
      const row = await lockProjection(client, schema.name);
      if (row.pending_generation !== null) {
        await lockCheckpoints(client, schema.name, [row.pending_generation]);
        await dropGeneration(client, schema.name, row.pending_generation);
      }
      const generation = row.last_generation + 1;
      await this.createGeneration(client, schema, generation, fingerprint);
      await client.query(
        `UPDATE ${PROJECTIONS_TABLE} SET status = 'rebuilding', pending_generation = $1,
           last_generation = $1, updated_at = now() WHERE name = $2`,
        [generation, schema.name],
      );
      return requireGeneration(client, schema.name, generation);
    });
  }

  async activateGeneration(name: string, generation: number): Promise<ActivationResult> {
    return this.inTransaction(async (client) => {
      const row = await lockProjection(client, name);
      if (row.pending_generation !== generation) {
        return { swapped: false, reason: 'not_pending', record: toRecord(row) } as const;
      }
      // Waits for the batches in flight on either generation; their checkpoints are final then.
      await lockCheckpoints(client, name, [row.active_generation, generation]);
      const pending = await requireGeneration(client, name, generation);
      const active = await requireGeneration(client, name, row.active_generation);
      if (pending.position < active.position) {
        return { swapped: false, reason: 'behind', record: toRecord(row) } as const;
      }
      // Statistics before the first query: a table built in one go has none until autovacuum
      // comes by, and its range reads were planned as sorts of every row meanwhile.
      await client.query(`ANALYZE ${documentsTable(name, generation)}`);
      await client.query(
        `UPDATE ${PROJECTIONS_TABLE} SET active_generation = $1, fingerprint = $2,
           status = 'active', pending_generation = NULL, updated_at = now() WHERE name = $3`,
        [generation, pending.fingerprint, name],
      );
      await dropGeneration(client, name, row.active_generation);
      return { swapped: true, record: toRecord(await requireProjection(client, name)) };
    });
  }

  async abandonGeneration(name: string, generation: number): Promise<void> {
    await this.inTransaction(async (client) => {
      const row = await lockProjection(client, name);
      if (row.pending_generation !== generation) return;
      await lockCheckpoints(client, name, [generation]);
      await dropGeneration(client, name, generation);
      await client.query(
        `UPDATE ${PROJECTIONS_TABLE} SET status = 'active', pending_generation = NULL,
           updated_at = now() WHERE name = $1`,
        [name],
      );
    });
  }

  /**
   * Pessimistic: `work` runs inside the transaction with the generation's checkpoint row locked,
   * so it runs once (again only after a deadlock the server broke by undoing this attempt).
   */
  async transaction<R>(
    name: string,
    target: WriteTarget,
    work: (tx: BatchTransaction) => Promise<R>,
  ): Promise<R> {
    return this.inTransaction(async (client) => {
      const { projection, generation } = await lockTarget(client, name, target);
      const tx = new PgBatchTransaction(client, projection, generation);
      let result: R;
      try {
        result = await work(tx);
      } finally {
        tx.finish();
      }
      await tx.commit();
      return result;
    }, name);
  }

  documents<D>(name: string): DocumentCollection<D> {
    return new PgDocumentCollection<D>(this.pool, name, () => this.assertOpen());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    if (this.ownsPool) await this.pool.end();
  }

  /** One transaction on one pooled connection, retried when the server undid it. */
  private async inTransaction<T>(
    fn: (client: PoolClient) => Promise<T>,
    projection = 'registry',
  ): Promise<T> {
    this.assertOpen();
    const run = (async () => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const client = await this.pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await fn(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
          if (!RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
        } finally {
          // A connection whose ROLLBACK failed is in an unknown state: the pool drops it.
          client.release(broken);
        }
      }
      throw new TransactionConflictError(projection, MAX_ATTEMPTS);
    })();
    this.inFlight.add(run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async createGeneration(
    client: PoolClient,
    schema: ReadModelSchema,
    generation: number,
    fingerprint: string,
  ): Promise<void> {
    await createDocumentsTable(client, schema.name, generation, schema.columns);
    await client.query(
      `INSERT INTO ${GENERATIONS_TABLE} (projection, generation, fingerprint, columns, created_at)
       VALUES ($1, $2, $3, $4, now())`,
      [schema.name, generation, fingerprint, JSON.stringify(schema.columns)],
    );
    await client.query(
      `INSERT INTO ${CHECKPOINTS_TABLE} (projection, generation, position) VALUES ($1, $2, 0)`,
      [schema.name, generation],
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresReadModelStore is closed');
  }
}

/**
 * Resolves the target and locks its checkpoint row. The registry row is read without a lock:
 * whatever swaps or drops the generation must lock this checkpoint row first, so once it is
 * locked here the generation stays; if it went between the two reads, the row is gone and the
 * target is resolved again (a swap then shows up as superseded, a drop as gone).
 */
async function lockTarget(
  client: Client,
  name: string,
  target: WriteTarget,
): Promise<{ projection: ProjectionRecord; generation: GenerationRecord }> {
  for (;;) {
    const generation = targetGeneration(await requireProjection(client, name), target);
    const locked = await client.query(
      `SELECT position FROM ${CHECKPOINTS_TABLE}
       WHERE projection = $1 AND generation = $2 FOR UPDATE`,
      [name, generation],
    );
    if (locked.rowCount === 0) continue;
    // Read again under the lock: the record the work sees is the one it commits against.
    const current = await requireProjection(client, name);
    return {
      projection: toRecord(current),
      generation: await requireGeneration(client, name, generation),
    };
  }
}

async function lockProjection(client: Client, name: string): Promise<ProjectionRow> {
  const { rows } = await client.query<ProjectionRow>(
    `${SELECT_PROJECTION} WHERE p.name = $1 FOR UPDATE OF p`,
    [name],
  );
  if (rows.length === 0) throw new UnknownProjectionError(name);
  return rows[0];
}

/** In generation order, the same order everywhere. */
async function lockCheckpoints(
  client: Client,
  name: string,
  generations: readonly number[],
): Promise<void> {
  await client.query(
    `SELECT generation FROM ${CHECKPOINTS_TABLE}
     WHERE projection = $1 AND generation = ANY($2::integer[])
     ORDER BY generation FOR UPDATE`,
    [name, [...generations]],
  );
}

async function projectionRow(client: Client, name: string): Promise<ProjectionRow | null> {
  const { rows } = await client.query<ProjectionRow>(`${SELECT_PROJECTION} WHERE p.name = $1`, [
    name,
  ]);
  return rows[0] ?? null;
}

async function requireProjection(client: Client, name: string): Promise<ProjectionRow> {
  const row = await projectionRow(client, name);
  if (!row) throw new UnknownProjectionError(name);
  return row;
}

async function requireGeneration(
  client: Client,
  name: string,
  generation: number,
): Promise<GenerationRecord> {
  const { rows } = await client.query<PgGenerationRow>(SELECT_GENERATION, [name, generation]);
  if (rows.length === 0) throw new GenerationGoneError(name, generation);
  return toPgGeneration(rows[0]);
}

const toPgGeneration = (row: PgGenerationRow): GenerationRecord =>
  toGeneration(row, toSafeNumber(row.position));
