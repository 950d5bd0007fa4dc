import fc from 'fast-check';
import { addDays, type CalendarDate } from '../../src/shared/calendar-date';
import { decide, type Input, type TaskCommandInput } from '../task/task.fixtures';
import { isDomainError } from '../../src/shared/domain-error';
import type { DomainEvent } from '../../src/shared/domain-event';
import {
  classifyTaskAt,
  createStatsAccumulator,
  evolveTaskTimeline,
  type CompletionStats,
  type StatsGroupBy,
  type TaskTimeline,
} from '../../src/statistics';
import {
  foldTask,
  initialTaskState,
  isTaskAssigned,
  type AssignedTaskState,
  type TaskCommand,
  type TaskCommandType,
  type TaskEvent,
  type TaskState,
} from '../../src/task';

/**
 * Statistics read from timelines must equal a brute force that replays each task's events dated
 * on or before the cut-off through the domain's own foldTask and classifies the resulting state
 * by DOMAIN.md's table. Histories come from the real decideTask, so each is one the domain
 * accepts, back-dated entries included (entered after events dated later than they are, within
 * BACK_DATED_NOT_BEFORE). The seed is fixed so a run never depends on the clock; change it to
 * explore more.
 */

// Far enough ahead that no generated business date is "in the future".
const RECEIVED_AT = '2030-12-31T03:00:00Z';
const EPOCH = '2023-01-01' as CalendarDate;
const AGENCIES = ['STTTT', 'SKHDT', 'STC', 'SNV', 'SYT'];
const DIRECTIVES = [
  { id: 'd-ctr-24', reference: '24/CTr-UBND' },
  { id: 'd-tb-1022', reference: '1022/TB-TU' },
  { id: 'd-cv-2926', reference: '2926/UBND-TH' },
];
const LEADERS = ['Chủ tịch UBND tỉnh', 'Phó Chủ tịch UBND tỉnh', null];
const actor = { userId: 'u-prop', roles: ['tracker' as const], agency: 'VP-UBND' };

type DataOf<T extends TaskCommandType> = Extract<TaskCommand, { type: T }>['data'];
const cmd = <T extends TaskCommandType>(
  type: T,
  data: Input<DataOf<T>>,
  on: string,
): TaskCommandInput => ({ type, data, meta: { actor, occurredOn: on, receivedAt: RECEIVED_AT } });

// --- generating histories through decideTask ---

interface Step {
  readonly pick: number;
  readonly gap: number;
  /** Days the command is dated before the latest date so far: 0, or a back-dated entry. */
  readonly back: number;
  readonly a: number;
  readonly b: number;
}
interface TaskSpec {
  readonly start: number;
  readonly deadline: number | null;
  readonly lead: number;
  readonly directive: number;
  readonly leader: number;
  readonly steps: readonly Step[];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  pick: fc.nat(999),
  gap: fc.oneof(fc.constant(0), fc.nat(6), fc.nat(60)),
  back: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 45 }) },
  ),
  a: fc.nat(1000),
  b: fc.nat(1000),
});
const taskArb: fc.Arbitrary<TaskSpec> = fc.record({
  start: fc.nat(730),
  deadline: fc.option(fc.nat(150), { freq: 4 }),
  lead: fc.nat(AGENCIES.length - 1),
  directive: fc.nat(DIRECTIVES.length - 1),
  leader: fc.nat(LEADERS.length - 1),
  steps: fc.array(stepArb, { maxLength: 25 }),
});

const later = (a: string, b: string) => (a > b ? a : b);
const day = (from: string, days: number) => addDays(from as CalendarDate, days);

/** Commands that make sense for the task now, weighted by repetition; decideTask decides. */
function candidates(s: AssignedTaskState, on: string, { a, b }: Step): TaskCommandInput[] {
  const others = AGENCIES.filter((x) => x !== s.leadAgency);
  const reassign = cmd(
    'ReassignTask',
    {
      leadAgency: others[a % others.length],
      ...(b % 2 === 0 ? {} : { supportAgencies: [] }),
      reason: 'Giao lại cho đơn vị phù hợp',
    },
    on,
  );
  // Cancelling ends the history; offered only now and then so that most tasks live longer.
  const cancel = b % 4 === 0 ? [cmd('CancelTask', { reason: 'Không còn phù hợp' }, on)] : [];
  const hold = cmd('PutTaskOnHold', { reason: 'Chờ hướng dẫn' }, on);
  const urge = cmd('UrgeTask', { kind: 'overdue' }, on);
  const decisions: TaskCommandInput[] = [];
  if (s.pendingRequestId !== null) {
    const requestId = s.pendingRequestId;
    const newDeadline = b % 3 === 0 ? day(later(s.deadline ?? on, on), 1 + (b % 45)) : undefined;
    const approve = cmd('ApproveDeadlineChange', { requestId, newDeadline }, on);
    decisions.push(
      approve,
      approve,
      cmd('RejectDeadlineChange', { requestId, reason: 'Không' }, on),
    );
  }

  switch (s.status) {
    case 'assigned':
      return [
        cmd('ReceiveTask', {}, on),
        cmd('ReceiveTask', {}, on),
        reassign,
        ...cancel,
        hold,
        urge,
      ].concat(cmd('RefuseTask', { reason: 'Không thuộc chức năng' }, on));
    case 'refused':
      return [reassign, reassign, reassign, ...cancel, hold];
    case 'in_progress':
    case 'returned': {
      const report = cmd(
        'ReportCompletion',
        { completedOn: later(s.assignedOn, day(on, -(a % 20))), resultDocument: `${a + 1}/BC-SO` },
        on,
      );
      const extension = cmd(
        'RequestDeadlineChange',
        {
          requestId: `r-${a}-${b}`,
          kind: 'extension',
          proposedDeadline: day(later(s.deadline ?? on, on), 1 + (a % 60)),
          reason: 'Cần thêm thời gian',
        },
        on,
      );
      const withdrawal = cmd(
        'RequestDeadlineChange',
        { requestId: `w-${a}-${b}`, kind: 'withdrawal', reason: 'Trùng nhiệm vụ' },
        on,
      );
      const support = s.supportAgencies[0] ?? s.leadAgency;
      return [
        ...decisions,
        report,
        report,
        report,
        extension,
        extension,
        withdrawal,
        withdrawal,
        cmd('ReportTaskProgress', { agency: s.leadAgency, percent: a % 101, note: 'Tiến độ' }, on),
        cmd('ReportTaskProgress', { agency: support, percent: b % 101, note: 'Phối hợp' }, on),
        reassign,
        hold,
        ...cancel,
        urge,
      ];
    }
    case 'awaiting_confirmation':
      return [
        ...decisions,
        cmd('ConfirmCompletion', {}, on),
        cmd('ConfirmCompletion', {}, on),
        cmd('ReturnCompletion', { reason: 'Chưa đạt yêu cầu' }, on),
        ...cancel,
      ];
    case 'on_hold': {
      const newDeadline = later(s.assignedOn, day(on, (a % 100) - 10));
      return [
        ...decisions,
        cmd('ResumeTask', {}, on),
        cmd('ResumeTask', { newDeadline }, on),
        cmd('ResumeTask', { newDeadline }, on),
        reassign,
        ...cancel,
      ];
    }
    default:
      return []; // completed, cancelled, withdrawn: nothing more happens
  }
}

/**
 * Events no back-dated entry is dated before: the task's holds, resumptions and completion
 * decisions. Back-dated entries go anywhere after the last of them, never before it. Before
 * it, a replay of the events dated ≤ T and the timeline disagree, and the log is ambiguous: a
 * receipt dated inside a hold that has since ended (replay: not on hold; timeline: on hold
 * till the resumption); a hold dated between a completion report and its return (replay: not
 * awaiting; timeline: awaiting); a resumption without a new deadline dated before an
 * earlier-entered one that set it (replay: the later deadline, which the resumption's event
 * repeats; timeline: the one in force then). The rules accept all three today; which reading
 * is right is a question for the domain.
 */
const BACK_DATED_NOT_BEFORE = new Set<string>([
  'TaskPutOnHold',
  'TaskResumed',
  'TaskCompletionReported',
  'TaskCompletionReturned',
  'TaskCompletionConfirmed',
]);

function history(spec: TaskSpec, index: number): TaskEvent[] {
  const log: TaskEvent[] = [];
  let state: TaskState = initialTaskState;
  const attempt = (command: TaskCommandInput): readonly TaskEvent[] => {
    const decision = decide(command, state);
    if (isDomainError(decision)) return []; // a command the rules refuse leaves no trace
    log.push(...decision);
    state = foldTask(decision, state);
    return decision;
  };

  let on: string = day(EPOCH, spec.start);
  /** The latest date of the task's events of BACK_DATED_NOT_BEFORE so far. */
  let settled: string = on;
  const directive = DIRECTIVES[spec.directive];
  attempt(
    cmd(
      'AssignTask',
      {
        taskId: `t-${index}`,
        directiveId: directive.id,
        directiveReference: directive.reference,
        assigningAgency: 'UBND-TINH',
        title: `Nhiệm vụ ${index}`,
        leadAgency: AGENCIES[spec.lead],
        supportAgencies: AGENCIES.filter((_, i) => i !== spec.lead).slice(0, spec.lead % 3),
        deadline: spec.deadline === null ? null : day(on, spec.deadline),
        keyTask: index % 2 === 0,
        leaderInCharge: LEADERS[spec.leader],
      },
      on,
    ),
  );
  if (log.length !== 1) throw new Error('the generated assignment was refused');

  for (const step of spec.steps) {
    on = day(on, step.gap); // the latest business date so far never goes back
    if (!isTaskAssigned(state)) break;
    // Now and then a back-dated entry: entered after later-dated events, dated before them;
    // within the limit BACK_DATED_NOT_BEFORE explains.
    const dated = step.back === 0 ? on : later(settled, day(on, -step.back));
    const options = candidates(state, dated, step);
    if (options.length === 0) break;
    for (const event of attempt(options[step.pick % options.length])) {
      if (BACK_DATED_NOT_BEFORE.has(event.type)) settled = later(settled, event.occurredOn);
    }
  }
  return log;
}

// --- the brute force, straight from DOMAIN.md's table ---

const UTC_DAY = 24 * 60 * 60 * 1000;
const utc = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));

function bruteClassify(log: readonly TaskEvent[], asOf: string) {
  const state = foldTask(log.filter((e) => e.occurredOn <= asOf));
  if (!isTaskAssigned(state)) return null; // not yet assigned at the cut-off
  if (state.status === 'cancelled' || state.status === 'withdrawn') return null;
  const deadline = state.deadline;
  const done = state.status === 'completed';
  const completedOn = done ? (state.completion?.completedOn ?? null) : null;
  let cls: string;
  if (done) {
    if (deadline === null) cls = 'done_no_deadline';
    else cls = (completedOn as string) <= deadline ? 'done_on_time' : 'done_late';
  } else if (deadline === null) cls = 'not_done_no_deadline';
  else cls = deadline >= asOf ? 'not_done_within_deadline' : 'not_done_overdue';
  return {
    class: cls,
    leadAgency: state.leadAgency,
    deadline,
    originalDeadline: state.originalDeadline,
    deadlineChanged: state.deadlineChanges > 0,
    awaitingConfirmation: state.status === 'awaiting_confirmation',
    onHold: state.status === 'on_hold',
    daysOverdue: cls === 'not_done_overdue' ? (utc(asOf) - utc(deadline as string)) / UTC_DAY : 0,
    completedOn,
    state,
  };
}

type Brute = NonNullable<ReturnType<typeof bruteClassify>>;

function bruteCounts(tasks: readonly Brute[]) {
  const is = (cls: string) => tasks.filter((t) => t.class === cls).length;
  const overdue = tasks.filter((t) => t.class === 'not_done_overdue');
  const [onTime, late, doneNone] = ['done_on_time', 'done_late', 'done_no_deadline'].map(is);
  const [within, over, openNone] = [
    'not_done_within_deadline',
    'not_done_overdue',
    'not_done_no_deadline',
  ].map(is);
  const done = onTime + late + doneNone;
  return {
    total: tasks.length,
    done: { total: done, onTime, late, noDeadline: doneNone },
    notDone: {
      total: tasks.length - done,
      withinDeadline: within,
      overdue: over,
      noDeadline: openNone,
      awaitingConfirmation: tasks.filter((t) => t.awaitingConfirmation).length,
    },
    deadlineChanged: tasks.filter((t) => t.deadlineChanged).length,
    overdueOver30Days: overdue.filter((t) => t.daysOverdue > 30).length,
    overdueOver120Days: overdue.filter((t) => t.daysOverdue > 120).length,
    rates: {
      doneOfAssigned: [done, tasks.length],
      doneOfDue: [done, done + over],
      onTimeOfDone: [onTime, onTime + late],
    },
  };
}

const bruteGroupKey: Record<StatsGroupBy, (t: Brute) => string> = {
  agency: (t) => t.state.leadAgency,
  directive: (t) => t.state.directiveId,
  leader: (t) => t.state.leaderInCharge ?? 'không xác định',
  month: (t) => t.state.assignedOn.slice(0, 7),
};

const countsOf = (s: CompletionStats) => ({
  total: s.total,
  done: s.done,
  notDone: s.notDone,
  deadlineChanged: s.deadlineChanged,
  overdueOver30Days: s.overdueOver30Days,
  overdueOver120Days: s.overdueOver120Days,
  rates: {
    doneOfAssigned: [s.rates.doneOfAssigned.numerator, s.rates.doneOfAssigned.denominator],
    doneOfDue: [s.rates.doneOfDue.numerator, s.rates.doneOfDue.denominator],
    onTimeOfDone: [s.rates.onTimeOfDone.numerator, s.rates.onTimeOfDone.denominator],
  },
});

// --- events as the store returns them, plus noise the timeline must ignore ---

function stored(log: readonly TaskEvent[], taskId: string): DomainEvent[] {
  const out: DomainEvent[] = [];
  log.forEach((event, i) => {
    // A stored event carries more than the domain's; it must fold all the same.
    const record = {
      ...event,
      position: i + 1,
      streamId: `task-${taskId}`,
      recordedAt: RECEIVED_AT,
    };
    out.push(record);
    if (i % 4 === 1) {
      out.push({ type: 'TaskLabelled', schemaVersion: 1, data: {}, occurredOn: event.occurredOn });
      out.push({ ...event, type: 'TaskCancelled', schemaVersion: 2, data: { reason: 'v2' } });
    }
  });
  return out;
}

const cutArb = fc.oneof(
  fc.record({ kind: fc.constant('any' as const), n: fc.nat(1900), delta: fc.constant(0) }),
  fc.record({
    kind: fc.constant('known' as const),
    n: fc.nat(10_000),
    delta: fc.integer({ min: -1, max: 1 }),
  }),
);

/** Dates worth cutting at: every business date, deadline and work date in the logs. */
function knownDates(logs: readonly TaskEvent[][]): string[] {
  const dates = new Set<string>();
  for (const event of logs.flat()) {
    dates.add(event.occurredOn);
    for (const value of Object.values(event.data as unknown as Record<string, unknown>)) {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) dates.add(value);
    }
  }
  return [...dates].sort();
}

describe('statistics from timelines equal a replay of the log through foldTask', () => {
  const seen = new Map<string, number>();
  const note = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

  it('at random cut-offs, for random histories the domain accepts', () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { minLength: 1, maxLength: 40, size: 'max' }),
        fc.array(cutArb, { minLength: 1, maxLength: 4 }),
        (specs, cuts) => {
          const logs = specs.map(history);
          const timelines = logs.map((log, i) => {
            let timeline: TaskTimeline | null = null;
            for (const event of stored(log, `t-${i}`))
              timeline = evolveTaskTimeline(timeline, event);
            if (timeline === null) throw new Error('no timeline');
            // Stored as a JSON document and read back: it must survive the trip unchanged.
            const copy = JSON.parse(JSON.stringify(timeline)) as TaskTimeline;
            expect(copy).toEqual(timeline);
            return copy;
          });
          for (const log of logs) {
            for (const e of log) note(e.type);
            log.forEach((e, i) => {
              if (log.slice(0, i).some((before) => before.occurredOn > e.occurredOn)) {
                note(`back-dated ${e.type}`);
              }
            });
            const types = log.map((e) => e.type);
            const returned = types.indexOf('TaskCompletionReturned');
            if (returned >= 0 && types.lastIndexOf('TaskCompletionConfirmed') > returned) {
              note('returned then confirmed');
            }
            if (log.some((e) => e.type === 'TaskResumed' && e.data.deadlineChanged)) {
              note('resumed with a new deadline');
            }
            if (log[0].type === 'TaskAssigned' && log[0].data.deadline === null)
              note('no deadline');
          }

          const dates = knownDates(logs);
          for (const cut of cuts) {
            const asOf =
              cut.kind === 'any'
                ? day('2022-12-01', cut.n)
                : day(dates[cut.n % dates.length], cut.delta);

            for (const log of logs) {
              const split = log.some(
                (e, i) => e.occurredOn <= asOf && log.slice(0, i).some((b) => b.occurredOn > asOf),
              );
              if (split) note('back-dated entry counted, an earlier entry not yet');
            }
            const brute = logs.map((log) => bruteClassify(log, asOf));
            timelines.forEach((timeline, i) => {
              const fromTimeline = classifyTaskAt(timeline, asOf);
              const expected = brute[i];
              if (expected === null) return expect(fromTimeline).toBeNull();
              const { state: _state, ...fields } = expected;
              expect(fromTimeline).toEqual(fields);
              note(expected.class);
              if (expected.state.reassignments > 0) note('reassigned at cut-off');
              if (expected.awaitingConfirmation) note('awaiting at cut-off');
              if (expected.onHold) note('on hold at cut-off');
            });

            const counted = brute.filter((t): t is Brute => t !== null);
            for (const groupBy of [undefined, 'agency', 'directive', 'leader', 'month'] as const) {
              const acc = createStatsAccumulator({ asOf, groupBy });
              timelines.forEach((t) => acc.add(t));
              const result = acc.result();
              expect(countsOf(result.scope)).toEqual(bruteCounts(counted));
              if (groupBy === undefined) {
                expect(result.groups).toEqual([]);
                continue;
              }
              const keys = [...new Set(counted.map(bruteGroupKey[groupBy]))].sort();
              expect(result.groups.map((g) => g.key)).toEqual(keys);
              for (const group of result.groups) {
                const members = counted.filter((t) => bruteGroupKey[groupBy](t) === group.key);
                expect(countsOf(group.stats)).toEqual(bruteCounts(members));
              }
            }
          }
        },
      ),
      { numRuns: 200, seed: 20171225 },
    );

    // Guards the generator: a property over histories that never withdraw proves little.
    const wanted = [
      'TaskReassigned',
      'TaskRefused',
      'TaskDeadlineChangeApproved',
      'TaskDeadlineChangeRejected',
      'TaskWithdrawn',
      'TaskPutOnHold',
      'TaskResumed',
      'TaskCompletionReturned',
      'TaskCompletionConfirmed',
      'TaskCancelled',
      'done_on_time',
      'done_late',
      'done_no_deadline',
      'not_done_within_deadline',
      'not_done_overdue',
      'not_done_no_deadline',
      'reassigned at cut-off',
      'awaiting at cut-off',
      'on hold at cut-off',
      'returned then confirmed',
      'resumed with a new deadline',
      'no deadline',
      'back-dated TaskReceived',
      'back-dated TaskReassigned',
      'back-dated TaskProgressReported',
      'back-dated TaskPutOnHold',
      'back-dated TaskResumed',
      'back-dated TaskCompletionReported',
      'back-dated TaskCompletionConfirmed',
      'back-dated TaskCancelled',
      'back-dated entry counted, an earlier entry not yet',
    ];
    expect(wanted.filter((what) => (seen.get(what) ?? 0) < 5)).toEqual([]);
  });
});
