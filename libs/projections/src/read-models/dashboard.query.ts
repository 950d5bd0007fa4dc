/**
 * Leadership's dashboard in one read of the `tasks` read model: the figures at today, the period
 * by agency and by month, and the overdue list are folds over the same documents (task-scan.ts),
 * so the tasks are streamed once instead of once per figure.
 */
import { minDate, type CalendarDate, type StatsResult, type TaskTimeline } from '@chidao/domain';
import type { DocumentCollection } from '../document-query';
import { completionStatsScan } from './completion-stats.query';
import { overdueTasksScan, type OverdueTasks, type TaskListFilter } from './task-list.query';
import { runTaskScan, type TaskWhere } from './task-scan';

/** The earliest date the domain accepts: the figures at today count every task ever assigned. */
export const DASHBOARD_BEGINNING = '1945-01-01';

export interface DashboardQuery {
  readonly today: string;
  /** The chosen period: tasks assigned in [from, to], classified at min(to, today). */
  readonly from: string;
  readonly to: string;
  /** Scope of the figures: the lead agency at the cut-off must be one of these. */
  readonly leadAgencies?: readonly string[];
  /** Scope of the overdue list, as overdueTasks takes it. */
  readonly overdueScope: Pick<TaskListFilter, 'agencies' | 'leadAgencies' | 'role'>;
  /** How many of the most overdue tasks to list (all are counted). */
  readonly overdueLimit: number;
}

interface DashboardFigures {
  readonly today: string;
  /** Every task assigned up to today, classified at today. */
  readonly current: StatsResult;
  readonly period: {
    readonly from: string;
    readonly to: string;
    readonly asOf: string;
    readonly byAgency: StatsResult;
    readonly byMonth: StatsResult;
  };
  readonly overdue: OverdueTasks;
}

export async function dashboardFigures(
  collection: DocumentCollection<TaskTimeline>,
  query: DashboardQuery,
): Promise<DashboardFigures> {
  const { today, from, to, leadAgencies } = query;
  const asOf = minDate(to as CalendarDate, today as CalendarDate);
  const scans = {
    current: completionStatsScan({
      from: DASHBOARD_BEGINNING,
      to: today,
      asOf: today,
      leadAgencies,
    }),
    byAgency: completionStatsScan({ from, to, asOf, leadAgencies, groupBy: 'agency' }),
    byMonth: completionStatsScan({ from, to, asOf, leadAgencies, groupBy: 'month' }),
    overdue: overdueTasksScan({ asOf: today, ...query.overdueScope, limit: query.overdueLimit }),
  };
  // Every scan reads only tasks assigned by today (asOf ≤ today); each decides exactly in add().
  const live = Object.values(scans).filter((scan) => scan.where !== null);
  if (live.length > 0) {
    const where: TaskWhere = { assigned_on: { lte: today } };
    const leadHistory = commonLeadHistory(live.map((scan) => scan.where as TaskWhere));
    if (leadHistory !== undefined) where.lead_history = leadHistory;
    // One scan feeding them all.
    await runTaskScan(collection, {
      where,
      keyColumn: 'assigned_on',
      add: (doc) => live.forEach((scan) => scan.add(doc)),
      result: () => undefined,
    });
  }
  return {
    today,
    current: scans.current.result(),
    period: {
      from,
      to,
      asOf,
      byAgency: scans.byAgency.result(),
      byMonth: scans.byMonth.result(),
    },
    overdue: scans.overdue.result(),
  };
}

/** The `lead_history` narrowing when every scan has the same one (one agency in scope). */
function commonLeadHistory(wheres: readonly TaskWhere[]): TaskWhere[string] | undefined {
  const first = wheres[0].lead_history;
  if (first === undefined) return undefined;
  const same = wheres.every((w) => JSON.stringify(w.lead_history) === JSON.stringify(first));
  return same ? first : undefined;
}
