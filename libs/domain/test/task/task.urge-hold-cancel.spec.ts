import { type TaskStatus } from '../../src/task';
import type { AssignedTaskState } from '../../src/task';
import {
  assignedTask,
  awaitingTask,
  command,
  expectOk,
  expectRefused,
  onHoldTask,
  receivedTask,
  run,
  withPendingExtension,
  decide,
} from './task.fixtures';

const refusedTask = () =>
  run(assignedTask(), command('RefuseTask', { reason: 'Không đúng' }, '2024-01-22'));
const returnedTask = () =>
  run(awaitingTask(), command('ReturnCompletion', { reason: 'Chưa đạt' }, '2024-03-22'));

const openStates: Array<[TaskStatus, () => AssignedTaskState]> = [
  ['assigned', assignedTask],
  ['refused', refusedTask],
  ['in_progress', receivedTask],
  ['awaiting_confirmation', awaitingTask],
  ['returned', returnedTask],
  ['on_hold', () => onHoldTask()],
];

describe('UrgeTask', () => {
  it('records the reminder and when it was sent', () => {
    const cmd = command(
      'UrgeTask',
      { kind: 'before_deadline', message: ' Còn 3 ngày đến hạn ' },
      '2024-03-28',
    );
    expect(expectOk(decide(cmd, receivedTask()))).toEqual([
      {
        type: 'TaskUrged',
        schemaVersion: 1,
        occurredOn: '2024-03-28',
        data: { kind: 'before_deadline', message: 'Còn 3 ngày đến hạn', leadAgency: 'STTTT' },
      },
    ]);
    const twice = run(receivedTask(), cmd, command('UrgeTask', { kind: 'overdue' }, '2024-04-05'));
    expect(twice).toMatchObject({ lastUrgedOn: '2024-04-05', urgeCount: 2 });
  });

  it.each(openStates)('accepts a task that is %s', (_status, state) => {
    const [event] = expectOk(decide(command('UrgeTask', { kind: 'no_report' }), state()));
    expect(event.data).toMatchObject({ kind: 'no_report', message: null });
  });

  it('refuses an unknown kind', () => {
    const cmd = command('UrgeTask', { kind: 'soon' });
    expectRefused(decide(cmd, receivedTask()), 'invalid_field');
  });
});

describe('PutTaskOnHold and ResumeTask', () => {
  const hold = (on = '2024-02-10') =>
    command('PutTaskOnHold', { reason: 'Chờ hướng dẫn của Bộ' }, on);
  const resume = (newDeadline?: string, on = '2024-02-20') =>
    command('ResumeTask', { newDeadline }, on);

  it('puts a task on hold, remembering where it was', () => {
    expect(expectOk(decide(hold(), receivedTask()))).toEqual([
      {
        type: 'TaskPutOnHold',
        schemaVersion: 1,
        occurredOn: '2024-02-10',
        data: { reason: 'Chờ hướng dẫn của Bộ', statusBeforeHold: 'in_progress' },
      },
    ]);
    expect(onHoldTask()).toMatchObject({ status: 'on_hold', statusBeforeHold: 'in_progress' });
  });

  it.each(openStates.filter(([s]) => s !== 'awaiting_confirmation' && s !== 'on_hold'))(
    'holds and resumes a task that is %s back to the same status',
    (status, state) => {
      const resumed = run(state(), hold('2024-03-23'), resume(undefined, '2024-03-24'));
      expect(resumed).toMatchObject({ status, statusBeforeHold: null });
    },
  );

  it('resumes without changing the deadline', () => {
    expect(expectOk(decide(resume(), onHoldTask()))).toEqual([
      {
        type: 'TaskResumed',
        schemaVersion: 1,
        occurredOn: '2024-02-20',
        data: {
          restoredStatus: 'in_progress',
          previousDeadline: '2024-03-31',
          deadline: '2024-03-31',
          deadlineChanged: false,
        },
      },
    ]);
    expect(run(onHoldTask(), resume())).toMatchObject({
      status: 'in_progress',
      deadline: '2024-03-31',
      deadlineChanges: 0,
    });
  });

  it('resumes with a new deadline in force, counted as a deadline change', () => {
    const [event] = expectOk(decide(resume('2024-05-31'), onHoldTask()));
    expect(event.data).toEqual({
      restoredStatus: 'in_progress',
      previousDeadline: '2024-03-31',
      deadline: '2024-05-31',
      deadlineChanged: true,
    });
    expect(run(onHoldTask(), resume('2024-05-31'))).toMatchObject({
      originalDeadline: '2024-03-31',
      deadline: '2024-05-31',
      deadlineChanges: 1,
    });
  });

  it('may give a deadline to a task that had none', () => {
    const held = onHoldTask(receivedTask({ deadline: null }));
    expect(run(held, resume('2024-05-31')).deadline).toBe('2024-05-31');
  });

  it.each([
    ['task_on_hold', () => decide(hold(), onHoldTask())],
    ['completion_already_reported', () => decide(hold('2024-03-21'), awaitingTask())],
    ['reason_required', () => decide(command('PutTaskOnHold', { reason: '' }), receivedTask())],
    ['task_not_on_hold', () => decide(resume(), receivedTask())],
    ['deadline_before_assignment', () => decide(resume('2024-01-01'), onHoldTask())],
    ['deadline_unchanged', () => decide(resume('2024-03-31'), onHoldTask())],
    ['invalid_date', () => decide(resume('2024-02-30'), onHoldTask())],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});

describe('CancelTask', () => {
  const cancel = (reason = 'Nhiệm vụ không còn phù hợp', on = '2024-04-01') =>
    command('CancelTask', { reason }, on);

  it.each(openStates)('cancels a task that is %s', (status, state) => {
    expect(expectOk(decide(cancel(), state()))).toEqual([
      {
        type: 'TaskCancelled',
        schemaVersion: 1,
        occurredOn: '2024-04-01',
        data: { reason: 'Nhiệm vụ không còn phù hợp', previousStatus: status },
      },
    ]);
    expect(run(state(), cancel())).toMatchObject({
      status: 'cancelled',
      closedOn: '2024-04-01',
      statusBeforeHold: null,
    });
  });

  it('cancels a task with a pending request, which then can no longer be decided', () => {
    const cancelled = run(withPendingExtension(), cancel());
    expectRefused(
      decide(command('ApproveDeadlineChange', { requestId: 'r-1' }), cancelled),
      'task_closed',
    );
  });

  it('requires a reason', () => {
    expectRefused(decide(cancel(' '), receivedTask()), 'reason_required');
  });
});
