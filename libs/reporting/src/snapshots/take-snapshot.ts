import type { TaskTimeline } from '@chidao/domain';
import { computeLogDigest, type EventStore } from '@chidao/event-store';
import type { DocumentCollection, ReadModelStore } from '@chidao/projections';
import type {
  ReportPeriod,
  ReportScope,
  ReportSnapshot,
  SnapshotDailyAnchor,
  SnapshotLogAnchor,
} from '../report.types';
import { readModelMark, type ReadModelMark } from './read-model-mark';
import { computeReportFigures } from './report-figures';
import { withDigest } from './report-digest';
import type { SnapshotStore } from './snapshot-store.port';

/** A daily anchor to continue the log digest from: its position and the digest there. */
export interface LogDigestStart extends SnapshotDailyAnchor {
  readonly logDigest: string;
}

/**
 * The newest daily anchor at or before `position`, or null (the API passes the anchor store's
 * `upTo`); given as a function so this library does not depend on libs/audit.
 */
export type DigestStart = (position: number) => Promise<LogDigestStart | null>;

interface TakeSnapshotDeps {
  /** The `tasks` read model. */
  readonly tasks: DocumentCollection<TaskTimeline>;
  readonly snapshots: SnapshotStore;
  /** The log, for the log digest at the snapshot's position. */
  readonly eventStore: EventStore;
  /** Where the log digest starts; without it, it is folded from position 0. */
  readonly digestStart?: DigestStart;
  /**
   * The store holding `tasks`. With it, figures are taken only while the documents are exactly
   * the log up to their position (readModelMark), waiting for that while Kafka partitions are
   * ahead of it; without it, `tasks` must be fed from the store (never ahead of its position).
   */
  readonly readStore?: ReadModelStore;
  /** How long to wait for the read model to be at a prefix (default 30 s). */
  readonly prefixTimeoutMs?: number;
}

export interface TakeSnapshotRequest {
  readonly id: string;
  readonly period: ReportPeriod;
  readonly scope: Omit<ReportScope, 'leadAgencies'> & {
    readonly leadAgencies?: ReportScope['leadAgencies'];
  };
  /**
   * The lead agencies the scope stands for (the agency and, with includeUnits, its units);
   * default: scope.leadAgencies, else [scope.agency], else every agency.
   */
  readonly leadAgencies?: readonly string[];
  readonly takenBy: ReportSnapshot['takenBy'];
  /** `manual` or the schedule's id. */
  readonly trigger: string;
  readonly now: Date;
  readonly listLimit?: number;
}

/** How many times the figures are recomputed while the read model keeps moving. */
const MAX_SNAPSHOT_ATTEMPTS = 5;

class ReadModelMovingError extends Error {
  readonly code = 'read_model_moving';

  constructor(readonly attempts: number) {
    super(`The tasks read model moved during each of ${attempts} attempts to take a snapshot`);
    this.name = 'ReadModelMovingError';
  }
}

/** The read model was never exactly at a log prefix while the snapshot waited. */
export class ReadModelNotAtPrefixError extends Error {
  readonly code = 'read_model_not_at_prefix';

  constructor(
    readonly position: number,
    readonly waitedMs: number,
  ) {
    super(
      `The tasks read model had partitions ahead of its position ${position} for ${waitedMs} ms; ` +
        'a snapshot needs every partition at the same position',
    );
    this.name = 'ReadModelNotAtPrefixError';
  }
}

const PREFIX_TIMEOUT_MS = 30_000;
const FIRST_PAUSE_MS = 20;
const MAX_PAUSE_MS = 500;

/**
 * Computes the figures between two reads of the read model's (generation, position): when they
 * agree, no batch committed in between, so the figures are exactly the log up to that position
 * (a batch commits its documents and checkpoint together). Otherwise computes again. Fed from
 * Kafka, it first waits until no partition is ahead of the position (see readModelMark). The
 * snapshot also carries the log digest at that position (`logAnchor`), under its own digest.
 */
export async function takeSnapshot(
  deps: TakeSnapshotDeps,
  request: TakeSnapshotRequest,
): Promise<ReportSnapshot> {
  const scope = resolveScope(request);
  const readStore = deps.readStore;
  const mark = readStore ? () => readModelMark(readStore) : () => markOf(deps.tasks);
  const timeoutMs = deps.prefixTimeoutMs ?? PREFIX_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let pause = FIRST_PAUSE_MS;
  for (let attempt = 1; attempt <= MAX_SNAPSHOT_ATTEMPTS;) {
    const before = await mark();
    if (!before.atPrefix) {
      // The relay's next watermarks bring the lagging partitions level; a poll, not an attempt.
      if (Date.now() >= deadline) throw new ReadModelNotAtPrefixError(before.position, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
      continue;
    }
    attempt += 1;
    const figures = await computeReportFigures(deps.tasks, {
      period: request.period,
      leadAgencies: scope.leadAgencies ?? undefined,
      directiveId: scope.directive,
      listLimit: request.listLimit,
    });
    const after = await mark();
    if (
      !after.atPrefix ||
      before.generation !== after.generation ||
      before.position !== after.position
    ) {
      continue;
    }

    const logAnchor = await logAnchorAt(deps, after.position);
    const snapshot = withDigest({
      id: request.id,
      period: request.period,
      scope,
      position: after.position,
      takenAt: request.now.toISOString(),
      takenBy: request.takenBy,
      trigger: request.trigger,
      figures,
      logAnchor,
    });
    await deps.snapshots.save(snapshot);
    return snapshot;
  }
  throw new ReadModelMovingError(MAX_SNAPSHOT_ATTEMPTS);
}

/**
 * The log digest at `position`, continued from the newest daily anchor at or before it, so the
 * cost is the events since that anchor, not the whole log. The anchor is trusted here; verify
 * recomputes from position 0 and trusts nothing but the events.
 */
async function logAnchorAt(deps: TakeSnapshotDeps, position: number): Promise<SnapshotLogAnchor> {
  const start = (await deps.digestStart?.(position)) ?? null;
  const from = start !== null && start.position <= position ? start : null;
  const digest = await computeLogDigest(deps.eventStore, position, {
    from: from === null ? undefined : { position: from.position, digest: from.logDigest },
  });
  if (digest.position !== position) {
    throw new Error(
      `The log ends at ${digest.position}, before the read model's position ${position}`,
    );
  }
  return {
    position,
    logDigest: digest.digest,
    dailyAnchor:
      from === null
        ? null
        : { day: from.day, position: from.position, anchorDigest: from.anchorDigest },
  };
}

function resolveScope(request: TakeSnapshotRequest): ReportScope {
  const given =
    request.leadAgencies ??
    request.scope.leadAgencies ??
    (request.scope.agency !== null ? [request.scope.agency] : null);
  const leadAgencies = given === null ? null : [...new Set(given)].sort();
  return { ...request.scope, leadAgencies };
}

/** Fed from the store, the documents are never ahead of the position. */
async function markOf(tasks: DocumentCollection<TaskTimeline>): Promise<ReadModelMark> {
  return {
    generation: await tasks.generation(),
    position: await tasks.position(),
    atPrefix: true,
  };
}
