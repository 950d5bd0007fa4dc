import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { canonicalJson } from '../canonical-json';
import { computeEventHashFromJson, GENESIS_HASH } from '../event-hash';
import {
  ConcurrencyError,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamWrite,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import type { EventStoreRuntimeOptions, FaultInjection } from '../open-event-store';
import { PollingSubscription } from '../polling-subscription';
import { openSqliteFile } from './sqlite-file';
import { EVENT_SCHEMA, EVENT_TABLE } from './sqlite-schema';

export interface SqliteEventStoreOptions extends EventStoreRuntimeOptions {
  /** Database file; created with the schema when missing. */
  readonly path: string;
  /** How long a writer waits for another connection's write lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** How often subscriptions look for appends made by other processes (default 250 ms). */
  readonly pollIntervalMs?: number;
}

interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_on: string;
  recorded_at: string;
  hash: string;
}

interface StreamTip {
  version: number;
  hash: string;
}

const COLUMNS =
  'position, stream_id, stream_version, type, schema_version, data, metadata, occurred_on, recorded_at, hash';
const MAX_POSITION = Number.MAX_SAFE_INTEGER;
const LATEST_INSTANT = '9999-12-31T23:59:59.999Z';
const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The embedded event store: one SQLite file in WAL mode. Every write is a `BEGIN IMMEDIATE`
 * transaction, so writers in any number of processes serialise on the file lock; positions are
 * assigned inside it as head + 1, which keeps them gap-free and in commit order.
 * better-sqlite3 is synchronous: the async methods only wrap it to honour the port.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly faultInjection: FaultInjection | undefined;
  private readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<PollingSubscription>();
  private closed = false;

  private readonly headStmt: Database.Statement<[], { head: number }>;
  private readonly tipStmt: Database.Statement<[string], { stream_version: number; hash: string }>;
  private readonly insertStmt: Database.Statement<unknown[]>;
  private readonly readStreamStmt: Database.Statement<[string, number, number, string], EventRow>;
  private readonly readBatchStmt: Database.Statement<[number, number, number], EventRow>;
  private readonly writeTransaction: Database.Transaction<
    (writes: readonly StreamWrite[]) => AppendResult[]
  >;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  private constructor(options: SqliteEventStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.faultInjection = options.faultInjection;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    // `timeout` is SQLite's busy_timeout: waiting writers retry instead of failing with BUSY.
    // FULL: a committed event survives a power cut, not only a process crash.
    this.db = openSqliteFile(options.path, {
      busyTimeoutMs: options.busyTimeoutMs,
      synchronous: 'FULL',
      schema: EVENT_SCHEMA,
    });

    this.headStmt = this.db.prepare(
      `SELECT COALESCE(MAX(position), 0) AS head FROM ${EVENT_TABLE}`,
    );
    this.tipStmt = this.db.prepare(
      `SELECT stream_version, hash FROM ${EVENT_TABLE} WHERE stream_id = ?
       ORDER BY stream_version DESC LIMIT 1`,
    );
    this.insertStmt = this.db.prepare(
      `INSERT INTO ${EVENT_TABLE} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readStreamStmt = this.db.prepare(
      `SELECT ${COLUMNS} FROM ${EVENT_TABLE}
       WHERE stream_id = ? AND stream_version >= ? AND stream_version <= ? AND recorded_at <= ?
       ORDER BY stream_version`,
    );
    // Keyset paging: each batch is one indexed range scan, whatever the depth.
    this.readBatchStmt = this.db.prepare(
      `SELECT ${COLUMNS} FROM ${EVENT_TABLE} WHERE position > ? AND position <= ?
       ORDER BY position LIMIT ?`,
    );
    this.writeTransaction = this.db.transaction((writes: readonly StreamWrite[]) =>
      this.write(writes),
    );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    const [result] = await this.appendMany([
      { streamId, events, expectedVersion: options.expectedVersion },
    ]);
    return result;
  }

  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    this.assertOpen();
    writes.forEach(validateWrite);
    const results = this.writeTransaction.immediate(writes);
    const last = results.reduce((max, r) => Math.max(max, r.lastPosition), 0);
    if (last > 0) this.appended.emit('appended', last);
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const upTo =
      options.recordedUpTo === undefined ? LATEST_INSTANT : toInstant(options.recordedUpTo);
    const rows = this.readStreamStmt.all(
      streamId,
      options.fromVersion ?? 1,
      options.toVersion ?? MAX_POSITION,
      upTo,
    );
    return rows.map(toStoredEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return this.tipStmt.get(streamId)?.stream_version ?? 0;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    const batchSize = positiveInteger(options.batchSize ?? 1000, 'batchSize');
    const upTo = options.upTo ?? MAX_POSITION;
    let after = options.after ?? 0;
    while (after < upTo) {
      const batch = this.readBatch(after, upTo, batchSize);
      if (batch.length === 0) return;
      after = batch[batch.length - 1].position;
      yield batch;
      if (batch.length < batchSize) return;
    }
  }

  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const subscription = new PollingSubscription(
      {
        fetch: (after, limit) => this.readBatch(after, MAX_POSITION, limit),
        onAppend: (listener) => {
          this.appended.on('appended', listener);
          return () => this.appended.off('appended', listener);
        },
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
      handler,
      (ended) => this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.headStmt.get()?.head ?? 0;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  /** Runs inside BEGIN IMMEDIATE: any throw (stale version, bad data, fault) rolls it all back. */
  private write(writes: readonly StreamWrite[]): AppendResult[] {
    const recordedAt = this.now().toISOString();
    const tips = new Map<string, StreamTip>();
    let position = this.headStmt.get()?.head ?? 0;
    const results: AppendResult[] = [];

    for (const { streamId, events, expectedVersion = 'any' } of writes) {
      const tip = tips.get(streamId) ?? this.readTip(streamId);
      checkExpectedVersion(streamId, expectedVersion, tip.version);
      const firstPosition = position + 1;
      for (const event of events) {
        position += 1;
        tip.version += 1;
        const dataJson = canonicalJson(event.data);
        const metadataJson = canonicalJson(event.metadata);
        const fields = {
          position,
          streamId,
          streamVersion: tip.version,
          type: event.type,
          schemaVersion: event.schemaVersion,
          occurredOn: event.occurredOn,
          recordedAt,
        };
        tip.hash = computeEventHashFromJson(fields, dataJson, metadataJson, tip.hash);
        this.insertStmt.run(
          position,
          streamId,
          tip.version,
          event.type,
          event.schemaVersion,
          dataJson,
          metadataJson,
          event.occurredOn,
          recordedAt,
          tip.hash,
        );
        this.faultInjection?.afterEventInsert?.(streamId, tip.version);
      }
      tips.set(streamId, tip);
      // An empty write yields an empty range: lastPosition = firstPosition - 1.
      results.push({
        streamId,
        nextExpectedVersion: tip.version,
        firstPosition,
        lastPosition: position,
      });
    }
    return results;
  }

  private readTip(streamId: string): StreamTip {
    const row = this.tipStmt.get(streamId);
    return row
      ? { version: row.stream_version, hash: row.hash }
      : { version: 0, hash: GENESIS_HASH };
  }

  private readBatch(after: number, upTo: number, limit: number): StoredEvent[] {
    this.assertOpen();
    return this.readBatchStmt.all(after, upTo, limit).map(toStoredEvent);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  if (expected === 'no_stream' ? actual !== 0 : actual !== expected) {
    throw new ConcurrencyError(streamId, expected, actual);
  }
}

/** Rejects malformed input before taking the write lock. */
function validateWrite(write: StreamWrite): void {
  const { streamId, events, expectedVersion } = write;
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError('append: streamId must be a non-empty string');
  }
  if (
    expectedVersion !== undefined &&
    expectedVersion !== 'any' &&
    expectedVersion !== 'no_stream' &&
    !(Number.isInteger(expectedVersion) && expectedVersion >= 0)
  ) {
    throw new TypeError(`append ${streamId}: invalid expected version ${String(expectedVersion)}`);
  }
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`append ${streamId}: event type must be a non-empty string`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new TypeError(`append ${streamId}: schemaVersion must be an integer >= 1`);
    }
    if (typeof event.occurredOn !== 'string' || !BUSINESS_DATE.test(event.occurredOn)) {
      throw new TypeError(`append ${streamId}: occurredOn must be YYYY-MM-DD`);
    }
    if (event.metadata === null || typeof event.metadata !== 'object') {
      throw new TypeError(`append ${streamId}: metadata is required`);
    }
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}

/** Normalises any ISO-8601 instant to the stored form (UTC, milliseconds) so strings compare. */
function toInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Not an ISO-8601 instant: ${value}`);
  return date.toISOString();
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be an integer >= 1`);
  return value;
}
