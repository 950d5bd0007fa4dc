/**
 * Completion statistics over the `tasks` read model: the domain's accumulator fed by streaming
 * the timelines of tasks assigned in a period, one bounded page at a time (runTaskScan).
 */
import {
  createStatsAccumulator,
  isCalendarDate,
  type StatsGroupBy,
  type StatsResult,
  type TaskTimeline,
} from '@chidao/domain';
import type { DocumentCollection } from '../document-query';
import { containsPattern } from './search-text';
import { TaskQueryError } from './task-list.query';
import { runTaskScan, type TaskScan, type TaskWhere } from './task-scan';

export interface CompletionStatsQuery {
  /** Tasks assigned in [from, to] (inclusive, `YYYY-MM-DD`). */
  readonly from: string;
  readonly to: string;
  /** Cut-off: each task is classified as it stood at the end of this day. */
  readonly asOf: string;
  /** Scope: the lead agency at asOf must be one of these. `[]` counts nothing. */
  readonly leadAgencies?: readonly string[];
  readonly directiveId?: string;
  /** `directive` groups are labelled with the directive's reference. */
  readonly groupBy?: StatsGroupBy;
}

export async function completionStats(
  collection: DocumentCollection<TaskTimeline>,
  query: CompletionStatsQuery,
): Promise<StatsResult> {
  return runTaskScan(collection, completionStatsScan(query));
}

/** completionStats as a scan, to share one read of the tasks with other figures. */
export function completionStatsScan(query: CompletionStatsQuery): TaskScan<StatsResult> {
  const from = date(query.from, 'from');
  const to = date(query.to, 'to');
  const asOf = date(query.asOf, 'asOf');
  if (from > to) throw new TaskQueryError('invalid_filter', `from ${from} is after to ${to}`);

  const scope = query.leadAgencies ? new Set(query.leadAgencies) : null;
  const accumulator = createStatsAccumulator({
    asOf,
    groupBy: query.groupBy,
    include: scope ? (_t, c) => scope.has(c.leadAgency) : undefined,
  });
  // A task assigned after asOf is not counted at asOf: no need to read it.
  const upTo = to < asOf ? to : asOf;
  const result = () => accumulator.result();
  if (from > upTo || scope?.size === 0) return { where: null, add: () => undefined, result };

  const where: TaskWhere = { assigned_on: { gte: from, lte: upTo } };
  if (query.directiveId !== undefined) where.directive_id = query.directiveId;
  if (scope?.size === 1) {
    // The lead at asOf is one of the leads the task ever had; include() decides exactly.
    where.lead_history = { like: containsPattern(`|${[...scope][0]}|`) };
  }
  return {
    where,
    keyColumn: 'assigned_on',
    // Exact whatever the stream: a shared stream reads more than this scan's `where`.
    add: (doc) => {
      if (doc.assignedOn < from || doc.assignedOn > upTo) return;
      if (query.directiveId !== undefined && doc.directiveId !== query.directiveId) return;
      accumulator.add(doc);
    },
    result,
  };
}

function date(value: string, name: string): string {
  if (!isCalendarDate(value)) {
    throw new TaskQueryError('invalid_filter', `${name} must be a date YYYY-MM-DD`);
  }
  return value;
}
