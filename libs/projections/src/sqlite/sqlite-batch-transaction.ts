import type { ColumnSchema } from '../projection';
import type {
  BatchTransaction,
  DocumentWrite,
  GenerationRecord,
  ProjectionRecord,
} from '../read-model-store.port';
import { CHECKPOINTS_TABLE, documentsTable } from './sqlite-read-model-schema';
import type { StatementCache } from './statement-cache';

/** What a batch transaction is based on; the commit checks it still holds. */
export interface BatchBasis {
  readonly projection: ProjectionRecord;
  readonly generation: GenerationRecord;
  /** The checkpoint row's version when the basis was read. */
  readonly version: number;
}

/**
 * One attempt of a batch. Reads go straight to the file (committed data); writes are buffered
 * and applied by `commit`, which the store runs inside a synchronous BEGIN IMMEDIATE after
 * checking the basis. So the write lock is never held across an await: an event-store append in
 * the same process (a synchronous BEGIN IMMEDIATE on another connection) can never end up
 * waiting for a lock this process holds while it waits.
 */
export class SqliteBatchTransaction implements BatchTransaction {
  readonly projection: ProjectionRecord;
  readonly generation: GenerationRecord;
  private readonly table: string;
  private readonly columns: readonly ColumnSchema[];
  private readonly upserts = new Map<string, DocumentWrite>();
  private readonly deletes = new Set<string>();
  private checkpoint: number;
  private readonly writtenCallbacks: Array<() => void> = [];
  private ended = false;

  constructor(
    private readonly statements: StatementCache,
    readonly basis: BatchBasis,
  ) {
    this.projection = basis.projection;
    this.generation = basis.generation;
    this.table = documentsTable(basis.generation.projection, basis.generation.generation);
    this.columns = basis.generation.columns;
    this.checkpoint = basis.generation.position;
  }

  async load(ids: readonly string[]): Promise<Map<string, string>> {
    this.assertLive();
    const loaded = new Map<string, string>();
    if (ids.length === 0) return loaded;
    // One query whatever the number of ids: the ids travel as one JSON array parameter.
    const rows = this.statements
      .get<{ id: string; doc: string }>(
        `SELECT id, doc FROM ${this.table} WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids));
    for (const row of rows) loaded.set(row.id, row.doc);
    // Read your own writes, as in any transaction.
    for (const id of ids) {
      if (this.deletes.has(id)) loaded.delete(id);
      const pending = this.upserts.get(id);
      if (pending) loaded.set(id, pending.json);
    }
    return loaded;
  }

  async upsert(documents: readonly DocumentWrite[]): Promise<void> {
    this.assertLive();
    for (const document of documents) {
      this.deletes.delete(document.id);
      this.upserts.set(document.id, document);
    }
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.assertLive();
    for (const id of ids) {
      this.upserts.delete(id);
      this.deletes.add(id);
    }
  }

  async setCheckpoint(position: number): Promise<void> {
    this.assertLive();
    if (!Number.isInteger(position) || position < this.generation.position) {
      // A checkpoint that goes back would make the next batch apply events a second time.
      throw new RangeError(
        `${this.table}: checkpoint ${position} is behind ${this.generation.position}`,
      );
    }
    this.checkpoint = position;
  }

  onDocumentsWritten(callback: () => void): void {
    this.assertLive();
    this.writtenCallbacks.push(callback);
  }

  /** Ends the work phase: later calls fail instead of writing outside the transaction. */
  finish(): void {
    this.ended = true;
  }

  /** Runs inside the store's BEGIN IMMEDIATE, after the basis was checked. */
  commit(): void {
    if (this.deletes.size > 0) {
      this.statements
        .get(`DELETE FROM ${this.table} WHERE id IN (SELECT value FROM json_each(?))`)
        .run(JSON.stringify([...this.deletes]));
    }
    if (this.upserts.size > 0) {
      const names = this.columns.map((column) => column.name);
      const statement = this.statements.get(
        `INSERT INTO ${this.table} (id, doc${names.map((n) => `, ${n}`).join('')})
         VALUES (?, ?${names.map(() => ', ?').join('')})
         ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${names
           .map((n) => `, ${n} = excluded.${n}`)
           .join('')}`,
      );
      for (const document of this.upserts.values()) {
        statement.run(
          document.id,
          document.json,
          ...names.map((name) => document.columns[name] ?? null),
        );
      }
    }
    for (const callback of this.writtenCallbacks) callback();
    this.statements
      .get(
        `UPDATE ${CHECKPOINTS_TABLE} SET position = ?, version = version + 1
         WHERE projection = ? AND generation = ?`,
      )
      .run(this.checkpoint, this.generation.projection, this.generation.generation);
  }

  private assertLive(): void {
    if (this.ended) throw new Error('The batch transaction has ended');
  }
}
