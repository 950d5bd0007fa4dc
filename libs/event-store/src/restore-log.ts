/**
 * Restoring a whole log from an archive into an empty store (`chidao import-log`): the events go
 * in exactly as they were stored (positions, versions, recordedAt, hashes), never through
 * append, which would number and date them anew. Each adapter runs the restore in one write
 * transaction; this file holds what they share: the check of every event against the chain it
 * extends, so a restored log is one that `verifyLog` accepts or nothing is written at all.
 */
import { canonicalJson } from './canonical-json';
import { computeEventHashFromJson, GENESIS_HASH } from './event-hash';
import type { StoredEvent } from './event-store.port';
import type { EventRow } from './event-row';

export interface RestoreResult {
  readonly events: number;
  readonly streams: number;
  readonly headPosition: number;
  /** The latest recordedAt restored (the PostgreSQL head row keeps it), null for none. */
  readonly lastRecordedAt: string | null;
}

/** A store that can take a whole log back in one transaction (SQLite and PostgreSQL adapters). */
export interface LogRestorer {
  /**
   * Writes every event of `batches`, in one transaction, into a store whose log is empty: an
   * error from the batches (a damaged archive), a refused event or a non-empty log rolls it all
   * back. Reads one batch at a time.
   */
  restore(batches: AsyncIterable<readonly StoredEvent[]>): Promise<RestoreResult>;
}

/** The store already holds events: a restore never mixes two logs. */
export class LogNotEmptyError extends Error {
  readonly code = 'log_not_empty';

  constructor(readonly headPosition: number) {
    super(`The log already holds ${headPosition} events: a restore needs an empty log`);
    this.name = 'LogNotEmptyError';
  }
}

/** An archived event that does not extend the log as stored: the archive is not the log. */
export class RestoreMismatchError extends Error {
  readonly code = 'restore_mismatch';

  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly reason: 'position_gap' | 'version_gap' | 'hash_mismatch',
    detail: string,
  ) {
    super(`Event at position ${position} (${streamId}): ${reason}, ${detail}`);
    this.name = 'RestoreMismatchError';
  }
}

/**
 * Follows the restored log event by event: positions 1, 2, … without gaps, each stream's versions
 * 1, 2, …, and each hash recomputed from the event and its stream's previous hash, which must
 * equal the archived one. Memory: one entry per stream, as verifyLog.
 */
export class RestoreChain {
  private readonly tips = new Map<string, { version: number; hash: string }>();
  private position = 0;
  private count = 0;
  private lastRecordedAt: string | null = null;

  /** The row to insert for the next event; throws RestoreMismatchError on any broken link. */
  next(event: StoredEvent): EventRow {
    const { position, streamId } = event;
    if (position !== this.position + 1) {
      throw new RestoreMismatchError(
        position,
        streamId,
        'position_gap',
        `expected ${this.position + 1}`,
      );
    }
    const tip = this.tips.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    if (event.streamVersion !== tip.version + 1) {
      throw new RestoreMismatchError(
        position,
        streamId,
        'version_gap',
        `version ${event.streamVersion}, expected ${tip.version + 1}`,
      );
    }
    const data = canonicalJson(event.data);
    const metadata = canonicalJson(event.metadata);
    const hash = computeEventHashFromJson(event, data, metadata, tip.hash);
    if (hash !== event.hash) {
      throw new RestoreMismatchError(
        position,
        streamId,
        'hash_mismatch',
        `recomputed ${hash}, archived ${event.hash}`,
      );
    }
    this.tips.set(streamId, { version: event.streamVersion, hash });
    this.position = position;
    this.count += 1;
    this.lastRecordedAt = event.recordedAt;
    return {
      position,
      stream_id: streamId,
      stream_version: event.streamVersion,
      type: event.type,
      schema_version: event.schemaVersion,
      data,
      metadata,
      occurred_on: event.occurredOn,
      recorded_at: event.recordedAt,
      hash,
    };
  }

  result(): RestoreResult {
    return {
      events: this.count,
      streams: this.tips.size,
      headPosition: this.position,
      lastRecordedAt: this.lastRecordedAt,
    };
  }
}
