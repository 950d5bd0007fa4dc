/**
 * What every adapter does to append, apart from storage: validate the writes, serialise data and
 * metadata once as canonical JSON, check expected versions against the streams' tips, and give
 * each event its position, version and chained hash. Pure, so the SQLite and PostgreSQL adapters
 * produce byte-identical rows for the same input.
 */
import { canonicalJson } from './canonical-json';
import { computeEventHashFromJson, GENESIS_HASH } from './event-hash';
import {
  ConcurrencyError,
  type AppendResult,
  type BatchedAppendResult,
  type ExpectedVersion,
  type StreamWrite,
} from './event-store.port';
import type { EventRow } from './event-row';

/** An event ready for storage but for its place in the log. */
export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredOn: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

export interface EncodedWrite {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly EncodedEvent[];
}

/** The last event of a stream: its version and the hash the next event chains to. */
export interface StreamTip {
  readonly version: number;
  readonly hash: string;
}

export const EMPTY_STREAM: StreamTip = { version: 0, hash: GENESIS_HASH };

interface AppendPlan {
  /** In position order. */
  readonly rows: EventRow[];
  readonly results: AppendResult[];
}

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates and serialises every write; throws before the adapter takes any lock. */
export function encodeWrites(writes: readonly StreamWrite[]): EncodedWrite[] {
  return writes.map((write) => {
    validateWrite(write);
    return {
      streamId: write.streamId,
      expectedVersion: write.expectedVersion ?? 'any',
      events: write.events.map((event) => ({
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredOn: event.occurredOn,
        dataJson: canonicalJson(event.data),
        metadataJson: canonicalJson(event.metadata),
      })),
    };
  });
}

export const countEvents = (writes: readonly EncodedWrite[]): number =>
  writes.reduce((sum, write) => sum + write.events.length, 0);

/**
 * Places the writes after `head`: checks each expected version (ConcurrencyError on a stale one),
 * numbers positions head + 1, … and stream versions tip + 1, …, and chains the hashes. `tipOf`
 * is asked once per stream, inside the adapter's write transaction.
 */
export function planAppend(
  writes: readonly EncodedWrite[],
  tipOf: (streamId: string) => StreamTip,
  head: number,
  recordedAt: string,
): AppendPlan {
  const tips = new Map<string, StreamTip>();
  const rows: EventRow[] = [];
  const results: AppendResult[] = [];
  let position = head;

  for (const { streamId, events, expectedVersion } of writes) {
    let { version, hash } = tips.get(streamId) ?? tipOf(streamId);
    checkExpectedVersion(streamId, expectedVersion, version);
    const firstPosition = position + 1;
    for (const event of events) {
      position += 1;
      version += 1;
      const fields = {
        position,
        streamId,
        streamVersion: version,
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredOn: event.occurredOn,
        recordedAt,
      };
      hash = computeEventHashFromJson(fields, event.dataJson, event.metadataJson, hash);
      rows.push({
        position,
        stream_id: streamId,
        stream_version: version,
        type: event.type,
        schema_version: event.schemaVersion,
        data: event.dataJson,
        metadata: event.metadataJson,
        occurred_on: event.occurredOn,
        recorded_at: recordedAt,
        hash,
      });
    }
    tips.set(streamId, { version, hash });
    // An empty write yields an empty range: lastPosition = firstPosition - 1.
    results.push({ streamId, nextExpectedVersion: version, firstPosition, lastPosition: position });
  }
  return { rows, results };
}

function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  if (expected === 'no_stream' ? actual !== 0 : actual !== expected) {
    throw new ConcurrencyError(streamId, expected, actual);
  }
}

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

/** What appendBatches appended, counted batch by batch without keeping the batches' results. */
export class AppendTally {
  private writes = 0;
  private events = 0;
  private firstPosition = 0;
  private lastPosition = 0;

  add(results: readonly AppendResult[]): void {
    for (const result of results) {
      this.writes += 1;
      if (result.lastPosition < result.firstPosition) continue;
      this.events += result.lastPosition - result.firstPosition + 1;
      if (this.firstPosition === 0) this.firstPosition = result.firstPosition;
      this.lastPosition = result.lastPosition;
    }
  }

  result(): BatchedAppendResult {
    const { writes, events, firstPosition, lastPosition } = this;
    return { writes, events, firstPosition, lastPosition };
  }
}
