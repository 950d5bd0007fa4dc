/**
 * The read-model store port. Every adapter (SQLite now, PostgreSQL later) implements it and passes
 * the contract suite in `./testing`. It knows nothing about events or reducers: it keeps, per
 * projection, a registry row, numbered generations (one documents table and one checkpoint
 * each), and runs batch transactions in which documents and checkpoint change together.
 */
import type { ColumnSchema, ColumnValue, ReadModelSchema } from './projection';
import type { DocumentCollection } from './document-query';

export type ProjectionStatusName = 'active' | 'rebuilding';

/** The registry row of a projection. */
export interface ProjectionRecord {
  readonly name: string;
  /** The generation queries read. */
  readonly activeGeneration: number;
  /** Fingerprint of the code that built the active generation. */
  readonly fingerprint: string;
  /** `rebuilding` while a pending generation exists. */
  readonly status: ProjectionStatusName;
  readonly pendingGeneration: number | null;
  readonly pendingFingerprint: string | null;
}

export interface GenerationRecord {
  readonly projection: string;
  readonly generation: number;
  readonly fingerprint: string;
  readonly columns: readonly ColumnSchema[];
  /** Checkpoint: every event up to this position is reflected in the generation's documents. */
  readonly position: number;
}

/**
 * Which generation a batch writes to. `active` is what a live runner uses: the generation is
 * resolved inside the transaction (so a swap made by another process is picked up) and must
 * have been built by the same code. `generation` is what a rebuild uses.
 */
export type WriteTarget =
  | { readonly kind: 'active'; readonly fingerprint: string }
  | { readonly kind: 'generation'; readonly generation: number };

/** One document write: the stored JSON and the declared column values. */
export interface DocumentWrite {
  readonly id: string;
  readonly json: string;
  readonly columns: Readonly<Record<string, ColumnValue>>;
}

/**
 * What a batch can do inside its transaction. Nothing is visible to readers before commit, and
 * `generation.position` is the stored checkpoint the writes are based on: if it has moved by the
 * commit, the adapter runs the work again on the new state (so `work` must have no effects
 * outside the transaction besides test hooks).
 */
export interface BatchTransaction {
  readonly projection: ProjectionRecord;
  readonly generation: GenerationRecord;
  /** Stored JSON of those of `ids` that exist, in one query. */
  load(ids: readonly string[]): Promise<Map<string, string>>;
  upsert(documents: readonly DocumentWrite[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  setCheckpoint(position: number): Promise<void>;
  /**
   * A generation fed by partitioned sources (Kafka: `<topic>:<partition>`) keeps, besides its
   * `position`, how far it has read each source: every event of that source up to the position is
   * in the documents. Stored in this generation only, committed or rolled back with the documents
   * (this batch's own updates included), dropped with the generation.
   */
  sourceCheckpoints(): Promise<Map<string, number>>;
  /** Moves one source's checkpoint; never back (RangeError), like setCheckpoint. */
  setSourceCheckpoint(source: string, position: number): Promise<void>;
  /**
   * TEST ONLY: `callback` runs synchronously during the commit, after the documents were written
   * and before the checkpoint is and the transaction commits (a child process blocks there to be
   * killed with the transaction open).
   */
  onDocumentsWritten(callback: () => void): void;
}

export interface ActivationResult {
  readonly swapped: boolean;
  /** Why not, when not swapped (the pending generation is behind the active one, or gone). */
  readonly reason?: 'behind' | 'not_pending';
  readonly record: ProjectionRecord;
}

export interface ReadModelStore {
  /**
   * Creates the registry row and generation 1 (checkpoint 0) when the projection is new; returns
   * the row as stored, whose fingerprint may differ from the one given (then the caller decides
   * to rebuild). Safe to call from several processes at once.
   */
  register(schema: ReadModelSchema, fingerprint: string): Promise<ProjectionRecord>;
  projection(name: string): Promise<ProjectionRecord | null>;
  projections(): Promise<ProjectionRecord[]>;
  generation(name: string, generation: number): Promise<GenerationRecord | null>;
  /**
   * Creates a fresh generation (empty table, checkpoint 0) as the pending one; a previous
   * pending generation is dropped. Queries keep reading the active generation.
   */
  beginGeneration(schema: ReadModelSchema, fingerprint: string): Promise<GenerationRecord>;
  /**
   * In one transaction: makes the pending `generation` active (with its fingerprint) and drops
   * the old one. Refuses, without changing anything, when it is no longer the pending generation
   * or when its checkpoint is behind the active one's (readers would see time go backwards).
   */
  activateGeneration(name: string, generation: number): Promise<ActivationResult>;
  /** Drops a pending generation (an abandoned rebuild). */
  abandonGeneration(name: string, generation: number): Promise<void>;
  /**
   * Runs `work` as one write transaction on the target generation: all of its writes and the
   * checkpoint commit together, or nothing does when it throws. Concurrent transactions on one
   * generation behave as if serialised (an adapter may lock, or validate and re-run `work`).
   * Throws ProjectionSupersededError / GenerationGoneError when the target does not resolve.
   */
  transaction<R>(
    name: string,
    target: WriteTarget,
    work: (tx: BatchTransaction) => Promise<R>,
  ): Promise<R>;
  /** Queries over the active generation, resolved again by every call. */
  documents<D>(name: string): DocumentCollection<D>;
  close(): Promise<void>;
}

/** The active generation was built by other code: this runner must not write into it. */
export class ProjectionSupersededError extends Error {
  readonly code = 'projection_superseded';

  constructor(
    readonly projection: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `Projection ${projection} is active with fingerprint ${actual.slice(0, 12)}, ` +
        `this code has ${expected.slice(0, 12)}`,
    );
    this.name = 'ProjectionSupersededError';
  }
}

/** The target generation is neither active nor pending any more (dropped by a swap or rebuild). */
export class GenerationGoneError extends Error {
  readonly code = 'generation_gone';

  constructor(
    readonly projection: string,
    readonly generation: number,
  ) {
    super(`Projection ${projection} has no generation ${generation} any more`);
    this.name = 'GenerationGoneError';
  }
}

/** Too many concurrent writers kept moving the generation under this transaction. */
export class TransactionConflictError extends Error {
  readonly code = 'transaction_conflict';

  constructor(
    readonly projection: string,
    readonly attempts: number,
  ) {
    super(`Projection ${projection}: gave up after ${attempts} conflicting attempts`);
    this.name = 'TransactionConflictError';
  }
}

export class UnknownProjectionError extends Error {
  readonly code = 'unknown_projection';

  constructor(readonly projection: string) {
    super(`No read model registered as ${projection}`);
    this.name = 'UnknownProjectionError';
  }
}
