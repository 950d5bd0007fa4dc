import { computeEventHash, GENESIS_HASH } from './event-hash';
import type { EventStore } from './event-store.port';

export type LogBreakReason =
  /** The stored hash is not the hash of the event's fields and its stream's previous hash. */
  | 'hash_mismatch'
  /** The next position read is not the previous one plus 1 (an event was removed or moved). */
  | 'position_gap'
  /** The event's stream version is not its stream's previous version plus 1. */
  | 'version_gap'
  /** The log ends before `expectedHeadPosition` (the tail was cut off). */
  | 'truncated';

export interface LogBreak {
  readonly position: number;
  /** Null for `truncated`, where there is no event to blame. */
  readonly streamId: string | null;
  readonly streamVersion: number | null;
  readonly reason: LogBreakReason;
  /** For hash_mismatch the recomputed hash, for gaps the position or version that was due. */
  readonly expected: string | number;
  /** What the log holds instead. */
  readonly actual: string | number;
}

export type VerifyLogResult =
  | {
      readonly ok: true;
      readonly eventsChecked: number;
      readonly streamsChecked: number;
      /** Position of the last event checked (0 for an empty log). */
      readonly headPosition: number;
    }
  | { readonly ok: false; readonly eventsChecked: number; readonly firstBreak: LogBreak };

interface VerifyLogOptions {
  readonly batchSize?: number;
  /** Stop after this position (inclusive), e.g. the position a report was pinned to. */
  readonly upTo?: number;
  /**
   * A head position known from elsewhere (a published snapshot, a previous run): the log must
   * reach it. Without such an anchor, removing the newest events cannot be detected.
   */
  readonly expectedHeadPosition?: number;
}

interface StreamTip {
  version: number;
  hash: string;
}

/**
 * Walks the whole log once and checks every link: positions 1..N without gaps, each stream's
 * versions 1..n, and each hash against the previous hash in its stream. Memory is one batch plus
 * one entry per stream, never the log.
 */
export async function verifyLog(
  store: EventStore,
  options: VerifyLogOptions = {},
): Promise<VerifyLogResult> {
  const tips = new Map<string, StreamTip>();
  let lastPosition = 0;
  let eventsChecked = 0;
  const fail = (firstBreak: LogBreak): VerifyLogResult => ({
    ok: false,
    eventsChecked,
    firstBreak,
  });

  for await (const batch of store.readAll({ batchSize: options.batchSize, upTo: options.upTo })) {
    for (const event of batch) {
      const at = { position: event.position, streamId: event.streamId };
      if (event.position !== lastPosition + 1) {
        return fail({
          ...at,
          streamVersion: event.streamVersion,
          reason: 'position_gap',
          expected: lastPosition + 1,
          actual: event.position,
        });
      }
      const tip = tips.get(event.streamId) ?? { version: 0, hash: GENESIS_HASH };
      if (event.streamVersion !== tip.version + 1) {
        return fail({
          ...at,
          streamVersion: event.streamVersion,
          reason: 'version_gap',
          expected: tip.version + 1,
          actual: event.streamVersion,
        });
      }
      const { hash, ...fields } = event;
      const recomputed = computeEventHash(fields, tip.hash);
      if (recomputed !== hash) {
        return fail({
          ...at,
          streamVersion: event.streamVersion,
          reason: 'hash_mismatch',
          expected: recomputed,
          actual: hash,
        });
      }
      tips.set(event.streamId, { version: event.streamVersion, hash });
      lastPosition = event.position;
      eventsChecked += 1;
    }
  }

  const expectedHead = options.expectedHeadPosition;
  if (expectedHead !== undefined && lastPosition < expectedHead) {
    return fail({
      position: lastPosition + 1,
      streamId: null,
      streamVersion: null,
      reason: 'truncated',
      expected: expectedHead,
      actual: lastPosition,
    });
  }
  return { ok: true, eventsChecked, streamsChecked: tips.size, headPosition: lastPosition };
}
