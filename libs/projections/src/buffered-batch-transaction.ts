import type { ColumnSchema } from './projection';
import type {
  BatchTransaction,
  DocumentWrite,
  GenerationRecord,
  ProjectionRecord,
} from './read-model-store.port';

/**
 * The part of a batch every read-model adapter does the same way: writes are buffered (the last
 * write of an id wins), loads see them (read your own writes), and checkpoints (the generation's
 * and each source's) may only move forward. An adapter reads committed documents and source
 * checkpoints and sends the buffer when it commits.
 */
export abstract class BufferedBatchTransaction implements BatchTransaction {
  protected readonly columns: readonly ColumnSchema[];
  protected readonly upserts = new Map<string, DocumentWrite>();
  protected readonly deletes = new Set<string>();
  protected checkpoint: number;
  protected readonly writtenCallbacks: Array<() => void> = [];
  /** Source checkpoints set by this batch, sent by the adapter's commit. */
  protected readonly sourceUpdates = new Map<string, number>();
  private committedSources: ReadonlyMap<string, number> | null = null;
  private ended = false;

  constructor(
    readonly projection: ProjectionRecord,
    readonly generation: GenerationRecord,
    /** The generation's documents table. */
    protected readonly table: string,
  ) {
    this.columns = generation.columns;
    this.checkpoint = generation.position;
  }

  /** The committed documents among `ids` (never empty), in one query. */
  protected abstract loadCommitted(
    ids: readonly string[],
  ): Promise<readonly { id: string; doc: string }[]> | readonly { id: string; doc: string }[];

  /** The generation's committed source checkpoints, in one query. */
  protected abstract loadSourceCheckpoints():
    | Promise<readonly { source: string; position: number }[]>
    | readonly { source: string; position: number }[];

  async load(ids: readonly string[]): Promise<Map<string, string>> {
    this.assertLive();
    const loaded = new Map<string, string>();
    if (ids.length === 0) return loaded;
    for (const row of await this.loadCommitted(ids)) loaded.set(row.id, row.doc);
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
    if (!Number.isSafeInteger(position) || position < this.generation.position) {
      // A checkpoint that goes back would make the next batch apply events a second time.
      throw new RangeError(
        `${this.table}: checkpoint ${position} is behind ${this.generation.position}`,
      );
    }
    this.checkpoint = position;
  }

  async sourceCheckpoints(): Promise<Map<string, number>> {
    this.assertLive();
    if (this.committedSources === null) {
      const rows = await this.loadSourceCheckpoints();
      this.committedSources = new Map(rows.map((row) => [row.source, row.position]));
    }
    const merged = new Map(this.committedSources);
    for (const [source, position] of this.sourceUpdates) merged.set(source, position);
    return merged;
  }

  async setSourceCheckpoint(source: string, position: number): Promise<void> {
    if (typeof source !== 'string' || source === '') {
      throw new TypeError(`${this.table}: a source needs a name`);
    }
    const current = (await this.sourceCheckpoints()).get(source) ?? 0;
    if (!Number.isSafeInteger(position) || position < current) {
      // As for the main checkpoint: going back would apply that source's events again.
      throw new RangeError(`${this.table}: ${source} checkpoint ${position} is behind ${current}`);
    }
    this.sourceUpdates.set(source, position);
  }

  onDocumentsWritten(callback: () => void): void {
    this.assertLive();
    this.writtenCallbacks.push(callback);
  }

  /** Ends the work phase: later calls fail instead of writing outside the transaction. */
  finish(): void {
    this.ended = true;
  }

  private assertLive(): void {
    if (this.ended) throw new Error('The batch transaction has ended');
  }
}
