import type { DomainEvent } from '../../src/shared/domain-event';
import { evolveTaskTimeline, foldTaskTimeline, type TaskTimeline } from '../../src/statistics';
import { foldTask, initialTaskState, type TaskEvent, type TaskState } from '../../src/task';
import { assign, command, expectOk, decide, type TaskCommandInput } from '../task/task.fixtures';

/** Runs commands from nothing and returns the log, as the command handler appends it. */
function history(...commands: TaskCommandInput[]): TaskEvent[] {
  const log: TaskEvent[] = [];
  let state: TaskState = initialTaskState;
  for (const cmd of commands) {
    const events = expectOk(decide(cmd, state));
    log.push(...events);
    state = foldTask(events, state);
  }
  return log;
}

const fold = (log: readonly DomainEvent[]) => foldTaskTimeline(log) as TaskTimeline;

// Assigned 19/01/2024 to STTTT (deadline 31/03/2024), as in the task fixtures.
const life = history(
  assign(),
  command('ReceiveTask', {}, '2024-01-22'),
  command('ReportTaskProgress', { agency: 'STTTT', percent: 30, note: 'Dự thảo' }, '2024-02-01'),
  command('PutTaskOnHold', { reason: 'Chờ hướng dẫn của Bộ' }, '2024-02-10'),
  command('ReassignTask', { leadAgency: 'SKHDT', reason: 'Đúng chức năng' }, '2024-02-12'),
  command('ResumeTask', { newDeadline: '2024-04-30' }, '2024-02-20'),
  command('ReceiveTask', {}, '2024-02-21'),
  command(
    'RequestDeadlineChange',
    { requestId: 'r-1', kind: 'extension', proposedDeadline: '2024-05-31', reason: 'Chờ góp ý' },
    '2024-04-20',
  ),
  command('ApproveDeadlineChange', { requestId: 'r-1', newDeadline: '2024-05-20' }, '2024-04-25'),
  command(
    'RequestDeadlineChange',
    { requestId: 'r-2', kind: 'extension', proposedDeadline: '2024-06-30', reason: 'Lần nữa' },
    '2024-05-02',
  ),
  command('RejectDeadlineChange', { requestId: 'r-2', reason: 'Không đủ lý do' }, '2024-05-03'),
  command(
    'ReportCompletion',
    { completedOn: '2024-05-10', resultDocument: '32/KH-UBND' },
    '2024-05-11',
  ),
  command('ReturnCompletion', { reason: 'Thiếu lộ trình' }, '2024-05-13'),
  command(
    'ReportCompletion',
    { completedOn: '2024-05-18', resultDocument: '41/KH-UBND' },
    '2024-05-19',
  ),
  command('ConfirmCompletion', {}, '2024-05-22'),
);

describe('evolveTaskTimeline', () => {
  it('keeps the history a report needs, in log order', () => {
    expect(fold(life)).toEqual({
      timelineVersion: 2,
      id: 'task-1',
      directiveId: 'directive-24-ctr-ubnd-2024',
      directiveReference: '24/CTr-UBND',
      assigningAgency: 'UBND-TINH',
      title: 'Xây dựng Kế hoạch chuyển đổi IPv6 trên địa bàn tỉnh',
      keyTask: true,
      workProgrammeItem: true,
      leaderInCharge: 'Phó Chủ tịch UBND tỉnh',
      assignedOn: '2024-01-19',
      leadAgencies: [
        { agency: 'STTTT', from: '2024-01-19' },
        { agency: 'SKHDT', from: '2024-02-12' },
      ],
      supportAgencies: ['STC'],
      deadlines: [
        { deadline: '2024-03-31', from: '2024-01-19', source: 'assignment' },
        { deadline: '2024-04-30', from: '2024-02-20', source: 'resumption' },
        { deadline: '2024-05-20', from: '2024-04-25', source: 'extension' },
      ],
      completions: [
        {
          reportedOn: '2024-05-11',
          completedOn: '2024-05-10',
          resultDocument: '32/KH-UBND',
          confirmedOn: null,
          returnedOn: '2024-05-13',
        },
        {
          reportedOn: '2024-05-19',
          completedOn: '2024-05-18',
          resultDocument: '41/KH-UBND',
          confirmedOn: '2024-05-22',
          returnedOn: null,
        },
      ],
      holds: [{ from: '2024-02-10', to: '2024-02-20' }],
      closed: null,
      status: 'completed',
      progress: null, // the new lead never reported progress, only completion
      lastReportedOn: '2024-05-19',
      pendingRequest: null,
    });
  });

  it('holds the deadline change request awaiting a decision, as the aggregate does', () => {
    const requestedAt = life.findIndex(
      (e) => e.type === 'TaskDeadlineChangeRequested' && e.data.requestId === 'r-2',
    );
    expect(fold(life.slice(0, requestedAt + 1)).pendingRequest).toEqual({
      requestId: 'r-2',
      kind: 'extension',
      agency: 'SKHDT',
      proposedDeadline: '2024-06-30',
      reason: 'Lần nữa',
      requestedOn: '2024-05-02',
    });
    // At every point of the life, the timeline's request is the aggregate's pending one.
    for (let n = 1; n <= life.length; n++) {
      const state = foldTask(life.slice(0, n));
      if (state.status === 'not_assigned') throw new Error('not assigned');
      expect(fold(life.slice(0, n)).pendingRequest?.requestId ?? null).toBe(state.pendingRequestId);
    }
  });

  it('agrees with the Task aggregate on the current values', () => {
    const state = foldTask(life);
    const timeline = fold(life);
    if (state.status === 'not_assigned') throw new Error('not assigned');
    expect(timeline).toMatchObject({
      status: state.status,
      progress: state.progress,
      lastReportedOn: state.lastReportedOn,
      supportAgencies: state.supportAgencies,
      assignedOn: state.assignedOn,
    });
  });

  it('is plain JSON and does not change the timeline it is given', () => {
    const before = fold(life.slice(0, 5));
    const frozen = JSON.parse(JSON.stringify(before)) as TaskTimeline;
    const after = evolveTaskTimeline(before, life[5]);
    expect(before).toEqual(frozen);
    expect(after).not.toEqual(before);
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });

  it('folds events as the store returns them, with extra fields', () => {
    const stored = life.map((event, i) => ({
      ...event,
      position: 100 + i,
      streamId: 'task-task-1',
      recordedAt: '2024-06-30T03:00:00Z',
      metadata: { actor: 'u-tracker' },
      hash: 'ab'.repeat(32),
    }));
    expect(fold(stored)).toEqual(fold(life));
  });

  it('ignores unknown types, unknown schema versions, and anything before the assignment', () => {
    const noise: DomainEvent[] = [
      { type: 'TaskLabelled', schemaVersion: 1, data: { label: 'x' }, occurredOn: '2024-02-01' },
      { type: 'TaskCancelled', schemaVersion: 2, data: { why: 'v2' }, occurredOn: '2024-02-01' },
      { type: 'DirectiveCreated', schemaVersion: 1, data: {}, occurredOn: '2024-02-01' },
    ];
    expect(evolveTaskTimeline(null, life[1])).toBeNull();
    expect(evolveTaskTimeline(null, noise[0])).toBeNull();
    const withNoise = [life[0], ...noise, ...life.slice(1)];
    expect(fold(withNoise)).toEqual(fold(life));
  });

  it('records a cancellation and a withdrawal with their business dates', () => {
    const cancelled = history(
      assign(),
      command('CancelTask', { reason: 'Không còn phù hợp' }, '2024-02-01'),
    );
    expect(fold(cancelled)).toMatchObject({
      status: 'cancelled',
      closed: { kind: 'cancelled', on: '2024-02-01' },
    });

    const withdrawn = history(
      assign(),
      command('ReceiveTask', {}, '2024-01-22'),
      command(
        'RequestDeadlineChange',
        { requestId: 'w', kind: 'withdrawal', reason: 'Trùng nhiệm vụ' },
        '2024-02-01',
      ),
      command('ApproveDeadlineChange', { requestId: 'w' }, '2024-02-05'),
    );
    expect(fold(withdrawn)).toMatchObject({
      status: 'withdrawn',
      closed: { kind: 'withdrawn', on: '2024-02-05' },
      // Approving a withdrawal is not a deadline change.
      deadlines: [{ deadline: '2024-03-31', from: '2024-01-19', source: 'assignment' }],
    });
  });

  it('adds no deadline entry for a resumption that keeps the deadline', () => {
    const log = history(
      assign(),
      command('PutTaskOnHold', { reason: 'Chờ' }, '2024-02-01'),
      command('ResumeTask', {}, '2024-02-05'),
    );
    expect(fold(log)).toMatchObject({
      status: 'assigned',
      deadlines: [{ deadline: '2024-03-31', from: '2024-01-19', source: 'assignment' }],
      holds: [{ from: '2024-02-01', to: '2024-02-05' }],
    });
  });

  it('keeps a task with no deadline as such', () => {
    expect(fold(history(assign({ deadline: null }))).deadlines).toEqual([
      { deadline: null, from: '2024-01-19', source: 'assignment' },
    ]);
  });
});
