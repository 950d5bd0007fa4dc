import {
  classifyTaskAt,
  createStatsAccumulator,
  foldTaskTimeline,
  type TaskTimeline,
} from '../../src/statistics';
import {
  foldTask,
  initialTaskState,
  type TaskCommandType,
  type TaskEvent,
  type TaskState,
} from '../../src/task';
import { assign, command, expectOk, decide, type TaskCommandInput } from '../task/task.fixtures';

// Late enough that every business date below is in the past.
const LATER = '2025-12-31T03:00:00Z';
const at = <T extends TaskCommandType>(
  type: T,
  data: Parameters<typeof command<T>>[1],
  on: string,
) => command(type, data, on, LATER);

/** A task driven through decideTask, folded into its timeline. */
function task(...commands: TaskCommandInput[]): TaskTimeline {
  const log: TaskEvent[] = [];
  let state: TaskState = initialTaskState;
  for (const cmd of commands) {
    const events = expectOk(decide(cmd, state));
    log.push(...events);
    state = foldTask(events, state);
  }
  return foldTaskTimeline(log) as TaskTimeline;
}

// Assigned 19/01/2024 to STTTT, deadline 31/03/2024 (the task fixtures).
const received = (deadline: string | null = '2024-03-31') => [
  assign({ deadline }),
  at('ReceiveTask', {}, '2024-01-22'),
];
const report = (completedOn: string, on: string) =>
  at('ReportCompletion', { completedOn, resultDocument: '32/KH-UBND' }, on);
const confirm = (on: string) => at('ConfirmCompletion', {}, on);
const classOf = (timeline: TaskTimeline, asOf: string) => classifyTaskAt(timeline, asOf)?.class;

describe('classifyTaskAt: which tasks count', () => {
  const open = task(...received());

  it('counts a task from the day it is assigned, not before', () => {
    expect(classifyTaskAt(open, '2024-01-18')).toBeNull();
    expect(classOf(open, '2024-01-19')).toBe('not_done_within_deadline');
  });

  it('counts a task cancelled after the cut-off, not from the day it is cancelled', () => {
    const cancelled = task(
      ...received(),
      at('CancelTask', { reason: 'Không phù hợp' }, '2024-05-10'),
    );
    expect(classifyTaskAt(cancelled, '2024-05-09')).toMatchObject({
      class: 'not_done_overdue',
      daysOverdue: 39,
    });
    expect(classifyTaskAt(cancelled, '2024-05-10')).toBeNull();
    expect(classifyTaskAt(cancelled, '2024-12-31')).toBeNull();
  });

  it('leaves a withdrawn task out from the day the withdrawal is approved', () => {
    const withdrawn = task(
      ...received(),
      at(
        'RequestDeadlineChange',
        { requestId: 'w', kind: 'withdrawal', reason: 'Trùng nhiệm vụ' },
        '2024-02-01',
      ),
      at('ApproveDeadlineChange', { requestId: 'w' }, '2024-02-05'),
    );
    expect(classOf(withdrawn, '2024-02-04')).toBe('not_done_within_deadline');
    expect(classifyTaskAt(withdrawn, '2024-02-05')).toBeNull();
  });
});

describe('classifyTaskAt: deadlines', () => {
  const open = task(...received());

  it('is within deadline on the deadline day itself, overdue the day after', () => {
    expect(classifyTaskAt(open, '2024-03-31')).toMatchObject({
      class: 'not_done_within_deadline',
      daysOverdue: 0,
      deadline: '2024-03-31',
    });
    expect(classifyTaskAt(open, '2024-04-01')).toMatchObject({
      class: 'not_done_overdue',
      daysOverdue: 1,
    });
  });

  it('ages overdue tasks in calendar days: 31 is over 30, 121 is over 120', () => {
    const stats = (asOf: string) => {
      const acc = createStatsAccumulator({ asOf });
      acc.add(open);
      const { overdueOver30Days, overdueOver120Days } = acc.result().scope;
      return [classifyTaskAt(open, asOf)?.daysOverdue, overdueOver30Days, overdueOver120Days];
    };
    expect(stats('2024-04-30')).toEqual([30, 0, 0]);
    expect(stats('2024-05-01')).toEqual([31, 1, 0]);
    expect(stats('2024-07-29')).toEqual([120, 1, 0]);
    expect(stats('2024-07-30')).toEqual([121, 1, 1]);
  });

  it('does not apply an extension approved after the cut-off', () => {
    const extended = task(
      ...received(),
      at(
        'RequestDeadlineChange',
        { requestId: 'r', kind: 'extension', proposedDeadline: '2024-04-30', reason: 'Chờ Bộ' },
        '2024-03-25',
      ),
      at('ApproveDeadlineChange', { requestId: 'r' }, '2024-04-05'),
    );
    expect(classifyTaskAt(extended, '2024-04-04')).toMatchObject({
      class: 'not_done_overdue',
      deadline: '2024-03-31',
      deadlineChanged: false,
      daysOverdue: 4,
    });
    expect(classifyTaskAt(extended, '2024-04-05')).toMatchObject({
      class: 'not_done_within_deadline',
      deadline: '2024-04-30',
      originalDeadline: '2024-03-31',
      deadlineChanged: true,
      daysOverdue: 0,
    });
  });

  it('ignores a rejected extension', () => {
    const rejected = task(
      ...received(),
      at(
        'RequestDeadlineChange',
        { requestId: 'r', kind: 'extension', proposedDeadline: '2024-04-30', reason: 'Chờ Bộ' },
        '2024-03-25',
      ),
      at('RejectDeadlineChange', { requestId: 'r', reason: 'Không đủ lý do' }, '2024-03-26'),
    );
    expect(classifyTaskAt(rejected, '2024-04-10')).toMatchObject({
      class: 'not_done_overdue',
      deadlineChanged: false,
    });
  });

  it('handles leap-day deadlines', () => {
    const leap = task(...received('2024-02-29'));
    expect(classOf(leap, '2024-02-29')).toBe('not_done_within_deadline');
    expect(classifyTaskAt(leap, '2024-03-01')).toMatchObject({ daysOverdue: 1 });
    expect(classifyTaskAt(leap, '2025-02-28')).toMatchObject({ daysOverdue: 365 });
    expect(classifyTaskAt(leap, '2024-03-31')).toMatchObject({ daysOverdue: 31 });

    const doneOnLeapDay = task(...received('2024-02-29'), report('2024-02-29', '2024-03-01'));
    const confirmed = task(
      ...received('2024-02-29'),
      report('2024-02-29', '2024-03-01'),
      confirm('2024-03-04'),
    );
    expect(classifyTaskAt(doneOnLeapDay, '2024-03-02')).toMatchObject({
      class: 'not_done_overdue',
      awaitingConfirmation: true,
    });
    expect(classOf(confirmed, '2024-03-04')).toBe('done_on_time');
  });

  it('keeps the clock running on hold, and counts a new deadline on resumption as a change', () => {
    const held = task(
      ...received(),
      at('PutTaskOnHold', { reason: 'Chờ hướng dẫn' }, '2024-03-01'),
      at('ResumeTask', { newDeadline: '2024-06-30' }, '2024-04-15'),
    );
    expect(classifyTaskAt(held, '2024-04-10')).toMatchObject({
      class: 'not_done_overdue',
      onHold: true,
      deadlineChanged: false,
    });
    expect(classifyTaskAt(held, '2024-04-15')).toMatchObject({
      class: 'not_done_within_deadline',
      onHold: false,
      deadline: '2024-06-30',
      deadlineChanged: true,
    });
  });

  it('puts tasks without a deadline on their own line, done or not', () => {
    const none = task(...received(null), report('2024-05-02', '2024-05-03'), confirm('2024-05-06'));
    expect(classifyTaskAt(none, '2024-05-05')).toMatchObject({
      class: 'not_done_no_deadline',
      awaitingConfirmation: true,
      daysOverdue: 0,
      deadline: null,
    });
    expect(classOf(none, '2024-05-06')).toBe('done_no_deadline');
  });
});

describe('classifyTaskAt: completion', () => {
  it('is on time when the work was done on the deadline, late the day after', () => {
    const onTheDay = task(...received(), report('2024-03-31', '2024-04-02'), confirm('2024-04-03'));
    const dayAfter = task(...received(), report('2024-04-01', '2024-04-02'), confirm('2024-04-03'));
    expect(classifyTaskAt(onTheDay, '2024-04-03')).toMatchObject({
      class: 'done_on_time',
      completedOn: '2024-03-31',
    });
    expect(classOf(dayAfter, '2024-04-03')).toBe('done_late');
  });

  it('is not done until confirmed: a report alone awaits confirmation', () => {
    const t = task(...received(), report('2024-03-20', '2024-03-21'), confirm('2024-04-02'));
    expect(classifyTaskAt(t, '2024-03-20')).toMatchObject({ awaitingConfirmation: false });
    expect(classifyTaskAt(t, '2024-03-21')).toMatchObject({
      class: 'not_done_within_deadline',
      awaitingConfirmation: true,
      completedOn: null,
    });
    // Done before the deadline, but not yet confirmed when the deadline passed.
    expect(classifyTaskAt(t, '2024-04-01')).toMatchObject({
      class: 'not_done_overdue',
      awaitingConfirmation: true,
    });
    expect(classifyTaskAt(t, '2024-04-02')).toMatchObject({
      class: 'done_on_time',
      awaitingConfirmation: false,
      completedOn: '2024-03-20',
    });
  });

  it('counts a returned completion as not done until a later one is confirmed', () => {
    const t = task(
      ...received(),
      report('2024-03-10', '2024-03-11'),
      at('ReturnCompletion', { reason: 'Thiếu lộ trình' }, '2024-03-13'),
      report('2024-04-05', '2024-04-06'),
      confirm('2024-04-08'),
    );
    expect(classifyTaskAt(t, '2024-03-12')).toMatchObject({ awaitingConfirmation: true });
    expect(classifyTaskAt(t, '2024-03-13')).toMatchObject({
      class: 'not_done_within_deadline',
      awaitingConfirmation: false,
    });
    expect(classifyTaskAt(t, '2024-04-06')).toMatchObject({
      class: 'not_done_overdue',
      awaitingConfirmation: true,
    });
    // The work date that counts is the confirmed report's, after the deadline.
    expect(classifyTaskAt(t, '2024-04-08')).toMatchObject({
      class: 'done_late',
      completedOn: '2024-04-05',
    });
  });

  it('judges on time against the deadline in force, not the original one', () => {
    const t = task(
      ...received(),
      at(
        'RequestDeadlineChange',
        { requestId: 'r', kind: 'extension', proposedDeadline: '2024-04-30', reason: 'Chờ Bộ' },
        '2024-03-25',
      ),
      at('ApproveDeadlineChange', { requestId: 'r' }, '2024-03-27'),
      report('2024-04-20', '2024-04-21'),
      confirm('2024-04-22'),
    );
    expect(classifyTaskAt(t, '2024-04-22')).toMatchObject({
      class: 'done_on_time',
      deadline: '2024-04-30',
      originalDeadline: '2024-03-31',
      deadlineChanged: true,
    });
  });
});

describe('classifyTaskAt: the lead agency at the cut-off', () => {
  const t = task(
    assign(),
    at('RefuseTask', { reason: 'Không thuộc chức năng' }, '2024-01-22'),
    at('ReassignTask', { leadAgency: 'SKHDT', reason: 'Đúng chức năng' }, '2024-01-25'),
  );

  it('is the agency holding the task that day', () => {
    expect(classifyTaskAt(t, '2024-01-24')?.leadAgency).toBe('STTTT');
    expect(classifyTaskAt(t, '2024-01-25')?.leadAgency).toBe('SKHDT');
  });

  it('decides the agency group the task counts in', () => {
    const groups = (asOf: string) => {
      const acc = createStatsAccumulator({ asOf, groupBy: 'agency' });
      acc.add(t);
      return acc.result().groups.map((g) => [g.key, g.stats.total]);
    };
    expect(groups('2024-01-24')).toEqual([['STTTT', 1]]);
    expect(groups('2024-02-01')).toEqual([['SKHDT', 1]]);
  });
});
