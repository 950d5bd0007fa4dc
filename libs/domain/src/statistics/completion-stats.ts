import { calendarDate } from '../shared/calendar-date';
import { formatCount, formatPercentCut, type CutPercent } from '../shared/vietnamese-format';
import { classifyTaskAt, type TaskClassification } from './classify-task';
import type { TaskTimeline } from './task-timeline';

/**
 * Completion statistics at a cut-off date, for a whole scope and per group. The accumulator
 * keeps counters only (one set per group), so callers stream any number of timelines through
 * `add` and never hold them.
 */

export type StatsGroupBy = 'agency' | 'directive' | 'leader' | 'month';

/** A group's key (what it sorts by) and label (what a report prints). */
export interface StatsGroupKey {
  readonly key: string;
  readonly label: string;
}

export interface StatsOptions {
  /** Cut-off date `YYYY-MM-DD`, end of that day. */
  readonly asOf: string;
  readonly groupBy?: StatsGroupBy;
  /**
   * Any other grouping (key task or not, assigning agency…); wins over groupBy. null leaves the
   * task out of every group but still in the scope.
   */
  readonly groupKeyOf?: (
    timeline: TaskTimeline,
    classification: TaskClassification,
  ) => StatsGroupKey | null;
  /** Narrows the scope (an agency's own tasks, key tasks only…); everything when absent. */
  readonly include?: (timeline: TaskTimeline, classification: TaskClassification) => boolean;
}

export interface Rate extends CutPercent {
  readonly numerator: number;
  readonly denominator: number;
}

export interface CompletionStats {
  readonly total: number;
  readonly done: {
    readonly total: number;
    readonly onTime: number;
    readonly late: number;
    readonly noDeadline: number;
  };
  readonly notDone: {
    /** withinDeadline + overdue + noDeadline. */
    readonly total: number;
    readonly withinDeadline: number;
    readonly overdue: number;
    readonly noDeadline: number;
    /**
     * Of notDone.total, those whose completion was reported and awaits confirmation. Already
     * counted in the three lines above (by their deadline), so not part of the sum.
     */
    readonly awaitingConfirmation: number;
  };
  /** Tasks whose deadline was changed on or before the cut-off (done or not). */
  readonly deadlineChanged: number;
  /** Overdue not-done tasks more than 30 (120) days past their deadline: 31 days counts. */
  readonly overdueOver30Days: number;
  readonly overdueOver120Days: number;
  readonly rates: {
    /** done / assigned: "hoàn thành 27/27 nhiệm vụ, đạt 100%". */
    readonly doneOfAssigned: Rate;
    /** done / (done + overdue not done): "nhiệm vụ đến hạn đã hoàn thành đạt …%". */
    readonly doneOfDue: Rate;
    /**
     * on time / (on time + late). Done tasks without a deadline were neither on time nor late,
     * so they are in neither part.
     */
    readonly onTimeOfDone: Rate;
    /**
     * overdue not done / all tasks (DOMAIN.md: the overdue share, "289 of 10.448 printed
     * 2,76%"). Snapshots taken before it existed lack it; verify compares them in their shape.
     */
    readonly overdueShare: Rate;
  };
  readonly summaryVi: string;
}

export interface StatsGroup extends StatsGroupKey {
  readonly stats: CompletionStats;
}

export interface StatsResult {
  readonly asOf: string;
  readonly groupBy: StatsGroupBy | 'custom' | null;
  readonly scope: CompletionStats;
  /** Sorted by key, by code unit (not locale): the same order on every machine. */
  readonly groups: readonly StatsGroup[];
}

interface StatsAccumulator {
  /**
   * Classifies the timeline at the cut-off and counts it. Returns the classification counted,
   * or null when the task is not counted (not live at the cut-off, or left out by include).
   */
  add(timeline: TaskTimeline): TaskClassification | null;
  result(): StatsResult;
}

/** Label of tasks with no leader in charge recorded. */
export const UNKNOWN_LEADER_VI = 'không xác định';

export function createStatsAccumulator(options: StatsOptions): StatsAccumulator {
  // Once per report: a malformed cut-off is a caller's bug, so it throws.
  const asOf = calendarDate(options.asOf);
  const keyOf = options.groupKeyOf ?? (options.groupBy ? GROUP_KEYS[options.groupBy] : null);
  const scope = emptyCounts();
  const groups = new Map<string, { label: string; counts: Counts }>();

  return {
    add(timeline) {
      const classification = classifyTaskAt(timeline, asOf);
      if (classification === null) return null;
      if (options.include && !options.include(timeline, classification)) return null;
      count(scope, classification);
      const group = keyOf ? keyOf(timeline, classification) : null;
      if (group !== null) {
        let entry = groups.get(group.key);
        if (!entry) {
          // The first label seen names the group (a directive's reference does not change).
          entry = { label: group.label, counts: emptyCounts() };
          groups.set(group.key, entry);
        }
        count(entry.counts, classification);
      }
      return classification;
    },

    result() {
      const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return {
        asOf,
        groupBy: options.groupKeyOf ? 'custom' : (options.groupBy ?? null),
        scope: statsOf(scope),
        groups: sorted.map(([key, { label, counts }]) => ({ key, label, stats: statsOf(counts) })),
      };
    },
  };
}

const GROUP_KEYS: Readonly<
  Record<StatsGroupBy, (t: TaskTimeline, c: TaskClassification) => StatsGroupKey>
> = {
  // The agency holding the task at the cut-off answers for it, not the first or the current one.
  agency: (_t, c) => ({ key: c.leadAgency, label: c.leadAgency }),
  directive: (t) => ({ key: t.directiveId, label: t.directiveReference }),
  leader: (t) => {
    const leader = t.leaderInCharge ?? UNKNOWN_LEADER_VI;
    return { key: leader, label: leader };
  },
  // The month of assignment, whatever happened to the task since.
  month: (t) => ({ key: t.assignedOn.slice(0, 7), label: t.assignedOn.slice(0, 7) }),
};

interface Counts {
  total: number;
  doneOnTime: number;
  doneLate: number;
  doneNoDeadline: number;
  withinDeadline: number;
  overdue: number;
  notDoneNoDeadline: number;
  awaitingConfirmation: number;
  deadlineChanged: number;
  overdueOver30Days: number;
  overdueOver120Days: number;
}

const emptyCounts = (): Counts => ({
  total: 0,
  doneOnTime: 0,
  doneLate: 0,
  doneNoDeadline: 0,
  withinDeadline: 0,
  overdue: 0,
  notDoneNoDeadline: 0,
  awaitingConfirmation: 0,
  deadlineChanged: 0,
  overdueOver30Days: 0,
  overdueOver120Days: 0,
});

const CLASS_COUNTER = {
  done_on_time: 'doneOnTime',
  done_late: 'doneLate',
  done_no_deadline: 'doneNoDeadline',
  not_done_within_deadline: 'withinDeadline',
  not_done_overdue: 'overdue',
  not_done_no_deadline: 'notDoneNoDeadline',
} as const satisfies Record<TaskClassification['class'], keyof Counts>;

function count(counts: Counts, c: TaskClassification): void {
  counts.total += 1;
  counts[CLASS_COUNTER[c.class]] += 1;
  if (c.awaitingConfirmation) counts.awaitingConfirmation += 1;
  if (c.deadlineChanged) counts.deadlineChanged += 1;
  if (c.daysOverdue > 30) counts.overdueOver30Days += 1;
  if (c.daysOverdue > 120) counts.overdueOver120Days += 1;
}

function statsOf(c: Counts): CompletionStats {
  const done = c.doneOnTime + c.doneLate + c.doneNoDeadline;
  const stats = {
    total: c.total,
    done: { total: done, onTime: c.doneOnTime, late: c.doneLate, noDeadline: c.doneNoDeadline },
    notDone: {
      total: c.withinDeadline + c.overdue + c.notDoneNoDeadline,
      withinDeadline: c.withinDeadline,
      overdue: c.overdue,
      noDeadline: c.notDoneNoDeadline,
      awaitingConfirmation: c.awaitingConfirmation,
    },
    deadlineChanged: c.deadlineChanged,
    overdueOver30Days: c.overdueOver30Days,
    overdueOver120Days: c.overdueOver120Days,
    rates: {
      doneOfAssigned: rate(done, c.total),
      doneOfDue: rate(done, done + c.overdue),
      onTimeOfDone: rate(c.doneOnTime, c.doneOnTime + c.doneLate),
      overdueShare: rate(c.overdue, c.total),
    },
  };
  return { ...stats, summaryVi: summaryVi(stats) };
}

const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  ...formatPercentCut(numerator, denominator),
});

/**
 * One sentence as provincial reports write it, e.g. "Tiếp nhận 27 nhiệm vụ; hoàn thành 27/27
 * nhiệm vụ, đạt 100%". The late part appears only when some tasks were done late; the overdue
 * and come-due parts only when some are overdue (with none, the come-due rate is 100% and would
 * only repeat the first part).
 */
export function summaryVi(stats: Omit<CompletionStats, 'summaryVi'>): string {
  const n = formatCount;
  const parts = [`Tiếp nhận ${n(stats.total)} nhiệm vụ`];
  if (stats.total === 0) return parts[0];
  parts.push(
    `hoàn thành ${n(stats.done.total)}/${n(stats.total)} nhiệm vụ, ` +
      `đạt ${stats.rates.doneOfAssigned.display}`,
  );
  if (stats.done.late > 0) parts.push(`${n(stats.done.late)} nhiệm vụ hoàn thành quá hạn`);
  if (stats.notDone.overdue > 0) {
    parts.push(`${n(stats.notDone.overdue)} nhiệm vụ quá hạn chưa hoàn thành`);
    parts.push(`nhiệm vụ đến hạn đã hoàn thành đạt ${stats.rates.doneOfDue.display}`);
  }
  return parts.join('; ');
}
