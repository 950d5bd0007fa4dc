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
import type { KeyObject } from 'node:crypto';
import type { AnchorStore } from './anchor-store.port';
import {
  checkpointProblem,
  EVENT_HASH_PREFIX,
  eventHashPrefixAt,
  type SignedCheckpoint,
} from './checkpoint';
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
  /** The log ends before an anchor's or a checkpoint's position: its newest events were removed. */
  | 'truncated'
  /** A witnessed checkpoint is malformed or its signature is not the configured key's. */
  | 'checkpoint_invalid'
  /** An event's hash is not the one a signed checkpoint recorded: it was rewritten and rehashed. */
  | 'event_rewritten'
  /** The log no longer yields a signed checkpoint's digest at the checkpoint's position. */
  | 'checkpoint_mismatch'
  /** The log no longer yields the digest a report snapshot recorded at its position. */
  | 'report_mismatch';

export interface IntegrityBreak {
  readonly kind: IntegrityBreakKind;
  /** The event to blame; for anchor_mismatch the anchor's position; for truncated head + 1. */
  readonly position?: number;
  readonly streamId?: string;
  readonly streamVersion?: number;
  /** The event's type as the log now holds it (event breaks). */
  readonly eventType?: string;
  /** When the signed checkpoint concerned was taken (checkpoint breaks, truncation by one). */
  readonly checkpointCreatedAt?: string;
  /** The report snapshot concerned (report_mismatch, truncation before a report's position). */
  readonly report?: string;
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
  /** Signed checkpoints whose signature and log digest checked out (only when some were given). */
  readonly checkpointsChecked?: number;
  /** Report snapshots whose log digest checked out (only when some were given). */
  readonly reportsChecked?: number;
  /** The position of the last event, when the log is intact. */
  readonly headPosition?: number;
  readonly firstBreak: IntegrityBreak | null;
}

interface VerifyIntegrityOptions {
  readonly batchSize?: number;
  /**
   * Signed checkpoints read back from a witness (null: a line that could not be read) and the
   * public key they must be signed with (from outside the data directory).
   */
  readonly checkpoints?: {
    readonly records: readonly (SignedCheckpoint | null)[];
    readonly publicKey: KeyObject;
  };
  /** Report snapshots' log digests (`report` names one, e.g. its id), checked like anchors. */
  readonly reports?: readonly ReportDigest[];
}

export interface ReportDigest {
  readonly report: string;
  readonly position: number;
  readonly logDigest: string;
}

/**
 * Walks the log once and checks:
 * 1. every stream's hash chain and the global positions (verifyLog);
 * 2. the anchor chain: each anchor's digest over its fields, its link to the previous anchor
 *    (64 zeros for the first), positions never going back, createdAt on the anchor's day;
 * 3. each anchor's log digest against the digest recomputed from the log at its position, in the
 *    same pass (one SHA-256 per event, one digest kept per anchor until compared);
 * 4. that the log reaches every anchor's position;
 * 5. with `checkpoints`: each checkpoint's signature, each event's hash against the prefix a
 *    checkpoint recorded for its position, each checkpoint's digest, and that the log reaches it.
 *
 * `firstBreak` is, in this order: the first broken anchor link (anchors that do not hold together
 * vouch for nothing, and an auditor must hear that first); otherwise the earliest break in log
 * order, where an anchor mismatch at position p ranks before an event break after p (a rewrite
 * that recomputed the hashes, e.g. a deleted stream with positions renumbered, only shows there);
 * otherwise the oldest anchor the log no longer reaches.
 *
 * A break against a signed checkpoint ranks right after the anchor chain: an invalid checkpoint
 * first, then the first event whose hash a checkpoint recorded otherwise (it names the event even
 * when every chain and anchor was recomputed), then a checkpoint digest the log contradicts.
 *
 * What it cannot see: a rewrite of events after the newest anchor or checkpoint (until the next
 * is taken), and without checkpoints a rewrite of log *and* every anchor together — paper copies
 * of anchors (checkPaperAnchor) catch the latter. See docs/audit.md.
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
  const witnessed = checkCheckpoints(options.checkpoints);
  const reports = checkReports(options.reports ?? []);

  const onEvent = (event: StoredEvent): void => {
    witnessed.onEvent(event, digester.current);
    reports.onEvent(event.position, digester.current);
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
    witnessed.onEnd(digester.current);
    reports.onEnd(digester.current);
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

  const rewritten = witnessed.result(breakAt, head);
  const reported = reports.result(breakAt, head);
  const firstBreak =
    chain.firstBreak ??
    rewritten.firstBreak ??
    mismatch ??
    reported.mismatch ??
    (logBreak ? fromLogBreak(logBreak) : null) ??
    earliestTruncation(earliestTruncation(truncated, rewritten.truncated), reported.truncated);
  const streams = logBreak
    ? [...firstPositionOf.values()].filter((p) => p < logBreak.position).length
    : firstPositionOf.size;
  return {
    ok: firstBreak === null,
    eventsChecked: log.eventsChecked,
    streams,
    anchorsChecked,
    ...(options.checkpoints ? { checkpointsChecked: rewritten.checked } : {}),
    ...(options.reports ? { reportsChecked: reported.checked } : {}),
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

function earliestTruncation(
  a: IntegrityBreak | null,
  b: IntegrityBreak | null,
): IntegrityBreak | null {
  if (a === null || b === null) return a ?? b;
  return Number(b.expected) < Number(a.expected) ? b : a;
}

interface Watched {
  readonly checkpoint: SignedCheckpoint;
  /** The log digest at the checkpoint's position, once the walk got there. */
  digestThere?: string;
}

/**
 * The checkpoint side of the walk: fed every event in read order with the digest before it,
 * then asked for the first break at or before `breakAt` (the first event break of verifyLog).
 * Memory: the checkpoints themselves, as read from the witness.
 */
function checkCheckpoints(given: VerifyIntegrityOptions['checkpoints']) {
  let invalid: IntegrityBreak | null = null;
  const watched: Watched[] = [];
  for (const [index, record] of (given?.records ?? []).entries()) {
    const problem =
      record === null ? 'it is not valid JSON' : checkpointProblem(record, given!.publicKey);
    if (problem !== null) {
      invalid ??= {
        kind: 'checkpoint_invalid',
        ...(record && Number.isSafeInteger(record.position) ? { position: record.position } : {}),
        ...(record && typeof record.createdAt === 'string'
          ? { checkpointCreatedAt: record.createdAt }
          : {}),
        detail: `Signed checkpoint no. ${index + 1} of the witness: ${problem}`,
      };
    } else {
      watched.push({ checkpoint: record! });
    }
  }
  // By where their events start, so the ones covering an event are found in one sweep.
  const byStart = [...watched].sort(
    (a, b) => a.checkpoint.previousPosition - b.checkpoint.previousPosition,
  );
  let started = 0;
  let active: Watched[] = [];
  let rewritten: IntegrityBreak | null = null;

  const settleBefore = (position: number, digest: LogDigestState): void => {
    for (const w of active) {
      if (w.checkpoint.position < position) w.digestThere ??= digest.digest;
    }
    active = active.filter((w) => w.checkpoint.position >= position);
  };

  return {
    onEvent(event: StoredEvent, before: LogDigestState): void {
      settleBefore(event.position, before);
      while (
        started < byStart.length &&
        byStart[started].checkpoint.previousPosition < event.position
      ) {
        const w = byStart[started];
        started += 1;
        if (w.checkpoint.position < event.position) {
          // Its whole range was passed without a single event: the log holds fewer there.
          w.digestThere ??= w.checkpoint.position === before.position ? before.digest : '';
        } else {
          active.push(w);
        }
      }
      if (rewritten !== null) return;
      const actual = event.hash.slice(0, EVENT_HASH_PREFIX);
      const differing = active.find(
        (w) => eventHashPrefixAt(w.checkpoint, event.position) !== actual,
      );
      if (differing) {
        rewritten = {
          kind: 'event_rewritten',
          position: event.position,
          streamId: event.streamId,
          streamVersion: event.streamVersion,
          eventType: event.type,
          checkpointCreatedAt: differing.checkpoint.createdAt,
          expected: eventHashPrefixAt(differing.checkpoint, event.position),
          actual,
          detail:
            `The event at position ${event.position} (${event.streamId} v${event.streamVersion}, ` +
            `${event.type}) is not the one the checkpoint of ${differing.checkpoint.createdAt} ` +
            'signed: it was rewritten, and its chain recomputed',
        };
      }
    },
    onEnd(head: LogDigestState): void {
      settleBefore(head.position + 1, head);
      for (const w of byStart.slice(started)) {
        if (w.checkpoint.position <= head.position) w.digestThere ??= head.digest;
      }
    },
    result(breakAt: number, head: number | null) {
      let mismatch: IntegrityBreak | null = null;
      let checked = 0;
      const byPosition = [...watched].sort((a, b) => a.checkpoint.position - b.checkpoint.position);
      for (const { checkpoint, digestThere } of byPosition) {
        if (digestThere === undefined || checkpoint.position >= breakAt) continue;
        if (digestThere === checkpoint.logDigest) {
          if (mismatch === null) checked += 1;
        } else {
          mismatch ??= {
            kind: 'checkpoint_mismatch',
            position: checkpoint.position,
            checkpointCreatedAt: checkpoint.createdAt,
            expected: checkpoint.logDigest,
            actual: digestThere,
            detail:
              `The log no longer yields the digest signed at ${checkpoint.createdAt} for ` +
              `position ${checkpoint.position}: events up to there were removed, moved or rewritten`,
          };
        }
      }
      const early = rewritten && (rewritten.position ?? Infinity) < breakAt ? rewritten : null;
      const beyond =
        head === null ? undefined : byPosition.find((w) => w.checkpoint.position > head);
      const truncated: IntegrityBreak | null =
        head !== null && beyond
          ? {
              kind: 'truncated',
              position: head + 1,
              checkpointCreatedAt: beyond.checkpoint.createdAt,
              expected: beyond.checkpoint.position,
              actual: head,
              detail:
                `The log ends at position ${head} but the checkpoint signed at ` +
                `${beyond.checkpoint.createdAt} covers up to ${beyond.checkpoint.position}: ` +
                `the newest events (from position ${head + 1}) were removed`,
            }
          : null;
      return { firstBreak: invalid ?? early ?? mismatch, truncated, checked };
    },
  };
}

/** Report snapshots' digests, each compared with the log's digest at its position. */
function checkReports(given: readonly ReportDigest[]) {
  const pending = [...given].sort((a, b) => a.position - b.position);
  const digestAt = new Map<ReportDigest, string>();
  let next = 0;
  const settle = (upTo: number, state: LogDigestState): void => {
    while (next < pending.length && pending[next].position < upTo) {
      if (pending[next].position === state.position) digestAt.set(pending[next], state.digest);
      next += 1;
    }
  };
  return {
    onEvent: (position: number, before: LogDigestState): void => settle(position, before),
    onEnd: (head: LogDigestState): void => settle(head.position + 1, head),
    result(breakAt: number, head: number | null) {
      let mismatch: IntegrityBreak | null = null;
      let checked = 0;
      for (const report of pending) {
        const digest = digestAt.get(report);
        if (digest === undefined || report.position >= breakAt) continue;
        if (digest === report.logDigest) {
          checked += 1;
        } else {
          mismatch ??= {
            kind: 'report_mismatch',
            position: report.position,
            report: report.report,
            expected: report.logDigest,
            actual: digest,
            detail:
              `The log no longer yields the digest report ${report.report} recorded at position ` +
              `${report.position}: events up to there were removed, moved or rewritten`,
          };
        }
      }
      const beyond = head === null ? undefined : pending.find((r) => r.position > head);
      const truncated: IntegrityBreak | null =
        head !== null && beyond
          ? {
              kind: 'truncated',
              position: head + 1,
              report: beyond.report,
              expected: beyond.position,
              actual: head,
              detail:
                `The log ends at position ${head} but report ${beyond.report} was taken at ` +
                `position ${beyond.position}: the newest events were removed`,
            }
          : null;
      return { mismatch, truncated, checked };
    },
  };
}
