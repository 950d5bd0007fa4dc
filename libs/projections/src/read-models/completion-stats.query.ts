/**
 * Completion statistics over the `tasks` read model: the domain's accumulator fed by streaming
 * the timelines of tasks assigned in a period, one bounded page at a time.
 */
import {
  createStatsAccumulator,
  isCalendarDate,
  type StatsGroupBy,
  type StatsResult,
  type TaskTimeline,
} from '@chidao/domain';
import type { Comparison, DocumentCollection } from '../document-query';
import type { ColumnValue } from '../projection';
import { containsPattern } from './search-text';
import { TaskQueryError } from './task-list.query';

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

/** Documents per query: memory holds one page of timelines and the counters, never more. */
const STATS_PAGE = 500;

export async function completionStats(
  collection: DocumentCollection<TaskTimeline>,
  query: CompletionStatsQuery,
): Promise<StatsResult> {
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
  if (from > upTo || scope?.size === 0) return accumulator.result();

  const where: Record<string, ColumnValue | Comparison> = {
    assigned_on: { gte: from, lte: upTo },
  };
  if (query.directiveId !== undefined) where.directive_id = query.directiveId;
  if (scope?.size === 1) {
    // The lead at asOf is one of the leads the task ever had; include() decides exactly.
    where.lead_history = { like: containsPattern(`|${[...scope][0]}|`) };
  }
  for await (const { doc } of collection.stream({ where, pageSize: STATS_PAGE })) {
    accumulator.add(doc);
  }
  return accumulator.result();
}

function date(value: string, name: string): string {
  if (!isCalendarDate(value)) {
    throw new TaskQueryError('invalid_filter', `${name} must be a date YYYY-MM-DD`);
  }
  return value;
}
