/**
 * The log digest: one SHA-256 over the whole log up to a position (anchors and report snapshots
 * carry it).
 *
 * Every stored event already carries a hash chained to the previous event of *its stream*. That
 * proves no event of a stream was altered, but not that the log still holds every stream: an
 * attacker who deletes a whole stream, renumbers the positions behind it and recomputes every
 * stream's chain leaves a log whose per-stream chains all check. The log digest closes that gap:
 *
 *   h_0 = 64 zeros
 *   h_n = SHA-256( h_{n-1} "|" position "|" streamId "|" streamVersion "|" hash )   (UTF-8, hex)
 *
 * folded over the events in read order. It covers every event (through its hash, which covers
 * the event's content), its place in the log and the order of the whole log, so deleting,
 * inserting, reordering or rewriting anything up to a position changes the digest at that
 * position. Because h_n only depends on h_{n-1} and event n, continuing from an earlier state
 * needs nothing but that state's (position, digest): digests are computed incrementally.
 *
 * The line cannot be ambiguous: position and version are integers, the hash is 64 hex digits, so
 * a `|` inside a stream id still parses from both ends.
 */
import { createHash } from 'node:crypto';
import { GENESIS_HASH } from './event-hash';
import type { EventStore, StoredEvent } from './event-store.port';

/** The log digest of the empty log (position 0). */
export const EMPTY_LOG_DIGEST = GENESIS_HASH;

const HEX64 = /^[0-9a-f]{64}$/;

/** The digest of the log after every event at or before `position`. */
export interface LogDigestState {
  readonly position: number;
  readonly digest: string;
}

interface LogDigestResult extends LogDigestState {
  /** Events folded in this call (not counting those covered by `from`). */
  readonly eventsFolded: number;
  /** True when the folded positions were exactly from.position + 1, + 2, … (no hole). */
  readonly contiguous: boolean;
}

interface ComputeLogDigestOptions {
  /** Continue from this state instead of from the empty log (e.g. the previous anchor's). */
  readonly from?: LogDigestState;
  readonly batchSize?: number;
}

/** One step of the fold: h_n from h_{n-1} and event n. */
export function foldLogDigest(
  previousDigest: string,
  event: Pick<StoredEvent, 'position' | 'streamId' | 'streamVersion' | 'hash'>,
): string {
  return createHash('sha256')
    .update(
      `${previousDigest}|${event.position}|${event.streamId}|${event.streamVersion}|${event.hash}`,
      'utf8',
    )
    .digest('hex');
}

/** The running fold, for callers that already stream the log (verification). */
export class LogDigester {
  private state: LogDigestState;
  private folded = 0;
  private holes = 0;

  constructor(from: LogDigestState = { position: 0, digest: EMPTY_LOG_DIGEST }) {
    assertState(from);
    this.state = from;
  }

  /** Events must come in read order (increasing position). */
  update(event: Pick<StoredEvent, 'position' | 'streamId' | 'streamVersion' | 'hash'>): void {
    if (event.position <= this.state.position) {
      throw new RangeError(
        `log digest: position ${event.position} after ${this.state.position} (not in read order)`,
      );
    }
    if (event.position !== this.state.position + 1) this.holes += 1;
    this.state = { position: event.position, digest: foldLogDigest(this.state.digest, event) };
    this.folded += 1;
  }

  get current(): LogDigestState {
    return this.state;
  }

  result(): LogDigestResult {
    return { ...this.state, eventsFolded: this.folded, contiguous: this.holes === 0 };
  }
}

/**
 * Streams `readAll` from `from.position` (default 0) up to `upTo` inclusive and folds every event.
 * The result's position is that of the last event read: less than `upTo` when the log is shorter.
 * Memory: one batch.
 */
export async function computeLogDigest(
  eventStore: EventStore,
  upTo: number,
  options: ComputeLogDigestOptions = {},
): Promise<LogDigestResult> {
  const digester = new LogDigester(options.from);
  const after = digester.current.position;
  if (!Number.isSafeInteger(upTo) || upTo < after) {
    throw new RangeError(`log digest: upTo ${upTo} is before the starting position ${after}`);
  }
  if (upTo === after) return digester.result();
  for await (const batch of eventStore.readAll({ after, upTo, batchSize: options.batchSize })) {
    for (const event of batch) digester.update(event);
  }
  return digester.result();
}

/**
 * `3f7a0c1d 5e2b4a69 …`: a hex digest in groups of 8, easier to read aloud and compare on paper
 * (anchors and report snapshots print their digests this way).
 */
export function groupDigest(digest: string): string {
  return (digest.match(/.{1,8}/g) ?? []).join(' ');
}

function assertState(state: LogDigestState): void {
  if (!Number.isSafeInteger(state.position) || state.position < 0) {
    throw new RangeError(`log digest: bad starting position ${state.position}`);
  }
  if (!HEX64.test(state.digest)) throw new TypeError('log digest: bad starting digest');
}
