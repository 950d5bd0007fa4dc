import { foldTask, initialTaskState, type TaskEvent, type TaskState } from '../../src/task';
import { assign, command, expectOk, decide, type TaskCommandInput } from './task.fixtures';

/** Runs commands from nothing and returns the log, as a command handler would append it. */
function history(commands: TaskCommandInput[]): TaskEvent[] {
  const log: TaskEvent[] = [];
  let state: TaskState = initialTaskState;
  for (const cmd of commands) {
    const events = expectOk(decide(cmd, state));
    log.push(...events);
    state = foldTask(events, state);
  }
  return log;
}

describe('a whole task life', () => {
  const log = history([
    assign(),
    command('ReceiveTask', {}, '2024-01-22'),
    command(
      'ReportTaskProgress',
      { agency: 'STTTT', percent: 30, note: 'Đã dự thảo' },
      '2024-02-15',
    ),
    command('ReportTaskProgress', { agency: 'STC', percent: 100, note: 'Đã góp ý' }, '2024-02-20'),
    command(
      'RequestDeadlineChange',
      {
        requestId: 'r-1',
        kind: 'extension',
        proposedDeadline: '2024-04-30',
        reason: 'Chờ ý kiến thẩm định của Bộ',
      },
      '2024-03-25',
    ),
    command('ApproveDeadlineChange', { requestId: 'r-1', newDeadline: '2024-04-20' }, '2024-03-27'),
    command('UrgeTask', { kind: 'before_deadline' }, '2024-04-08'),
    command(
      'ReportCompletion',
      { completedOn: '2024-04-10', resultDocument: '32/KH-UBND' },
      '2024-04-11',
    ),
    command('ReturnCompletion', { reason: 'Thiếu lộ trình thực hiện' }, '2024-04-12'),
    command(
      'ReportTaskProgress',
      { agency: 'STTTT', percent: 95, note: 'Bổ sung lộ trình' },
      '2024-04-15',
    ),
    command(
      'ReportCompletion',
      { completedOn: '2024-04-18', resultDocument: '41/KH-UBND', note: 'Đã ban hành' },
      '2024-04-19',
    ),
    command('ConfirmCompletion', {}, '2024-04-22'),
  ]);

  it('appends the expected events in order', () => {
    expect(log.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskProgressReported',
      'TaskProgressReported',
      'TaskDeadlineChangeRequested',
      'TaskDeadlineChangeApproved',
      'TaskUrged',
      'TaskCompletionReported',
      'TaskCompletionReturned',
      'TaskProgressReported',
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
    ]);
  });

  it('confirms on time against the approved deadline', () => {
    expect(log[log.length - 1]).toEqual({
      type: 'TaskCompletionConfirmed',
      schemaVersion: 1,
      occurredOn: '2024-04-22',
      data: {
        completedOn: '2024-04-18',
        resultDocument: '41/KH-UBND',
        deadlineInForce: '2024-04-20',
        onTime: true,
      },
    });
  });

  it('folds to the final state', () => {
    expect(foldTask(log)).toEqual({
      status: 'completed',
      id: 'task-1',
      directiveId: 'directive-24-ctr-ubnd-2024',
      assigningAgency: 'UBND-TINH',
      directiveReference: '24/CTr-UBND',
      title: 'Xây dựng Kế hoạch chuyển đổi IPv6 trên địa bàn tỉnh',
      leadAgency: 'STTTT',
      supportAgencies: ['SKHDT', 'STC'],
      leaderInCharge: 'Phó Chủ tịch UBND tỉnh',
      keyTask: true,
      workProgrammeItem: true,
      assignedOn: '2024-01-19',
      receivedOn: '2024-01-22',
      originalDeadline: '2024-03-31',
      deadline: '2024-04-20',
      deadlineChanges: 1,
      statusBeforeHold: null,
      progress: 95,
      supportProgress: { STC: 100 },
      lastReportedOn: '2024-04-19',
      requests: {
        'r-1': {
          kind: 'extension',
          proposedDeadline: '2024-04-30',
          reason: 'Chờ ý kiến thẩm định của Bộ',
          status: 'approved',
          requestedOn: '2024-03-25',
          decidedOn: '2024-03-27',
          approvedDeadline: '2024-04-20',
        },
      },
      pendingRequestId: null,
      completion: {
        reportedOn: '2024-04-19',
        completedOn: '2024-04-18',
        resultDocument: '41/KH-UBND',
        confirmedOn: '2024-04-22',
      },
      returnedCount: 1,
      lastUrgedOn: '2024-04-08',
      urgeCount: 1,
      refusedBy: null,
      reassignments: 0,
      closedOn: '2024-04-22',
    });
  });

  it('survives a JSON round trip of log and state unchanged', () => {
    const stored = JSON.parse(JSON.stringify(log)) as TaskEvent[];
    const state = foldTask(stored);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state).toEqual(foldTask(log));
  });
});

describe('a refused task reassigned and done late', () => {
  it('runs from refusal to a late completion', () => {
    const log = history([
      assign({ deadline: '2024-02-29' }),
      command('RefuseTask', { reason: 'Không thuộc chức năng' }, '2024-01-22'),
      command('ReassignTask', { leadAgency: 'SKHDT', reason: 'Đúng chức năng' }, '2024-01-24'),
      command('ReceiveTask', {}, '2024-01-25'),
      command('UrgeTask', { kind: 'overdue' }, '2024-03-04'),
      command(
        'ReportCompletion',
        { completedOn: '2024-03-10', resultDocument: '5/BC-SKHDT' },
        '2024-03-11',
      ),
      command('ConfirmCompletion', {}, '2024-03-12'),
    ]);
    const confirmed = log[log.length - 1];
    expect(confirmed.data).toMatchObject({ deadlineInForce: '2024-02-29', onTime: false });
    expect(foldTask(log)).toMatchObject({
      status: 'completed',
      leadAgency: 'SKHDT',
      supportAgencies: ['STC'],
      reassignments: 1,
      refusedBy: null,
    });
  });
});
