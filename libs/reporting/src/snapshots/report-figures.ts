/**
 * The figures of a report, from the `tasks` read model: one streaming pass over the timelines of
 * the tasks assigned in the period, each classified at the period's end, feeding the domain's
 * stats accumulator and three bounded lists; then the same stats for the previous period.
 * Memory: one page of timelines, the counters, and at most 2 × listLimit entries per list.
 */
import {
  createStatsAccumulator,
  daysBetween,
  type CalendarDate,
  type CompletionStats,
  type Rate,
  type TaskTimeline,
} from '@chidao/domain';
import {
  completionStats,
  containsPattern,
  type Comparison,
  type ColumnValue,
  type DocumentCollection,
} from '@chidao/projections';
import { previousPeriod } from '../periods';
import type {
  DeadlineChangeEntry,
  DoneLateEntry,
  OverdueEntry,
  PeriodComparison,
  ReportFigures,
  ReportList,
  ReportPeriod,
} from '../report.types';

interface ReportFiguresOptions {
  readonly period: ReportPeriod;
  /** Scope: the lead agency at the period's end must be one of these; everything when absent. */
  readonly leadAgencies?: readonly string[];
  readonly directiveId?: string | null;
  /** Entries kept per list (default 2000); `total` still counts them all. */
  readonly listLimit?: number;
}

const PAGE_SIZE = 500;
const DEFAULT_LIST_LIMIT = 2000;

export async function computeReportFigures(
  tasks: DocumentCollection<TaskTimeline>,
  options: ReportFiguresOptions,
): Promise<ReportFigures> {
  const { period } = options;
  const limit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 0)
    throw new TypeError('listLimit must be an integer >= 0');
  const scope = options.leadAgencies ? new Set(options.leadAgencies) : null;
  const directiveId = options.directiveId ?? undefined;

  const accumulator = createStatsAccumulator({
    asOf: period.end,
    groupBy: 'agency',
    include: scope ? (_t, c) => scope.has(c.leadAgency) : undefined,
  });
  const overdue = new BoundedList<OverdueEntry>(limit, byOverdue);
  const doneLate = new BoundedList<DoneLateEntry>(limit, byDoneLate);
  const deadlineChanges = new BoundedList<DeadlineChangeEntry>(limit, byTaskId);

  if (period.start <= period.end && scope?.size !== 0) {
    const where: Record<string, ColumnValue | Comparison> = {
      assigned_on: { gte: period.start, lte: period.end },
    };
    if (directiveId !== undefined) where.directive_id = directiveId;
    if (scope?.size === 1) where.lead_history = { like: containsPattern(`|${[...scope][0]}|`) };

    // Walk the assigned_on index (see StreamOptions.keyColumn); the lists sort themselves.
    const stream = tasks.stream({ where, keyColumn: 'assigned_on', pageSize: PAGE_SIZE });
    for await (const { doc } of stream) {
      const c = accumulator.add(doc);
      if (c === null) continue;
      const common = {
        taskId: doc.id,
        title: doc.title,
        leadAgency: c.leadAgency,
        directiveReference: doc.directiveReference,
      };
      if (c.class === 'not_done_overdue') {
        overdue.add({
          ...common,
          assignedOn: doc.assignedOn,
          deadline: c.deadline as string,
          daysOverdue: c.daysOverdue,
        });
      } else if (c.class === 'done_late') {
        const deadline = c.deadline as string;
        const completedOn = c.completedOn as string;
        doneLate.add({
          ...common,
          deadline,
          completedOn,
          daysLate: daysBetween(deadline as CalendarDate, completedOn as CalendarDate),
        });
      }
      if (c.deadlineChanged) {
        deadlineChanges.add({
          ...common,
          originalDeadline: c.originalDeadline,
          deadline: c.deadline,
        });
      }
    }
  }
  const result = accumulator.result();

  const prior = previousOf(period);
  let previous: PeriodComparison | null = null;
  if (prior !== null) {
    const before = await completionStats(tasks, {
      from: prior.start,
      to: prior.end,
      asOf: prior.end,
      leadAgencies: options.leadAgencies,
      directiveId,
    });
    previous = comparePeriods(prior, result.scope, before.scope);
  }

  return {
    scope: result.scope,
    byAgency: result.groups,
    overdue: overdue.result(),
    doneLate: doneLate.result(),
    deadlineChanges: deadlineChanges.result(),
    previous,
  };
}

/** The previous period of the same type (see previousPeriod: ranges and as-of dates too). */
function previousOf(period: ReportPeriod): ReportPeriod | null {
  return previousPeriod(period);
}

function comparePeriods(
  prior: ReportPeriod,
  now: CompletionStats,
  before: CompletionStats,
): PeriodComparison {
  return {
    period: prior,
    scope: before,
    overdueChange: now.notDone.overdue - before.notDone.overdue,
    rateChangePoints: {
      doneOfAssigned: rateChangePoints(now.rates.doneOfAssigned, before.rates.doneOfAssigned),
      doneOfDue: rateChangePoints(now.rates.doneOfDue, before.rates.doneOfDue),
      onTimeOfDone: rateChangePoints(now.rates.onTimeOfDone, before.rates.onTimeOfDone),
    },
  };
}

/**
 * (a/b − c/d) × 100 in percentage points, from the exact fractions (not the cut rates), cut to
 * two decimals toward zero like the rates are (BigInt division truncates toward zero). Null when
 * either rate has no denominator.
 */
export function rateChangePoints(
  now: Pick<Rate, 'numerator' | 'denominator'>,
  then: Pick<Rate, 'numerator' | 'denominator'>,
): number | null {
  if (now.denominator === 0 || then.denominator === 0) return null;
  const a = BigInt(now.numerator);
  const b = BigInt(now.denominator);
  const c = BigInt(then.numerator);
  const d = BigInt(then.denominator);
  const hundredths = Number((10000n * (a * d - c * b)) / (b * d));
  // `-0` would print as 0 in JSON anyway; normalise so equality checks agree.
  return hundredths === 0 ? 0 : hundredths / 100;
}

/** Keeps the first `limit` entries in `order` without holding more than 2 × limit. */
class BoundedList<E> {
  private total = 0;
  private kept: E[] = [];

  constructor(
    private readonly limit: number,
    private readonly order: (a: E, b: E) => number,
  ) {}

  add(entry: E): void {
    this.total += 1;
    this.kept.push(entry);
    if (this.kept.length >= 2 * Math.max(this.limit, 1)) this.trim();
  }

  result(): ReportList<E> {
    this.trim();
    return { total: this.total, entries: this.kept, truncated: this.total > this.kept.length };
  }

  private trim(): void {
    this.kept = this.kept.sort(this.order).slice(0, this.limit);
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byTaskId = (a: { taskId: string }, b: { taskId: string }): number =>
  compareText(a.taskId, b.taskId);
const byOverdue = (a: OverdueEntry, b: OverdueEntry): number =>
  b.daysOverdue - a.daysOverdue || byTaskId(a, b);
const byDoneLate = (a: DoneLateEntry, b: DoneLateEntry): number =>
  b.daysLate - a.daysLate || byTaskId(a, b);
