import Database from 'better-sqlite3';
import {
  AppendTally,
  EMPTY_STREAM,
  encodeWrites,
  planAppend,
  type EncodedWrite,
  type StreamTip,
} from '../append-plan';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../event-row';
import type {
  AppendResult,
  BatchedAppendResult,
  BatchHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamWrite,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { LiveSubscriptions } from '../live-subscriptions';
import type { EventStoreRuntimeOptions, FaultInjection } from '../open-event-store';
import { LATEST_INSTANT, MAX_POSITION, readInBatches, toInstant } from '../read-options';
import {
  LogNotEmptyError,
  RestoreChain,
  type LogRestorer,
  type RestoreResult,
} from '../restore-log';
import { openSqliteFile } from './sqlite-file';
import { EVENT_SCHEMA, EVENT_TABLE } from './sqlite-schema';

interface SqliteEventStoreOptions extends EventStoreRuntimeOptions {
  /** Database file; created with the schema when missing. */
  readonly path: string;
  /** How long a writer waits for another connection's write lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** How often subscriptions look for appends made by other processes (default 250 ms). */
  readonly pollIntervalMs?: number;
  /**
   * Opens an existing file read-only, without creating the schema (the audit CLI): every append
   * is refused and the file is left exactly as it was.
   */
  readonly readonly?: boolean;
}

/**
 * The embedded event store: one SQLite file in WAL mode. Every write is a `BEGIN IMMEDIATE`
 * transaction, so writers in any number of processes serialise on the file lock; positions are
 * assigned inside it as head + 1, which keeps them gap-free and in commit order.
 * better-sqlite3 is synchronous: the async methods only wrap it to honour the port.
 */
export class SqliteEventStore implements EventStore, LogRestorer {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly faultInjection: FaultInjection | undefined;
  private readonly subscriptions: LiveSubscriptions;
  private readonly readOnly: boolean;
  private readonly path: string;
  private readonly busyTimeoutMs: number | undefined;
  /** Set while appendBatches holds the write lock: this store's appends wait for it. */
  private batchAppending: Promise<void> | null = null;
  private closed = false;

  private readonly headStmt: Database.Statement<[], { head: number }>;
  private readonly insertStmt: Database.Statement<[EventRow]>;
  private readonly writeStatements: WriteStatements;
  private readonly readStreamStmt: Database.Statement<[string, number, number, string], EventRow>;
  private readonly readBatchStmt: Database.Statement<[number, number, number], EventRow>;
  private readonly writeTransaction: Database.Transaction<
    (writes: readonly EncodedWrite[]) => AppendResult[]
  >;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  private constructor(options: SqliteEventStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.faultInjection = options.faultInjection;
    this.subscriptions = new LiveSubscriptions(options.pollIntervalMs ?? 250);
    this.readOnly = options.readonly ?? false;
    this.path = options.path;
    this.busyTimeoutMs = options.busyTimeoutMs;
    // `timeout` is SQLite's busy_timeout: waiting writers retry instead of failing with BUSY.
    // FULL: a committed event survives a power cut, not only a process crash.
    this.db = openSqliteFile(options.path, {
      busyTimeoutMs: options.busyTimeoutMs,
      synchronous: 'FULL',
      schema: EVENT_SCHEMA,
      readonly: this.readOnly,
    });
    if (this.readOnly) assertHasEventLog(this.db, options.path);

    this.writeStatements = writeStatementsOf(this.db);
    this.headStmt = this.writeStatements.head;
    this.insertStmt = this.writeStatements.insert;
    this.readStreamStmt = this.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENT_TABLE}
       WHERE stream_id = ? AND stream_version >= ? AND stream_version <= ? AND recorded_at <= ?
       ORDER BY stream_version`,
    );
    // Keyset paging: each batch is one indexed range scan, whatever the depth.
    this.readBatchStmt = this.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM ${EVENT_TABLE} WHERE position > ? AND position <= ?
       ORDER BY position LIMIT ?`,
    );
    this.writeTransaction = this.db.transaction((writes: readonly EncodedWrite[]) =>
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
    if (this.readOnly) throw new Error('SqliteEventStore was opened read-only');
    // better-sqlite3 would block the event loop on the file lock appendBatches holds: wait here.
    while (this.batchAppending) await this.batchAppending;
    const results = this.writeTransaction.immediate(encodeWrites(writes));
    this.subscriptions.afterAppend(results);
    return results;
  }

  /**
   * A BEGIN IMMEDIATE held across the batches on a connection of its own: under WAL, this
   * store's readers (subscriptions, queries) see none of it before the commit, and this store's
   * appends wait for it; other processes wait on the file lock up to their busy timeout.
   */
  async appendBatches(
    batches: AsyncIterable<readonly StreamWrite[]>,
  ): Promise<BatchedAppendResult> {
    this.assertOpen();
    if (this.readOnly) throw new Error('SqliteEventStore was opened read-only');
    while (this.batchAppending) await this.batchAppending;
    let done = () => {};
    this.batchAppending = new Promise<void>((resolve) => (done = resolve));
    const tally = new AppendTally();
    const db = openSqliteFile(this.path, {
      busyTimeoutMs: this.busyTimeoutMs,
      synchronous: 'FULL',
      schema: EVENT_SCHEMA,
    });
    try {
      const statements = writeStatementsOf(db);
      db.exec('BEGIN IMMEDIATE');
      try {
        for await (const batch of batches) {
          if (batch.length > 0) tally.add(this.write(encodeWrites(batch), statements));
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      db.close();
      this.batchAppending = null;
      done();
    }
    const result = tally.result();
    if (result.events > 0) this.subscriptions.wake();
    return result;
  }

  /**
   * One BEGIN IMMEDIATE held across the awaits between batches: the connection is this store's
   * own and nothing else writes through it meanwhile (the CLI restores with no API running), and
   * other processes wait on the file lock, so they see the whole log or none of it.
   */
  async restore(batches: AsyncIterable<readonly StoredEvent[]>): Promise<RestoreResult> {
    this.assertOpen();
    if (this.readOnly) throw new Error('SqliteEventStore was opened read-only');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const head = this.headStmt.get()?.head ?? 0;
      if (head !== 0) throw new LogNotEmptyError(head);
      const chain = new RestoreChain();
      for await (const batch of batches) {
        for (const event of batch) this.insertStmt.run(chain.next(event));
      }
      this.db.exec('COMMIT');
      return chain.result();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
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
    return this.writeStatements.tip.get(streamId)?.stream_version ?? 0;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    yield* readInBatches((after, upTo, limit) => this.readBatch(after, upTo, limit), options);
  }

  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    return this.subscriptions.start(
      (after, limit) => this.readBatch(after, MAX_POSITION, limit),
      options,
      handler,
    );
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
    await this.subscriptions.stopAll();
    this.db.close();
  }

  /** Runs inside BEGIN IMMEDIATE: any throw (stale version, fault) rolls it all back. */
  private write(
    writes: readonly EncodedWrite[],
    { head, tip, insert }: WriteStatements = this.writeStatements,
  ): AppendResult[] {
    const recordedAt = this.now().toISOString();
    const readTip = (streamId: string): StreamTip => {
      const row = tip.get(streamId);
      return row ? { version: row.stream_version, hash: row.hash } : EMPTY_STREAM;
    };
    const plan = planAppend(writes, readTip, head.get()?.head ?? 0, recordedAt);
    for (const row of plan.rows) {
      insert.run(row);
      this.faultInjection?.afterEventInsert?.(row.stream_id, row.stream_version);
    }
    return plan.results;
  }

  private readBatch(after: number, upTo: number, limit: number): StoredEvent[] {
    this.assertOpen();
    return this.readBatchStmt.all(after, upTo, limit).map(toStoredEvent);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

/** A read-only open creates nothing: a file without the log is refused here, clearly. */
function assertHasEventLog(db: Database.Database, path: string): void {
  let found: unknown;
  try {
    found = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(EVENT_TABLE);
  } catch (error) {
    db.close();
    throw error;
  }
  if (!found) {
    db.close();
    throw new Error(`${path} holds no event log (no ${EVENT_TABLE} table)`);
  }
}

/** What an append runs, prepared on the connection that appends. */
interface WriteStatements {
  readonly head: Database.Statement<[], { head: number }>;
  readonly tip: Database.Statement<[string], { stream_version: number; hash: string }>;
  readonly insert: Database.Statement<[EventRow]>;
}

function writeStatementsOf(db: Database.Database): WriteStatements {
  return {
    head: db.prepare(`SELECT COALESCE(MAX(position), 0) AS head FROM ${EVENT_TABLE}`),
    tip: db.prepare(
      `SELECT stream_version, hash FROM ${EVENT_TABLE} WHERE stream_id = ?
       ORDER BY stream_version DESC LIMIT 1`,
    ),
    insert: db.prepare(
      `INSERT INTO ${EVENT_TABLE} (${EVENT_COLUMNS}) VALUES (@${EVENT_COLUMNS.split(', ').join(', @')})`,
    ),
  };
}
