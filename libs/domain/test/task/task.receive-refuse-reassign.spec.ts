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

const refuse = (on = '2024-01-22') =>
  command('RefuseTask', { reason: ' Không thuộc chức năng của Sở ' }, on);
const refusedTask = () => run(assignedTask(), refuse());
const reassign = (
  data: { leadAgency?: string; supportAgencies?: string[]; reason?: string } = {},
  on = '2024-01-25',
) =>
  command(
    'ReassignTask',
    { leadAgency: 'SKHDT', reason: 'Giao Sở Kế hoạch và Đầu tư chủ trì', ...data },
    on,
  );
const progress = (agency: string, percent: number, on = '2024-02-01') =>
  command('ReportTaskProgress', { agency, percent, note: 'Đã dự thảo' }, on);

describe('ReceiveTask', () => {
  it('moves an assigned task to in_progress', () => {
    const cmd = command('ReceiveTask', {}, '2024-01-22');
    expect(expectOk(decide(cmd, assignedTask()))).toEqual([
      {
        type: 'TaskReceived',
        schemaVersion: 1,
        occurredOn: '2024-01-22',
        data: { agency: 'STTTT' },
      },
    ]);
    expect(receivedTask()).toMatchObject({ status: 'in_progress', receivedOn: '2024-01-22' });
  });

  it.each([
    ['task_already_received', () => receivedTask()],
    ['task_already_received', () => awaitingTask()],
    ['task_refused', () => refusedTask()],
    ['task_on_hold', () => onHoldTask(assignedTask())],
  ])('refuses with %s', (code, state) => {
    expectRefused(decide(command('ReceiveTask', {}), state()), code);
  });
});

describe('RefuseTask', () => {
  it('lets the lead agency refuse an assigned task', () => {
    expect(expectOk(decide(refuse(), assignedTask()))).toEqual([
      {
        type: 'TaskRefused',
        schemaVersion: 1,
        occurredOn: '2024-01-22',
        data: { agency: 'STTTT', reason: 'Không thuộc chức năng của Sở' },
      },
    ]);
    expect(refusedTask()).toMatchObject({ status: 'refused', refusedBy: 'STTTT' });
  });

  it('allows refusing a received task before the lead reports any progress', () => {
    // Supporting agencies' reports do not count: the lead has not worked on it.
    const state = run(receivedTask(), progress('SKHDT', 20));
    expect(run(state, refuse('2024-02-02')).status).toBe('refused');
  });

  it.each([
    ['progress_already_reported', () => run(receivedTask(), progress('STTTT', 0))],
    ['progress_already_reported', () => awaitingTask()],
    ['task_refused', () => refusedTask()],
    ['task_on_hold', () => onHoldTask(assignedTask())],
  ])('refuses with %s', (code, state) => {
    expectRefused(decide(refuse('2024-06-01'), state()), code);
  });

  it('requires a reason', () => {
    const cmd = command('RefuseTask', { reason: '' });
    expectRefused(decide(cmd, assignedTask()), 'reason_required');
  });
});

describe('ReassignTask', () => {
  it('gives a refused task to another lead, keeping the other supporters', () => {
    const events = expectOk(decide(reassign(), refusedTask()));
    expect(events).toEqual([
      {
        type: 'TaskReassigned',
        schemaVersion: 2,
        occurredOn: '2024-01-25',
        data: {
          from: { leadAgency: 'STTTT', supportAgencies: ['SKHDT', 'STC'] },
          to: { leadAgency: 'SKHDT', supportAgencies: ['STC'] },
          reason: 'Giao Sở Kế hoạch và Đầu tư chủ trì',
        },
      },
    ]);
    expect(run(refusedTask(), reassign())).toMatchObject({
      status: 'assigned',
      leadAgency: 'SKHDT',
      supportAgencies: ['STC'],
      refusedBy: null,
      reassignments: 1,
      receivedOn: null,
      progress: null,
    });
  });

  it('resets the lead progress and keeps progress of remaining supporters only', () => {
    const state = run(
      receivedTask(),
      progress('STTTT', 40),
      progress('STC', 50),
      progress('SKHDT', 30),
    );
    const after = run(
      state,
      command('ReassignTask', { leadAgency: 'SKHDT', reason: 'Điều chỉnh' }),
    );
    expect(after).toMatchObject({
      status: 'assigned',
      progress: null,
      supportProgress: { STC: 50 },
    });
  });

  it('takes new supporting agencies when given', () => {
    const state = run(refusedTask(), reassign({ supportAgencies: ['STTTT', 'SNV'] }));
    expect(state.supportAgencies).toEqual(['STTTT', 'SNV']);
  });

  it('keeps a task on hold on hold, to resume as newly assigned', () => {
    const state = run(onHoldTask(), reassign({}, '2024-02-12'));
    expect(state).toMatchObject({ status: 'on_hold', statusBeforeHold: 'assigned' });
    expect(run(state, command('ResumeTask', {}, '2024-02-20')).status).toBe('assigned');
  });

  it('reassigns a returned task', () => {
    const returned = run(
      awaitingTask(),
      command('ReturnCompletion', { reason: 'Chưa đạt' }, '2024-03-21'),
    );
    const state = run(returned, command('ReassignTask', { leadAgency: 'STC', reason: 'Đổi' }));
    expect(state).toMatchObject({ status: 'assigned', leadAgency: 'STC', returnedCount: 1 });
  });

  it.each([
    ['same_lead_agency', () => decide(reassign({ leadAgency: 'STTTT' }), refusedTask())],
    ['completion_already_reported', () => decide(reassign(), awaitingTask())],
    [
      'request_pending',
      () =>
        decide(command('ReassignTask', { leadAgency: 'STC', reason: 'x' }), withPendingExtension()),
    ],
    ['reason_required', () => decide(reassign({ reason: ' ' }), refusedTask())],
    ['invalid_field', () => decide(reassign({ leadAgency: '' }), refusedTask())],
    [
      'support_agency_is_lead',
      () => decide(reassign({ supportAgencies: ['SKHDT'] }), refusedTask()),
    ],
    [
      'support_agency_duplicate',
      () => decide(reassign({ supportAgencies: ['STC', 'STC'] }), refusedTask()),
    ],
  ])('refuses with %s', (code, decide) => {
    expectRefused(decide(), code);
  });
});
