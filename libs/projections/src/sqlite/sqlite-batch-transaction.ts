import { BufferedBatchTransaction } from '../buffered-batch-transaction';
import type { GenerationRecord, ProjectionRecord } from '../read-model-store.port';
import {
  CHECKPOINTS_TABLE,
  documentsTable,
  SOURCE_CHECKPOINTS_TABLE,
} from './sqlite-read-model-schema';
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
export class SqliteBatchTransaction extends BufferedBatchTransaction {
  constructor(
    private readonly statements: StatementCache,
    readonly basis: BatchBasis,
  ) {
    super(
      basis.projection,
      basis.generation,
      documentsTable(basis.generation.projection, basis.generation.generation),
    );
  }

  protected loadCommitted(ids: readonly string[]): { id: string; doc: string }[] {
    // One query whatever the number of ids: the ids travel as one JSON array parameter.
    return this.statements
      .get<{ id: string; doc: string }>(
        `SELECT id, doc FROM ${this.table} WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids));
  }

  protected loadSourceCheckpoints(): { source: string; position: number }[] {
    // Committed rows; a source moved by another batch since bumps the version, so the basis
    // check refuses this attempt and runs the work again.
    return this.statements
      .get<{ source: string; position: number }>(
        `SELECT source, position FROM ${SOURCE_CHECKPOINTS_TABLE}
         WHERE projection = ? AND generation = ?`,
      )
      .all(this.generation.projection, this.generation.generation);
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
    if (this.sourceUpdates.size > 0) {
      const statement = this.statements.get(
        `INSERT INTO ${SOURCE_CHECKPOINTS_TABLE} (projection, generation, source, position)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (projection, generation, source) DO UPDATE SET position = excluded.position`,
      );
      for (const [source, position] of this.sourceUpdates) {
        statement.run(this.generation.projection, this.generation.generation, source, position);
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
}
