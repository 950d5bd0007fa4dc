/**
 * Re-derives a snapshot from the log alone: replays positions 1..snapshot.position into a fresh
 * read model in a scratch SQLite file (the same projection code the application runs, but none
 * of its tables), recomputes the figures with the same period and scope, and compares canonical
 * JSON; recomputes the log digest at the snapshot's position from position 0 (trusting no stored
 * anchor) and compares it with the one the snapshot carries. Memory: one batch of events, one
 * page of timelines, the counters and the lists.
 */
import type { TaskTimeline } from '@chidao/domain';
import {
  canonicalJson,
  computeLogDigest,
  verifyLog,
  type EventStore,
  type VerifyLogResult,
} from '@chidao/event-store';
import { taskTimelineProjection, withScratchReadModel } from '@chidao/projections';
import type { ReportFigures, ReportSnapshot } from '../report.types';
import { checkDigest } from './report-digest';
import { inShapeOf } from './figures-shape';
import { computeReportFigures } from './report-figures';

interface VerifySnapshotDeps {
  readonly eventStore: EventStore;
}

interface VerifySnapshotOptions {
  /** A directory for the scratch read model (created when missing; the file is removed after). */
  readonly scratchDir: string;
  /** Events per replay batch (default 1000). */
  readonly batchSize?: number;
  /** Differences reported at most (default 100); `differenceCount` counts them all. */
  readonly maxDifferences?: number;
}

export interface FigureDifference {
  /** Leaf path, e.g. `figures.scope.done.late` or `figures.overdue.entries[0].daysOverdue`. */
  readonly path: string;
  /** undefined: absent on that side. */
  readonly stored: unknown;
  readonly recomputed: unknown;
}

export interface SnapshotVerification {
  readonly snapshotId: string;
  /** The recomputed figures have exactly the stored bytes. */
  readonly identical: boolean;
  readonly position: number;
  /** The stored digest is the digest of the stored content. */
  readonly digestValid: boolean;
  readonly differences: readonly FigureDifference[];
  readonly differenceCount: number;
  /**
   * The log digest recomputed from position 0 equals the snapshot's `logAnchor.logDigest`: false
   * when any event up to the position was deleted, inserted, moved or rewritten, even with every
   * hash chain recomputed. Null: the snapshot predates log anchors (no `logAnchor`), not checked.
   */
  readonly logDigestValid: boolean | null;
  /** The log digest the log yields at the position (null when the log does not reach it). */
  readonly recomputedLogDigest: string | null;
  /** The hash chains up to the snapshot's position (and that the log reaches it). */
  readonly integrity: VerifyLogResult;
  /** Events projected into the scratch read model. */
  readonly eventsReplayed: number;
}

export async function verifySnapshot(
  snapshot: ReportSnapshot,
  deps: VerifySnapshotDeps,
  options: VerifySnapshotOptions,
): Promise<SnapshotVerification> {
  const position = snapshot.position;
  const integrity = await verifyLog(deps.eventStore, {
    upTo: position,
    expectedHeadPosition: position,
    batchSize: options.batchSize,
  });

  const logDigest = await computeLogDigest(deps.eventStore, position, {
    batchSize: options.batchSize,
  });
  const recomputedLogDigest = logDigest.position === position ? logDigest.digest : null;

  const { recomputed: current, eventsReplayed } = await withScratchReadModel(
    deps.eventStore,
    { scratchDir: options.scratchDir, upTo: position, batchSize: options.batchSize },
    async ({ store, eventsReplayed: replayed }) => ({
      eventsReplayed: replayed,
      recomputed: await computeReportFigures(
        store.documents<TaskTimeline>(taskTimelineProjection.name),
        {
          period: snapshot.period,
          leadAgencies: snapshot.scope.leadAgencies ?? undefined,
          directiveId: snapshot.scope.directive,
          listLimit: listLimitOf(snapshot.figures),
        },
      ),
    }),
  );

  // An older snapshot is compared in its own shape (figures-shape.ts).
  const recomputed = inShapeOf(snapshot.figures, current);
  const differences: FigureDifference[] = [];
  const max = options.maxDifferences ?? 100;
  // Round trip through JSON so both sides compare as stored (undefined dropped, -0 as 0).
  const stored = JSON.parse(canonicalJson(snapshot.figures)) as unknown;
  const fresh = JSON.parse(canonicalJson(recomputed)) as unknown;
  const differenceCount = diff('figures', stored, fresh, (d) => {
    if (differences.length < max) differences.push(d);
  });
  return {
    snapshotId: snapshot.id,
    identical: canonicalJson(snapshot.figures) === canonicalJson(recomputed),
    position,
    digestValid: checkDigest(snapshot),
    differences,
    differenceCount,
    logDigestValid:
      snapshot.logAnchor === undefined
        ? null
        : snapshot.logAnchor.position === position &&
          snapshot.logAnchor.logDigest === recomputedLogDigest,
    recomputedLogDigest,
    integrity,
    eventsReplayed,
  };
}

/**
 * The list limit the snapshot was taken with: a truncated list holds exactly `limit` entries.
 * When no list was truncated, any limit ≥ the longest list gives the same lists.
 */
function listLimitOf(figures: ReportFigures): number | undefined {
  const lists = [figures.overdue, figures.doneLate, figures.deadlineChanges];
  const truncated = lists.find((list) => list.truncated);
  if (truncated) return truncated.entries.length;
  return undefined;
}

/** Calls `report` for each differing leaf; returns how many. */
function diff(at: string, a: unknown, b: unknown, report: (d: FigureDifference) => void): number {
  if (isObject(a) && isObject(b)) {
    let count = 0;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) count += diff(`${at}.${key}`, a[key], b[key], report);
    return count;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    let count = 0;
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      count += diff(`${at}[${i}]`, a[i], b[i], report);
    }
    return count;
  }
  if (canonicalOrUndefined(a) === canonicalOrUndefined(b)) return 0;
  report({ path: at, stored: a, recomputed: b });
  return 1;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const canonicalOrUndefined = (value: unknown): string =>
  value === undefined ? 'undefined' : canonicalJson(value);
