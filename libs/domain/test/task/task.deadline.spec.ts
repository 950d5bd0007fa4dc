import { type RequestDeadlineChangeData } from '../../src/task';
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
  type Input,
} from './task.fixtures';

const request = (data: Input<RequestDeadlineChangeData> = {}, on = '2024-03-01') =>
  command(
    'RequestDeadlineChange',
    {
      requestId: 'r-1',
      kind: 'extension',
      proposedDeadline: '2024-04-30',
      reason: ' Chờ ý kiến góp ý của các sở ',
      ...data,
    },
    on,
  );
const approve = (newDeadline?: string, on = '2024-03-05', requestId = 'r-1') =>
  command('ApproveDeadlineChange', { requestId, newDeadline }, on);
const reject = (on = '2024-03-05', requestId = 'r-1') =>
  command('RejectDeadlineChange', { requestId, reason: 'Không đủ căn cứ gia hạn' }, on);
const withdrawalPending = () =>
  run(receivedTask(), request({ kind: 'withdrawal', proposedDeadline: undefined }));

describe('RequestDeadlineChange', () => {
  it('records an extension request as pending', () => {
    expect(expectOk(decide(request(), receivedTask()))).toEqual([
      {
        type: 'TaskDeadlineChangeRequested',
        schemaVersion: 1,
        occurredOn: '2024-03-01',
        data: {
          requestId: 'r-1',
          kind: 'extension',
          agency: 'STTTT',
          currentDeadline: '2024-03-31',
          proposedDeadline: '2024-04-30',
          reason: 'Chờ ý kiến góp ý của các sở',
        },
      },
    ]);
    expect(withPendingExtension()).toMatchObject({
      pendingRequestId: 'r-1',
      deadline: '2024-03-31',
      requests: {
        'r-1': {
          kind: 'extension',
          proposedDeadline: '2024-04-30',
          reason: 'Chờ ý kiến góp ý của các sở',
          status: 'pending',
          requestedOn: '2024-03-01',
          decidedOn: null,
          approvedDeadline: null,
        },
      },
    });
  });

  it('records a withdrawal request without a proposed deadline', () => {
    const cmd = request({ kind: 'withdrawal', proposedDeadline: '2024-05-01' });
    const [event] = expectOk(decide(cmd, receivedTask()));
    expect(event.data).toMatchObject({ kind: 'withdrawal', proposedDeadline: null });
  });

  it('accepts a request on the deadline day itself', () => {
    expectOk(decide(request({}, '2024-03-31'), receivedTask()));
  });

  it('accepts a request on a task without deadline (no deadline can have passed)', () => {
    const state = receivedTask({ deadline: null });
    expectOk(decide(request({}, '2024-06-30'), state));
  });

  it('accepts a request from the lead on a returned task', () => {
    const returned = run(
      awaitingTask(),
      command('ReturnCompletion', { reason: 'Chưa đạt' }, '2024-03-21'),
    );
    expectOk(decide(request({}, '2024-03-22'), returned));
  });

  it('accepts a new request once the previous one is decided', () => {
    const state = run(withPendingExtension(), reject());
    expectOk(decide(request({ requestId: 'r-2' }, '2024-03-06'), state));
  });

  it.each([
    ['task_not_received', () => decide(request(), assignedTask())],
    ['task_on_hold', () => decide(request(), onHoldTask())],
    ['completion_already_reported', () => decide(request({}, '2024-03-21'), awaitingTask())],
    [
      'request_pending',
      () => decide(request({ requestId: 'r-2' }, '2024-03-02'), withPendingExtension()),
    ],
    ['deadline_already_passed', () => decide(request({}, '2024-04-01'), receivedTask())],
    [
      'proposed_deadline_required',
      () => decide(request({ proposedDeadline: undefined }), receivedTask()),
    ],
    [
      'proposed_deadline_required',
      () => decide(request({ proposedDeadline: null }), receivedTask()),
    ],
    [
      'extension_not_after_deadline',
      () => decide(request({ proposedDeadline: '2024-01-10' }), receivedTask()),
    ],
    [
      'extension_not_after_deadline',
      () => decide(request({ proposedDeadline: '2024-03-31' }), receivedTask()),
    ],
    [
      'extension_not_after_deadline',
      () => decide(request({ proposedDeadline: '2024-03-30' }), receivedTask()),
    ],
    ['invalid_date', () => decide(request({ proposedDeadline: '2024-02-31' }), receivedTask())],
    [
      'request_id_taken',
      () => decide(request({}, '2024-03-06'), run(withPendingExtension(), reject())),
    ],
    ['invalid_field', () => decide(request({ kind: 'postpone' }), receivedTask())],
    ['invalid_field', () => decide(request({ requestId: '' }), receivedTask())],
    ['reason_required', () => decide(request({ reason: '' }), receivedTask())],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});

describe('ApproveDeadlineChange', () => {
  it('approves an extension at the proposed date; the original deadline is kept', () => {
    expect(expectOk(decide(approve(), withPendingExtension()))).toEqual([
      {
        type: 'TaskDeadlineChangeApproved',
        schemaVersion: 1,
        occurredOn: '2024-03-05',
        data: {
          requestId: 'r-1',
          kind: 'extension',
          previousDeadline: '2024-03-31',
          newDeadline: '2024-04-30',
        },
      },
    ]);
    const state = run(withPendingExtension(), approve());
    expect(state).toMatchObject({
      originalDeadline: '2024-03-31',
      deadline: '2024-04-30',
      deadlineChanges: 1,
      pendingRequestId: null,
      requests: {
        'r-1': { status: 'approved', decidedOn: '2024-03-05', approvedDeadline: '2024-04-30' },
      },
    });
  });

  it('lets the approver set another date than proposed', () => {
    const state = run(withPendingExtension(), approve('2024-04-15'));
    expect(state).toMatchObject({
      deadline: '2024-04-15',
      requests: { 'r-1': { proposedDeadline: '2024-04-30', approvedDeadline: '2024-04-15' } },
    });
  });

  it('may approve after the old deadline has passed (the request was in time)', () => {
    expect(run(withPendingExtension(), approve(undefined, '2024-04-05')).deadline).toBe(
      '2024-04-30',
    );
  });

  it('approves a withdrawal: the task is withdrawn and its deadline untouched', () => {
    expect(expectOk(decide(approve(), withdrawalPending()))).toEqual([
      {
        type: 'TaskDeadlineChangeApproved',
        schemaVersion: 1,
        occurredOn: '2024-03-05',
        data: {
          requestId: 'r-1',
          kind: 'withdrawal',
          previousDeadline: '2024-03-31',
          newDeadline: '2024-03-31',
        },
      },
      {
        type: 'TaskWithdrawn',
        schemaVersion: 1,
        occurredOn: '2024-03-05',
        data: {
          requestId: 'r-1',
          reason: 'Chờ ý kiến góp ý của các sở',
          previousStatus: 'in_progress',
        },
      },
    ]);
    expect(run(withdrawalPending(), approve())).toMatchObject({
      status: 'withdrawn',
      closedOn: '2024-03-05',
      deadline: '2024-03-31',
      deadlineChanges: 0,
      pendingRequestId: null,
      requests: { 'r-1': { status: 'approved', approvedDeadline: null } },
    });
  });

  it('can decide a request while the task awaits confirmation or is on hold', () => {
    const awaiting = run(
      withPendingExtension(),
      command(
        'ReportCompletion',
        { completedOn: '2024-03-02', resultDocument: '32/KH-UBND' },
        '2024-03-03',
      ),
    );
    expect(run(awaiting, approve()).status).toBe('awaiting_confirmation');
    const held = run(
      withPendingExtension(),
      command('PutTaskOnHold', { reason: 'Chờ' }, '2024-03-02'),
    );
    expect(run(held, approve()).deadline).toBe('2024-04-30');
  });

  it('refuses to approve a rejected request', () => {
    const rejected = run(withPendingExtension(), reject());
    const refused = expectRefused(
      decide(approve(undefined, '2024-03-06'), rejected),
      'request_already_decided',
    );
    expect(refused.details).toMatchObject({ status: 'rejected', decidedOn: '2024-03-05' });
  });

  it.each([
    [
      'request_not_found',
      () => decide(approve(undefined, '2024-03-05', 'r-x'), withPendingExtension()),
    ],
    [
      'request_not_found',
      () => decide(approve(undefined, '2024-03-05', 'constructor'), withPendingExtension()),
    ],
    [
      'request_already_decided',
      () => decide(approve('2024-05-31', '2024-03-06'), run(withPendingExtension(), approve())),
    ],
    ['date_before_request', () => decide(approve(undefined, '2024-02-28'), withPendingExtension())],
    ['deadline_before_assignment', () => decide(approve('2024-01-01'), withPendingExtension())],
    ['deadline_unchanged', () => decide(approve('2024-03-31'), withPendingExtension())],
    ['invalid_date', () => decide(approve('2024-13-01'), withPendingExtension())],
    ['invalid_field', () => decide(approve(undefined, '2024-03-05', ''), withPendingExtension())],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});

describe('RejectDeadlineChange', () => {
  it('rejects a request; the deadline in force stays', () => {
    expect(expectOk(decide(reject(), withPendingExtension()))).toEqual([
      {
        type: 'TaskDeadlineChangeRejected',
        schemaVersion: 1,
        occurredOn: '2024-03-05',
        data: { requestId: 'r-1', kind: 'extension', reason: 'Không đủ căn cứ gia hạn' },
      },
    ]);
    expect(run(withPendingExtension(), reject())).toMatchObject({
      deadline: '2024-03-31',
      deadlineChanges: 0,
      pendingRequestId: null,
      requests: { 'r-1': { status: 'rejected', decidedOn: '2024-03-05', approvedDeadline: null } },
    });
  });

  it('rejects a withdrawal: the task goes on', () => {
    expect(run(withdrawalPending(), reject()).status).toBe('in_progress');
  });

  it.each([
    ['request_not_found', () => decide(reject('2024-03-05', 'r-x'), withPendingExtension())],
    [
      'request_already_decided',
      () => decide(reject('2024-03-06'), run(withPendingExtension(), approve())),
    ],
    ['date_before_request', () => decide(reject('2024-02-28'), withPendingExtension())],
    [
      'reason_required',
      () =>
        decide(
          command('RejectDeadlineChange', { requestId: 'r-1', reason: '' }, '2024-03-05'),
          withPendingExtension(),
        ),
    ],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});
