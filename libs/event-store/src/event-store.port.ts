/**
 * The event store port. The log is the only source of truth; every adapter (SQLite, PostgreSQL)
 * implements this interface and passes the contract suite in `./testing`.
 */

/** `no_stream`: the stream must not exist yet; `any`: no check; a number: the stream's current version (0 = empty). */
export type ExpectedVersion = 'no_stream' | 'any' | number;

/** Who caused an event and in which chain of messages. */
export interface EventMetadata {
  /** User id of the actor, or `system:<component>` for automatic entries. */
  readonly actor: string;
  readonly actorRoles?: readonly string[];
  /** The actor's agency code, when the actor belongs to one. */
  readonly agency: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly clientIp?: string;
  readonly [key: string]: unknown;
}

export interface NewEvent<D = unknown> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
  readonly metadata: EventMetadata;
  /** Business date, YYYY-MM-DD in Vietnam time. */
  readonly occurredOn: string;
}

export interface StoredEvent<D = unknown> extends NewEvent<D> {
  /** Global position: starts at 1, gap-free and strictly increasing in read order. */
  readonly position: number;
  readonly streamId: string;
  /** Version within the stream: the first event is 1. */
  readonly streamVersion: number;
  /** Server time the event was stored, ISO-8601 UTC with milliseconds. */
  readonly recordedAt: string;
  /** SHA-256 (hex) over the canonical JSON of this event and the previous event's hash in its stream. */
  readonly hash: string;
}

export interface StreamWrite {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append: pass it as expected version next time. */
  readonly nextExpectedVersion: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
}

export interface BatchedAppendResult {
  readonly writes: number;
  readonly events: number;
  /** Positions of the first and last event appended; 0 when nothing was. */
  readonly firstPosition: number;
  readonly lastPosition: number;
}

export interface ReadStreamOptions {
  /** First stream version to return (inclusive, default 1). */
  readonly fromVersion?: number;
  /** Last stream version to return (inclusive). */
  readonly toVersion?: number;
  /** Only events recorded at or before this instant (ISO-8601): what the system knew then. */
  readonly recordedUpTo?: string;
}

export interface ReadAllOptions {
  /** Return events after this position (exclusive, default 0 = from the start). */
  readonly after?: number;
  /** Stop at this position (inclusive). */
  readonly upTo?: number;
  /** Events per batch (default 1000). */
  readonly batchSize?: number;
}

export interface SubscribeOptions {
  /** Deliver events after this position (exclusive). */
  readonly after: number;
  readonly batchSize?: number;
  /** Called when the handler throws; the subscription stops after reporting it. */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Position of the last event handed to the handler and acknowledged. */
  readonly position: number;
  /**
   * Resolves once every event up to `position` has been handled; rejects if the subscription
   * stops first (stop() or a handler error), so a caller never waits forever on a dead one.
   */
  waitFor(position: number): Promise<void>;
  stop(): Promise<void>;
}

export type BatchHandler = (batch: readonly StoredEvent[]) => Promise<void> | void;

export interface EventStore {
  /** Appends all events to one stream atomically, or nothing (ConcurrencyError on a stale expected version). */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Appends to several streams in one transaction: every write lands, or none does. */
  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]>;
  /**
   * Appends the writes `batches` yields, in order, in one transaction: every write lands, or
   * none does (a stale expected version, or an error of the source, rolls all of it back). For
   * a write too large to hold at once (an imported list): memory holds one batch. This store's
   * other appends wait until it ends; other processes wait on the database's lock; readers see
   * none of it before the commit.
   */
  appendBatches(batches: AsyncIterable<readonly StreamWrite[]>): Promise<BatchedAppendResult>;
  /** A stream's events in version order (empty when it does not exist). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** The stream's current version (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  /** The whole log by global position, one batch at a time; never holds more than a batch. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]>;
  /** Catch up from `after`, then follow new appends live, handing batches to the handler in order. */
  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** Position of the last stored event (0 for an empty log). */
  headPosition(): Promise<number>;
  /** Cheap check that the store answers (readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class ConcurrencyError extends Error {
  readonly code = 'concurrency_conflict';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

export const isConcurrencyError = (error: unknown): error is ConcurrencyError =>
  error instanceof ConcurrencyError;
