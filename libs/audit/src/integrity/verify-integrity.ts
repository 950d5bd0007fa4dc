import { vietnamDateOf } from '@chidao/domain';
import {
  LogDigester,
  verifyLog,
  type EventStore,
  type LogDigestState,
  type LogBreak,
  type ReadAllOptions,
  type StoredEvent,
} from '@chidao/event-store';
import type { AnchorStore } from './anchor-store.port';
import { computeAnchorDigest, GENESIS_ANCHOR_DIGEST, type Anchor } from './log-anchor';

export type IntegrityBreakKind =
  /** An event's stored hash is not the hash of its fields and its stream's previous hash. */
  | 'hash_mismatch'
  /** The positions are not 1, 2, 3 … (an event was removed, or moved). */
  | 'position_gap'
  /** A stream's versions are not 1, 2, 3 … */
  | 'version_gap'
  /** The log no longer yields an anchor's digest at the anchor's position. */
  | 'anchor_mismatch'
  /** An anchor was altered, removed or inserted: its digest or its link to the previous fails. */
  | 'anchor_chain_broken'
  /** The log ends before an anchor's position: its newest events were removed. */
  | 'truncated';

export interface IntegrityBreak {
  readonly kind: IntegrityBreakKind;
  /** The event to blame; for anchor_mismatch the anchor's position; for truncated head + 1. */
  readonly position?: number;
  readonly streamId?: string;
  readonly streamVersion?: number;
  /** The anchor concerned (anchor_mismatch, anchor_chain_broken, truncated). */
  readonly anchorDay?: string;
  readonly expected?: string | number;
  readonly actual?: string | number;
  /** One line in English for logs and the CLI. */
  readonly detail: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  /** Events whose position, version and hash were checked (before the break, if any). */
  readonly eventsChecked: number;
  /** Streams those events belong to. */
  readonly streams: number;
  /** Anchors whose chain link and log digest both checked out. */
  readonly anchorsChecked: number;
  /** The position of the last event, when the log is intact. */
  readonly headPosition?: number;
  readonly firstBreak: IntegrityBreak | null;
}

interface VerifyIntegrityOptions {
  readonly batchSize?: number;
}

/**
 * Walks the log once and checks:
 * 1. every stream's hash chain and the global positions (verifyLog);
 * 2. the anchor chain: each anchor's digest over its fields, its link to the previous anchor
 *    (64 zeros for the first), positions never going back, createdAt on the anchor's day;
 * 3. each anchor's log digest against the digest recomputed from the log at its position, in the
 *    same pass (one SHA-256 per event, one digest kept per anchor until compared);
 * 4. that the log reaches every anchor's position.
 *
 * `firstBreak` is, in this order: the first broken anchor link (anchors that do not hold together
 * vouch for nothing, and an auditor must hear that first); otherwise the earliest break in log
 * order, where an anchor mismatch at position p ranks before an event break after p (a rewrite
 * that recomputed the hashes, e.g. a deleted stream with positions renumbered, only shows there);
 * otherwise the oldest anchor the log no longer reaches.
 *
 * What it cannot see: a rewrite of events after the newest anchor (until the next anchor is
 * taken) and a rewrite of log *and* every anchor together — paper copies of anchors
 * (checkPaperAnchor) catch the latter.
 */
export async function verifyIntegrity(
  eventStore: EventStore,
  anchors: AnchorStore,
  options: VerifyIntegrityOptions = {},
): Promise<IntegrityReport> {
  const all = await anchors.list();
  const chain = checkAnchorChain(all);

  // Anchors by position (stable on day), each waiting for the digest at its position.
  const pending = all
    .map((anchor, index) => ({ anchor, index }))
    .sort((a, b) => a.anchor.position - b.anchor.position || a.index - b.index);
  const digestAt = new Array<LogDigestState | undefined>(all.length);
  const digester = new LogDigester();
  let next = 0;
  const firstPositionOf = new Map<string, number>();

  const onEvent = (event: StoredEvent): void => {
    while (next < pending.length && pending[next].anchor.position < event.position) {
      digestAt[pending[next].index] = digester.current;
      next += 1;
    }
    digester.update(event);
    if (!firstPositionOf.has(event.streamId)) firstPositionOf.set(event.streamId, event.position);
  };

  const log = await verifyLog(tap(eventStore, onEvent), { batchSize: options.batchSize });
  const head = log.ok ? log.headPosition : null;
  if (head !== null) {
    // The walk ended: anchors at the head get the final digest; those beyond it stay unreached.
    while (next < pending.length && pending[next].anchor.position <= head) {
      digestAt[pending[next].index] = digester.current;
      next += 1;
    }
  }
  const logBreak = log.ok ? null : log.firstBreak;
  // The first position the event break concerns: for a gap, the missing position.
  const breakAt =
    logBreak === null
      ? Infinity
      : logBreak.reason === 'position_gap' && typeof logBreak.expected === 'number'
        ? Math.min(logBreak.position, logBreak.expected)
        : logBreak.position;

  // Earliest anchor (by position) the log contradicts, before the first event break.
  let mismatch: IntegrityBreak | null = null;
  let anchorsChecked = 0;
  for (const { anchor, index } of pending) {
    const state = digestAt[index];
    if (state === undefined) continue;
    if (anchor.position >= breakAt) continue;
    if (state.digest !== anchor.logDigest) {
      mismatch ??= {
        kind: 'anchor_mismatch',
        position: anchor.position,
        anchorDay: anchor.day,
        expected: anchor.logDigest,
        actual: state.digest,
        detail:
          `The log no longer yields the digest of the anchor of ${anchor.day} at position ` +
          `${anchor.position}: events up to there were removed, moved or rewritten`,
      };
    } else if (mismatch === null && index < chain.validCount) {
      anchorsChecked += 1;
    }
  }

  const beyond = head === null ? undefined : pending.find((p) => p.anchor.position > head);
  const truncated: IntegrityBreak | null =
    head !== null && beyond
      ? {
          kind: 'truncated',
          position: head + 1,
          anchorDay: beyond.anchor.day,
          expected: beyond.anchor.position,
          actual: head,
          detail:
            `The log ends at position ${head} but the anchor of ${beyond.anchor.day} covers ` +
            `up to ${beyond.anchor.position}: the newest events were removed`,
        }
      : null;

  const firstBreak =
    chain.firstBreak ?? mismatch ?? (logBreak ? fromLogBreak(logBreak) : null) ?? truncated;
  const streams = logBreak
    ? [...firstPositionOf.values()].filter((p) => p < logBreak.position).length
    : firstPositionOf.size;
  return {
    ok: firstBreak === null,
    eventsChecked: log.eventsChecked,
    streams,
    anchorsChecked,
    ...(firstBreak === null && head !== null ? { headPosition: head } : {}),
    firstBreak,
  };
}

/** The anchor chain alone (no log read): how many anchors, oldest first, hold together. */
export function checkAnchorChain(anchorsByDay: readonly Anchor[]): {
  readonly validCount: number;
  readonly firstBreak: IntegrityBreak | null;
} {
  let previous: Anchor | null = null;
  for (let i = 0; i < anchorsByDay.length; i += 1) {
    const anchor = anchorsByDay[i];
    const problem = chainProblem(anchor, previous);
    if (problem) {
      return {
        validCount: i,
        firstBreak: {
          kind: 'anchor_chain_broken',
          position: anchor.position,
          anchorDay: anchor.day,
          detail: `Anchor of ${anchor.day}: ${problem}`,
        },
      };
    }
    previous = anchor;
  }
  return { validCount: anchorsByDay.length, firstBreak: null };
}

function chainProblem(anchor: Anchor, previous: Anchor | null): string | null {
  let recomputed: string;
  try {
    recomputed = computeAnchorDigest(anchor);
  } catch {
    return 'its fields are not valid JSON values';
  }
  if (recomputed !== anchor.anchorDigest) return 'its digest does not match its fields (altered)';
  const expectedPrevious = previous?.anchorDigest ?? GENESIS_ANCHOR_DIGEST;
  if (anchor.previousAnchorDigest !== expectedPrevious) {
    return previous
      ? `it does not link to the anchor of ${previous.day} (an anchor was removed, inserted or altered)`
      : 'it is the oldest anchor but links to a previous one (older anchors were removed)';
  }
  if (previous && anchor.day <= previous.day) return `its day is not after ${previous.day}`;
  if (previous && anchor.position < previous.position) {
    return `its position ${anchor.position} is before the previous anchor's ${previous.position}`;
  }
  let createdDay: string | null = null;
  try {
    createdDay = vietnamDateOf(anchor.createdAt);
  } catch {
    createdDay = null;
  }
  if (createdDay !== anchor.day) return `it was created on another day (${anchor.createdAt})`;
  return null;
}

function fromLogBreak(b: LogBreak): IntegrityBreak {
  const at = `position ${b.position}${b.streamId === null ? '' : ` (${b.streamId} v${b.streamVersion})`}`;
  const details: Record<LogBreak['reason'], string> = {
    hash_mismatch: `The event at ${at} does not match its hash: it was altered or moved`,
    position_gap: `Expected position ${b.expected} but read ${b.actual}: events were removed or moved`,
    version_gap: `The event at ${at} has version ${b.actual}, expected ${b.expected}`,
    truncated: `The log ends at ${b.actual}, expected at least ${b.expected}`,
  };
  return {
    kind: b.reason,
    position: b.position,
    ...(b.streamId === null ? {} : { streamId: b.streamId }),
    ...(b.streamVersion === null ? {} : { streamVersion: b.streamVersion }),
    expected: b.expected,
    actual: b.actual,
    detail: details[b.reason],
  };
}

/** The same store, whose readAll also hands every event read to `onEvent`, in read order. */
function tap(store: EventStore, onEvent: (event: StoredEvent) => void): EventStore {
  async function* readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    for await (const batch of store.readAll(options)) {
      for (const event of batch) onEvent(event);
      yield batch;
    }
  }
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') return readAll;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}
