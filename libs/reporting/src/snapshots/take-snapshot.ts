import type { TaskTimeline } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { DocumentCollection } from '@chidao/projections';
import type { ReportPeriod, ReportScope, ReportSnapshot } from '../report.types';
import { computeReportFigures } from './report-figures';
import { withDigest } from './report-digest';
import type { SnapshotStore } from './snapshot-store.port';

export interface TakeSnapshotDeps {
  /** The `tasks` read model. */
  readonly tasks: DocumentCollection<TaskTimeline>;
  readonly snapshots: SnapshotStore;
  /** Kept for callers that wait for the read model to reach the head; not read here. */
  readonly eventStore?: EventStore;
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
export const MAX_SNAPSHOT_ATTEMPTS = 5;

export class ReadModelMovingError extends Error {
  readonly code = 'read_model_moving';

  constructor(readonly attempts: number) {
    super(`The tasks read model moved during each of ${attempts} attempts to take a snapshot`);
    this.name = 'ReadModelMovingError';
  }
}

/**
 * Computes the figures between two reads of the read model's (generation, position): when they
 * agree, no batch committed in between, so the figures are exactly the log up to that position
 * (a batch commits its documents and checkpoint together). Otherwise computes again.
 */
export async function takeSnapshot(
  deps: TakeSnapshotDeps,
  request: TakeSnapshotRequest,
): Promise<ReportSnapshot> {
  const scope = resolveScope(request);
  for (let attempt = 1; attempt <= MAX_SNAPSHOT_ATTEMPTS; attempt += 1) {
    const before = await markOf(deps.tasks);
    const figures = await computeReportFigures(deps.tasks, {
      period: request.period,
      leadAgencies: scope.leadAgencies ?? undefined,
      directiveId: scope.directive,
      listLimit: request.listLimit,
    });
    const after = await markOf(deps.tasks);
    if (before.generation !== after.generation || before.position !== after.position) continue;

    const snapshot = withDigest({
      id: request.id,
      period: request.period,
      scope,
      position: after.position,
      takenAt: request.now.toISOString(),
      takenBy: request.takenBy,
      trigger: request.trigger,
      figures,
    });
    await deps.snapshots.save(snapshot);
    return snapshot;
  }
  throw new ReadModelMovingError(MAX_SNAPSHOT_ATTEMPTS);
}

function resolveScope(request: TakeSnapshotRequest): ReportScope {
  const given =
    request.leadAgencies ??
    request.scope.leadAgencies ??
    (request.scope.agency !== null ? [request.scope.agency] : null);
  const leadAgencies = given === null ? null : [...new Set(given)].sort();
  return { ...request.scope, leadAgencies };
}

async function markOf(
  tasks: DocumentCollection<TaskTimeline>,
): Promise<{ generation: number; position: number }> {
  return { generation: await tasks.generation(), position: await tasks.position() };
}
