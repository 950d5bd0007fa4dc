/**
 * The reference the read-model queries are checked against, written from DOMAIN.md's table and
 * nothing else of the statistics code: read the whole log, keep each task's events dated on or
 * before the cut-off, fold them with the domain's foldTask, classify the state.
 */
import {
  foldTask,
  isTaskAssigned,
  UNKNOWN_LEADER_VI,
  type AssignedTaskState,
  type CompletionStats,
  type StatsGroupBy,
  type StatsResult,
  type TaskClass,
  type TaskEvent,
} from '@chidao/domain';
import type { EventStore, StoredEvent } from '@chidao/event-store';

export interface BruteTask {
  readonly id: string;
  readonly events: readonly StoredEvent[];
}

interface BruteClass {
  readonly id: string;
  readonly class: TaskClass;
  readonly state: AssignedTaskState;
  readonly lead: string;
  readonly deadline: string | null;
  readonly daysOverdue: number;
  readonly awaiting: boolean;
  readonly deadlineChanged: boolean;
}

export async function readTasks(store: EventStore): Promise<BruteTask[]> {
  const streams = new Map<string, StoredEvent[]>();
  for await (const batch of store.readAll({ batchSize: 1000 })) {
    for (const event of batch) {
      if (!event.streamId.startsWith('task-')) continue;
      const list = streams.get(event.streamId) ?? [];
      list.push(event);
      streams.set(event.streamId, list);
    }
  }
  return [...streams].map(([streamId, events]) => ({ id: streamId.slice(5), events }));
}

const utcDay = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));

export function classifyBrute(task: BruteTask, asOf: string): BruteClass | null {
  const state = foldTask(task.events.filter((e) => e.occurredOn <= asOf) as unknown as TaskEvent[]);
  if (!isTaskAssigned(state)) return null; // not assigned yet at T
  if (state.status === 'cancelled' || state.status === 'withdrawn') return null; // closed by T
  const deadline = state.deadline;
  const common = {
    id: task.id,
    state,
    lead: state.leadAgency,
    deadline,
    deadlineChanged: state.deadlineChanges > 0,
  };
  if (state.status === 'completed') {
    const workDate = state.completion!.completedOn;
    const cls: TaskClass =
      deadline === null ? 'done_no_deadline' : workDate <= deadline ? 'done_on_time' : 'done_late';
    return { ...common, class: cls, daysOverdue: 0, awaiting: false };
  }
  const overdue = deadline !== null && deadline < asOf;
  const cls: TaskClass =
    deadline === null
      ? 'not_done_no_deadline'
      : overdue
        ? 'not_done_overdue'
        : 'not_done_within_deadline';
  return {
    ...common,
    class: cls,
    daysOverdue: overdue ? (utcDay(asOf) - utcDay(deadline)) / 86_400_000 : 0,
    awaiting: state.status === 'awaiting_confirmation',
  };
}

/** The numbers of a CompletionStats (formatting is the accumulator's own tests' business). */
interface StatsNumbers {
  total: number;
  onTime: number;
  late: number;
  doneNoDeadline: number;
  within: number;
  overdue: number;
  notDoneNoDeadline: number;
  awaiting: number;
  deadlineChanged: number;
  over30: number;
  over120: number;
  rates: [number, number][];
}

function numbersOf(stats: CompletionStats): StatsNumbers {
  return {
    total: stats.total,
    onTime: stats.done.onTime,
    late: stats.done.late,
    doneNoDeadline: stats.done.noDeadline,
    within: stats.notDone.withinDeadline,
    overdue: stats.notDone.overdue,
    notDoneNoDeadline: stats.notDone.noDeadline,
    awaiting: stats.notDone.awaitingConfirmation,
    deadlineChanged: stats.deadlineChanged,
    over30: stats.overdueOver30Days,
    over120: stats.overdueOver120Days,
    rates: [
      [stats.rates.doneOfAssigned.numerator, stats.rates.doneOfAssigned.denominator],
      [stats.rates.doneOfDue.numerator, stats.rates.doneOfDue.denominator],
      [stats.rates.onTimeOfDone.numerator, stats.rates.onTimeOfDone.denominator],
    ],
  };
}

export const resultNumbers = (result: StatsResult) => ({
  asOf: result.asOf,
  groupBy: result.groupBy,
  scope: numbersOf(result.scope),
  groups: result.groups.map((g) => ({ key: g.key, label: g.label, stats: numbersOf(g.stats) })),
});

function bruteNumbers(classes: readonly BruteClass[]): StatsNumbers {
  const n = (cls: TaskClass) => classes.filter((c) => c.class === cls).length;
  const onTime = n('done_on_time');
  const late = n('done_late');
  const doneNoDeadline = n('done_no_deadline');
  const overdue = n('not_done_overdue');
  const done = onTime + late + doneNoDeadline;
  return {
    total: classes.length,
    onTime,
    late,
    doneNoDeadline,
    within: n('not_done_within_deadline'),
    overdue,
    notDoneNoDeadline: n('not_done_no_deadline'),
    awaiting: classes.filter((c) => c.awaiting).length,
    deadlineChanged: classes.filter((c) => c.deadlineChanged).length,
    over30: classes.filter((c) => c.daysOverdue > 30).length,
    over120: classes.filter((c) => c.daysOverdue > 120).length,
    rates: [
      [done, classes.length],
      [done, done + overdue],
      [onTime, onTime + late],
    ],
  };
}

interface BruteStatsQuery {
  from: string;
  to: string;
  asOf: string;
  leadAgencies?: readonly string[];
  directiveId?: string;
  groupBy?: StatsGroupBy;
}

export function bruteStats(tasks: readonly BruteTask[], q: BruteStatsQuery) {
  const counted: BruteClass[] = [];
  for (const task of tasks) {
    const c = classifyBrute(task, q.asOf);
    if (c === null) continue;
    if (c.state.assignedOn < q.from || c.state.assignedOn > q.to) continue;
    if (q.directiveId !== undefined && c.state.directiveId !== q.directiveId) continue;
    if (q.leadAgencies && !q.leadAgencies.includes(c.lead)) continue;
    counted.push(c);
  }
  const groups = new Map<string, { label: string; members: BruteClass[] }>();
  for (const c of counted) {
    if (!q.groupBy) break;
    const [key, label] =
      q.groupBy === 'agency'
        ? [c.lead, c.lead]
        : q.groupBy === 'directive'
          ? [c.state.directiveId, c.state.directiveReference]
          : q.groupBy === 'leader'
            ? [
                c.state.leaderInCharge ?? UNKNOWN_LEADER_VI,
                c.state.leaderInCharge ?? UNKNOWN_LEADER_VI,
              ]
            : [c.state.assignedOn.slice(0, 7), c.state.assignedOn.slice(0, 7)];
    const group = groups.get(key) ?? { label, members: [] };
    group.members.push(c);
    groups.set(key, group);
  }
  return {
    asOf: q.asOf,
    groupBy: q.groupBy ?? null,
    scope: bruteNumbers(counted),
    groups: [...groups]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, g]) => ({ key, label: g.label, stats: bruteNumbers(g.members) })),
  };
}

/** Newest assignment first, as findTasks pages: assignedOn|id descending. */
export const bySortKeyDesc = (
  a: BruteClass | { state: AssignedTaskState },
  b: typeof a,
): number => {
  const ka = `${a.state.assignedOn}|${a.state.id}`;
  const kb = `${b.state.assignedOn}|${b.state.id}`;
  return ka < kb ? 1 : ka > kb ? -1 : 0;
};
