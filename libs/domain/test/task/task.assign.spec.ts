import { initialTaskState, TASK_COMMAND_TYPES } from '../../src/task';
import {
  ASSIGNED_ON,
  assign,
  assignData,
  assignedTask,
  cancelledTask,
  command,
  completedTask,
  expectOk,
  expectRefused,
  receivedTask,
  run,
  withdrawnTask,
  decide,
  type TaskCommandInput,
} from './task.fixtures';

describe('AssignTask', () => {
  it('assigns a task and records the assignment date', () => {
    const events = expectOk(decide(assign(), initialTaskState));

    expect(events).toEqual([
      {
        type: 'TaskAssigned',
        schemaVersion: 1,
        occurredOn: ASSIGNED_ON,
        data: { ...assignData, assignedOn: ASSIGNED_ON },
      },
    ]);
  });

  it('starts the task waiting for the lead agency', () => {
    expect(assignedTask()).toEqual({
      status: 'assigned',
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
      assignedOn: ASSIGNED_ON,
      receivedOn: null,
      originalDeadline: '2024-03-31',
      deadline: '2024-03-31',
      deadlineChanges: 0,
      statusBeforeHold: null,
      progress: null,
      supportProgress: {},
      lastReportedOn: null,
      requests: {},
      pendingRequestId: null,
      completion: null,
      returnedCount: 0,
      lastUrgedOn: null,
      urgeCount: 0,
      refusedBy: null,
      reassignments: 0,
      closedOn: null,
    });
  });

  it('accepts a task without deadline (thường xuyên) and trims the title', () => {
    const [event] = expectOk(
      decide(
        assign({ deadline: null, title: '  Theo dõi an toàn thông tin  ', supportAgencies: [] }),
        initialTaskState,
      ),
    );
    expect(event.data).toMatchObject({ deadline: null, title: 'Theo dõi an toàn thông tin' });
  });

  it('defaults workProgrammeItem to false and blank leader to null', () => {
    const { workProgrammeItem: _omitted, ...data } = assignData;
    const [event] = expectOk(
      decide(
        command('AssignTask', { ...data, leaderInCharge: '  ' }, ASSIGNED_ON),
        initialTaskState,
      ),
    );
    expect(event.data).toMatchObject({ workProgrammeItem: false, leaderInCharge: null });
  });

  it('accepts a deadline on the assignment day itself', () => {
    expectOk(decide(assign({ deadline: ASSIGNED_ON }), initialTaskState));
  });

  it('accepts a title of exactly 1000 characters', () => {
    expectOk(decide(assign({ title: 'x'.repeat(1000) }), initialTaskState));
  });

  it.each([
    ['task_already_assigned', () => decide(assign(), assignedTask())],
    ['business_date_in_future', () => decide(assign({}, '2024-07-01'), initialTaskState)],
    ['invalid_date', () => decide(assign({}, '2024-02-30'), initialTaskState)],
    ['title_required', () => decide(assign({ title: '   ' }), initialTaskState)],
    ['title_too_long', () => decide(assign({ title: 'x'.repeat(1001) }), initialTaskState)],
    [
      'support_agency_is_lead',
      () => decide(assign({ supportAgencies: ['SKHDT', 'STTTT'] }), initialTaskState),
    ],
    [
      'support_agency_duplicate',
      () => decide(assign({ supportAgencies: ['SKHDT', 'SKHDT'] }), initialTaskState),
    ],
    [
      'deadline_before_assignment',
      () => decide(assign({ deadline: '2024-01-18' }), initialTaskState),
    ],
    ['invalid_date', () => decide(assign({ deadline: '31/03/2024' }), initialTaskState)],
    ['invalid_field', () => decide(assign({ leadAgency: '' }), initialTaskState)],
    ['invalid_field', () => decide(assign({ taskId: ' ' }), initialTaskState)],
    ['invalid_field', () => decide(assign({ directiveReference: '' }), initialTaskState)],
    [
      'invalid_field',
      () => decide(assign({ supportAgencies: 'SKHDT' as unknown as string[] }), initialTaskState),
    ],
    [
      'invalid_field',
      () => decide(assign({ keyTask: 'yes' as unknown as boolean }), initialTaskState),
    ],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});

describe('rules common to every command', () => {
  const afterAssignment: TaskCommandInput[] = [
    command('ReceiveTask', {}),
    command('RefuseTask', { reason: 'Không thuộc chức năng' }),
    command('ReassignTask', { leadAgency: 'SKHDT', reason: 'Đúng chức năng' }),
    command('ReportTaskProgress', { agency: 'STTTT', percent: 10, note: 'Đang dự thảo' }),
    command('RequestDeadlineChange', {
      requestId: 'r-9',
      kind: 'extension',
      proposedDeadline: '2024-12-31',
      reason: 'Chờ số liệu',
    }),
    command('ApproveDeadlineChange', { requestId: 'r-9' }),
    command('RejectDeadlineChange', { requestId: 'r-9', reason: 'Không đủ căn cứ' }),
    command('ReportCompletion', { completedOn: '2024-06-01', resultDocument: '32/KH-UBND' }),
    command('ConfirmCompletion', {}),
    command('ReturnCompletion', { reason: 'Chưa đạt yêu cầu' }),
    command('UrgeTask', { kind: 'overdue' }),
    command('PutTaskOnHold', { reason: 'Chờ hướng dẫn' }),
    command('ResumeTask', {}),
    command('CancelTask', { reason: 'Không còn phù hợp' }),
  ];

  it('lists every command but AssignTask in this table', () => {
    expect(afterAssignment.map((c) => c.type).sort()).toEqual(
      TASK_COMMAND_TYPES.filter((t) => t !== 'AssignTask').sort(),
    );
  });

  it.each(afterAssignment.map((c) => [c.type, c] as const))(
    '%s on a task that was never assigned: task_not_found',
    (_type, cmd) => {
      expectRefused(decide(cmd, initialTaskState), 'task_not_found');
    },
  );

  it.each(afterAssignment.map((c) => [c.type, c] as const))(
    '%s on a cancelled task: task_closed',
    (_type, cmd) => {
      const refused = expectRefused(decide(cmd, cancelledTask()), 'task_closed');
      expect(refused.details).toMatchObject({ status: 'cancelled', closedOn: '2024-02-01' });
    },
  );

  it.each(afterAssignment.map((c) => [c.type, c] as const))(
    '%s on a withdrawn task: task_closed',
    (_type, cmd) => {
      expectRefused(decide(cmd, withdrawnTask()), 'task_closed');
    },
  );

  it.each(afterAssignment.map((c) => [c.type, c] as const))(
    '%s on a confirmed-complete task: task_already_completed',
    (_type, cmd) => {
      expectRefused(decide(cmd, completedTask()), 'task_already_completed');
    },
  );

  it.each(afterAssignment.map((c) => [c.type, c] as const))(
    '%s dated in the future: business_date_in_future',
    (_type, cmd) => {
      const future = {
        ...cmd,
        meta: { ...cmd.meta, occurredOn: '2024-07-01' },
      } as TaskCommandInput;
      expectRefused(decide(future, receivedTask()), 'business_date_in_future');
    },
  );

  it.each(afterAssignment.map((c) => [c.type, c] as const))(
    '%s dated before the assignment: date_before_assignment',
    (_type, cmd) => {
      const early = { ...cmd, meta: { ...cmd.meta, occurredOn: '2024-01-18' } } as TaskCommandInput;
      expectRefused(decide(early, receivedTask()), 'date_before_assignment');
    },
  );

  it('accepts a business date equal to today in Vietnam even when UTC is still yesterday', () => {
    // 2024-06-29T20:00Z is already 30/06 03:00 in Hà Nội.
    const cmd = command('UrgeTask', { kind: 'overdue' }, '2024-06-30', '2024-06-29T20:00:00Z');
    expectOk(decide(cmd, receivedTask()));
  });

  it('refuses an unknown command type', () => {
    const bogus = {
      ...command('ReceiveTask', {}),
      type: 'DeleteTask',
    } as unknown as TaskCommandInput;
    expectRefused(decide(bogus, receivedTask()), 'unknown_command');
  });

  it('does not depend on the actor: decide enforces task rules only', () => {
    const cmd = command('ReceiveTask', {});
    const other = {
      ...cmd,
      meta: { ...cmd.meta, actor: { userId: 'x', roles: [], agency: null } },
    };
    expect(decide(other, assignedTask())).toEqual(decide(cmd, assignedTask()));
  });

  it('keeps state unchanged when a refused command is decided', () => {
    const state = run(assignedTask());
    const before = JSON.stringify(state);
    decide(command('ConfirmCompletion', {}), state);
    expect(JSON.stringify(state)).toBe(before);
  });
});
