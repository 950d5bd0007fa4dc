import { preparePrivateSqliteFile } from '@chidao/event-store';
import Database from 'better-sqlite3';
import type { DocumentCollection } from '../document-query';
import type { ReadModelSchema } from '../projection';
import { validateSchema } from '../projection';
import {
  targetGeneration,
  toGeneration,
  toRecord,
  type GenerationRow,
  type ProjectionRow,
} from '../read-model-rows';
import {
  GenerationGoneError,
  UnknownProjectionError,
  type ActivationResult,
  TransactionConflictError,
  type BatchTransaction,
  type GenerationRecord,
  type ProjectionRecord,
  type ReadModelStore,
  type WriteTarget,
} from '../read-model-store.port';
import { SerialQueue } from '../serial-queue';
import { SqliteBatchTransaction, type BatchBasis } from './sqlite-batch-transaction';
import { SqliteDocumentCollection } from './sqlite-document-collection';
import {
  CHECKPOINTS_TABLE,
  createDocumentsTable,
  documentsTable,
  ensureReadModelSchema,
  GENERATIONS_TABLE,
  PROJECTIONS_TABLE,
  SOURCE_CHECKPOINTS_TABLE,
} from './sqlite-read-model-schema';
import { StatementCache } from './statement-cache';

interface SqliteReadModelStoreOptions {
  /** Database file (may be the event store's file); created when missing. */
  readonly path: string;
  /** How long a writer waits for another connection's write lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** Server clock for `updated_at` (default: the system clock). */
  readonly now?: () => Date;
}

/** Enough for many writers in a burst; a steady stream of conflicts is a bug worth reporting. */
const MAX_ATTEMPTS = 50;

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
  WHERE g.projection = ? AND g.generation = ?`;

/**
 * The embedded read-model store: tables prefixed `rm_` in a SQLite file in WAL mode, usually the
 * event store's own file. Two connections: one writes (every write a synchronous
 * `BEGIN IMMEDIATE`, so writers in all processes serialise on the file lock), one answers
 * queries, which therefore only ever see committed data. Batch transactions are optimistic (see
 * SqliteBatchTransaction) because the write lock must not be held across an await.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly writeStatements: StatementCache;
  private readonly readStatements: StatementCache;
  /** Registry writes, one at a time (they are synchronous; the queue orders them with close). */
  private readonly queue = new SerialQueue();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private closed = false;

  static open(options: SqliteReadModelStoreOptions): SqliteReadModelStore {
    return new SqliteReadModelStore(options);
  }

  private constructor(options: SqliteReadModelStoreOptions) {
    this.now = options.now ?? (() => new Date());
    const timeout = options.busyTimeoutMs ?? 5000;
    preparePrivateSqliteFile(options.path);
    this.writer = new Database(options.path, { timeout });
    try {
      this.writer.pragma('journal_mode = WAL');
      // NORMAL: a power cut may lose the last committed batches, never split one from its
      // checkpoint; the runner then projects them again. The log itself stays FULL.
      this.writer.pragma('synchronous = NORMAL');
      ensureReadModelSchema(this.writer);
      this.reader = new Database(options.path, { timeout });
    } catch (error) {
      this.writer.close();
      throw error;
    }
    this.writeStatements = new StatementCache(this.writer);
    this.readStatements = new StatementCache(this.reader);
  }

  async register(schema: ReadModelSchema, fingerprint: string): Promise<ProjectionRecord> {
    validateSchema(schema);
    return this.write(() => {
      const existing = this.projectionRow(this.writeStatements, schema.name);
      if (existing) return toRecord(existing);
      this.writeStatements
        .get(
          `INSERT INTO ${PROJECTIONS_TABLE} (name, active_generation, fingerprint, status,
             pending_generation, last_generation, updated_at)
           VALUES (?, 1, ?, 'active', NULL, 1, ?)`,
        )
        .run(schema.name, fingerprint, this.timestamp());
      this.createGeneration(schema, 1, fingerprint);
      return toRecord(this.requireProjection(this.writeStatements, schema.name));
    });
  }

  async projection(name: string): Promise<ProjectionRecord | null> {
    this.assertOpen();
    const row = this.projectionRow(this.readStatements, name);
    return row ? toRecord(row) : null;
  }

  async projections(): Promise<ProjectionRecord[]> {
    this.assertOpen();
    const rows = this.readStatements
      .get<ProjectionRow>(`${SELECT_PROJECTION} ORDER BY p.name`)
      .all();
    return rows.map(toRecord);
  }

  async generation(name: string, generation: number): Promise<GenerationRecord | null> {
    this.assertOpen();
    const row = this.readStatements
      .get<GenerationRow & { position: number }>(SELECT_GENERATION)
      .get(name, generation);
    return row ? toGeneration(row, row.position) : null;
  }

  async beginGeneration(schema: ReadModelSchema, fingerprint: string): Promise<GenerationRecord> {
    validateSchema(schema);
    return this.write(() => {
      const row = this.requireProjection(this.writeStatements, schema.name);
      if (row.pending_generation !== null) {
        this.dropGeneration(schema.name, row.pending_generation);
      }
      const generation = row.last_generation + 1;
      this.createGeneration(schema, generation, fingerprint);
      this.writeStatements
        .get(
          `UPDATE ${PROJECTIONS_TABLE} SET status = 'rebuilding', pending_generation = ?,
             last_generation = ?, updated_at = ? WHERE name = ?`,
        )
        .run(generation, generation, this.timestamp(), schema.name);
      return this.requireGeneration(schema.name, generation);
    });
  }

  async activateGeneration(name: string, generation: number): Promise<ActivationResult> {
    return this.write(() => {
      const row = this.requireProjection(this.writeStatements, name);
      if (row.pending_generation !== generation) {
        return { swapped: false, reason: 'not_pending', record: toRecord(row) } as const;
      }
      const pending = this.requireGeneration(name, generation);
      const active = this.requireGeneration(name, row.active_generation);
      if (pending.position < active.position) {
        return { swapped: false, reason: 'behind', record: toRecord(row) } as const;
      }
      this.writeStatements
        .get(
          `UPDATE ${PROJECTIONS_TABLE} SET active_generation = ?, fingerprint = ?,
             status = 'active', pending_generation = NULL, updated_at = ? WHERE name = ?`,
        )
        .run(generation, pending.fingerprint, this.timestamp(), name);
      this.dropGeneration(name, row.active_generation);
      return {
        swapped: true,
        record: toRecord(this.requireProjection(this.writeStatements, name)),
      };
    });
  }

  async abandonGeneration(name: string, generation: number): Promise<void> {
    await this.write(() => {
      const row = this.requireProjection(this.writeStatements, name);
      if (row.pending_generation !== generation) return;
      this.dropGeneration(name, generation);
      this.writeStatements
        .get(
          `UPDATE ${PROJECTIONS_TABLE} SET status = 'active', pending_generation = NULL,
             updated_at = ? WHERE name = ?`,
        )
        .run(this.timestamp(), name);
    });
  }

  async transaction<R>(
    name: string,
    target: WriteTarget,
    work: (tx: BatchTransaction) => Promise<R>,
  ): Promise<R> {
    this.assertOpen();
    const attempt = this.attempts(name, target, work);
    this.inFlight.add(attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(attempt);
    }
  }

  /**
   * Optimistic: run `work` on committed state with buffered writes, then commit in one
   * synchronous BEGIN IMMEDIATE if the target generation and its checkpoint version are still
   * what `work` saw; otherwise run it again on the new state.
   */
  private async attempts<R>(
    name: string,
    target: WriteTarget,
    work: (tx: BatchTransaction) => Promise<R>,
  ): Promise<R> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const basis = this.writer.transaction(() => this.readBasis(name, target))();
      const tx = new SqliteBatchTransaction(this.writeStatements, basis);
      let result: R;
      try {
        result = await work(tx);
      } catch (error) {
        // A read that failed because the generation went away mid-work is a conflict.
        if (this.basisMoved(name, target, basis)) continue;
        throw error;
      } finally {
        tx.finish();
      }
      this.assertOpen();
      const committed = this.writer
        .transaction(() => {
          if (this.basisMoved(name, target, basis)) return false;
          tx.commit();
          return true;
        })
        .immediate();
      if (committed) return result;
      // Let the writer that moved the basis finish whatever it does next in this process.
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new TransactionConflictError(name, MAX_ATTEMPTS);
  }

  /** Throws when the target does not resolve (superseded, gone): retrying will not help. */
  private readBasis(name: string, target: WriteTarget): BatchBasis {
    const row = this.requireProjection(this.writeStatements, name);
    const generation = targetGeneration(row, target);
    const version = this.writeStatements
      .get<{ version: number }>(
        `SELECT version FROM ${CHECKPOINTS_TABLE} WHERE projection = ? AND generation = ?`,
      )
      .get(name, generation);
    return {
      projection: toRecord(row),
      generation: this.requireGeneration(name, generation),
      version: version?.version ?? 0,
    };
  }

  private basisMoved(name: string, target: WriteTarget, basis: BatchBasis): boolean {
    const current = this.readBasis(name, target);
    return (
      current.generation.generation !== basis.generation.generation ||
      current.version !== basis.version
    );
  }

  documents<D>(name: string): DocumentCollection<D> {
    return new SqliteDocumentCollection<D>(this.reader, this.readStatements, name, () =>
      this.assertOpen(),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.inFlight]);
    await this.queue.drain();
    this.closed = true;
    this.reader.close();
    this.writer.close();
  }

  /** Synchronous writes (registry changes) in their own IMMEDIATE transaction, queued. */
  private write<T>(fn: () => T): Promise<T> {
    this.assertOpen();
    return this.queue.run(() => {
      this.assertOpen();
      return this.writer.transaction(fn).immediate();
    });
  }

  private createGeneration(schema: ReadModelSchema, generation: number, fingerprint: string) {
    createDocumentsTable(this.writer, schema.name, generation, schema.columns);
    this.writeStatements
      .get(
        `INSERT INTO ${GENERATIONS_TABLE} (projection, generation, fingerprint, columns, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(schema.name, generation, fingerprint, JSON.stringify(schema.columns), this.timestamp());
    this.writeStatements
      .get(`INSERT INTO ${CHECKPOINTS_TABLE} (projection, generation, position) VALUES (?, ?, 0)`)
      .run(schema.name, generation);
  }

  private dropGeneration(name: string, generation: number): void {
    const table = documentsTable(name, generation);
    this.writeStatements.forgetTable(table);
    this.writer.exec(`DROP TABLE IF EXISTS ${table}`);
    this.writeStatements
      .get(`DELETE FROM ${GENERATIONS_TABLE} WHERE projection = ? AND generation = ?`)
      .run(name, generation);
    this.writeStatements
      .get(`DELETE FROM ${CHECKPOINTS_TABLE} WHERE projection = ? AND generation = ?`)
      .run(name, generation);
    this.writeStatements
      .get(`DELETE FROM ${SOURCE_CHECKPOINTS_TABLE} WHERE projection = ? AND generation = ?`)
      .run(name, generation);
  }

  private projectionRow(statements: StatementCache, name: string): ProjectionRow | undefined {
    return statements.get<ProjectionRow>(`${SELECT_PROJECTION} WHERE p.name = ?`).get(name);
  }

  private requireProjection(statements: StatementCache, name: string): ProjectionRow {
    const row = this.projectionRow(statements, name);
    if (!row) throw new UnknownProjectionError(name);
    return row;
  }

  private requireGeneration(name: string, generation: number): GenerationRecord {
    const row = this.writeStatements
      .get<GenerationRow & { position: number }>(SELECT_GENERATION)
      .get(name, generation);
    if (!row) throw new GenerationGoneError(name, generation);
    return toGeneration(row, row.position);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteReadModelStore is closed');
  }
}
