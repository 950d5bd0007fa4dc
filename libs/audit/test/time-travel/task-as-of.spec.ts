import type { EventMetadata } from '@chidao/event-store';
import { TaskDriver } from '@chidao/projections/testing';
import { taskAsOf } from '../../src/time-travel/task-as-of';
import { at, DECIDED_AT, STAFF_TTTT, TempLogs, TRACKER, type Log } from './support';

/**
 * Task a1 (deadline 31/05) as an auditor reconstructs it. Assigned and received on 05/04; a
 * progress report dated 01/06 entered on 01/06; then on 20/06 the staff report a completion
 * dated 25/05 (work done 20/05) and the office confirms it dated 28/05. A report taken on 03/06
 * (K1) showed the task not done; today it counts as done on time.
 */
describe('taskAsOf', () => {
  const temp = new TempLogs();
  let log: Log;
  const K1 = at('2024-06-03', '10:00');
  const NOW = at('2024-07-01', '09:00');

  beforeAll(async () => {
    log = await temp.open();
    const task = new TaskDriver('a1', DECIDED_AT);
    /** Decides a command on a1 as of `occurredOn` and enters its events at `recordedAt`. */
    const enter = (
      recordedAt: string,
      metadata: EventMetadata,
      ...command: Parameters<TaskDriver['run']>
    ) => log.append(recordedAt, 'task-a1', task.run(...command), metadata);
    await enter(
      at('2024-04-05', '09:00'),
      TRACKER,
      'AssignTask',
      {
        taskId: 'a1',
        directiveId: 'dir-45',
        directiveReference: '45/KH-UBND',
        assigningAgency: 'UBND-TINH',
        title: 'Kế hoạch chuyển đổi IPv6',
        leadAgency: 'STTTT',
        supportAgencies: [],
        deadline: '2024-05-31',
        keyTask: false,
        leaderInCharge: null,
      },
      '2024-04-05',
    );
    await enter(at('2024-04-05', '14:00'), STAFF_TTTT, 'ReceiveTask', {}, '2024-04-05');
    await enter(
      at('2024-06-01', '09:00'),
      STAFF_TTTT,
      'ReportTaskProgress',
      { agency: 'STTTT', percent: 90, note: 'Sắp xong' },
      '2024-06-01',
    );
    await enter(
      at('2024-06-20', '09:00'),
      STAFF_TTTT,
      'ReportCompletion',
      { completedOn: '2024-05-20', resultDocument: '32/KH-UBND' },
      '2024-05-25',
    );
    await enter(at('2024-06-20', '15:00'), TRACKER, 'ConfirmCompletion', {}, '2024-05-28');
  });
  afterAll(() => temp.cleanup());

  it('shows what a reader saw at K: not done, and lists the back-dated completion entered since', async () => {
    const seen = await taskAsOf(log.store, 'a1', {
      asOf: '2024-05-31',
      knownAt: K1,
      now: new Date(NOW),
    });
    expect(seen).not.toBeNull();
    expect(seen!).toMatchObject({
      taskId: 'a1',
      asOf: '2024-05-31',
      knownAt: K1,
      state: { status: 'in_progress', completion: null, deadline: '2024-05-31' },
      classification: { class: 'not_done_within_deadline', leadAgency: 'STTTT', completedOn: null },
      position: 3,
    });
    expect(seen!.timeline).toMatchObject({ id: 'a1', status: 'in_progress', completions: [] });
    expect(seen!.history.map((e) => [e.type, e.occurredOn, e.actor, e.agency])).toEqual([
      ['TaskAssigned', '2024-04-05', 'user-tracker', 'UBND-TINH'],
      ['TaskReceived', '2024-04-05', 'user-staff-tttt', 'STTTT'],
    ]);
    // The progress report of 01/06 was known at K but is dated after asOf: neither history nor late.
    expect(seen!.laterBackdated.count).toBe(2);
    expect(seen!.laterBackdated.events).toEqual([
      expect.objectContaining({
        type: 'TaskCompletionReported',
        occurredOn: '2024-05-25',
        recordedAt: at('2024-06-20', '09:00'),
        actor: 'user-staff-tttt',
        agency: 'STTTT',
        position: 4,
        streamVersion: 4,
        data: expect.objectContaining({ completedOn: '2024-05-20' }),
      }),
      expect.objectContaining({ type: 'TaskCompletionConfirmed', occurredOn: '2024-05-28' }),
    ]);
  });

  it('as of the same date with everything recorded since, counts it done on time', async () => {
    const now = await taskAsOf(log.store, 'a1', { asOf: '2024-05-31', now: new Date(NOW) });
    expect(now).toMatchObject({
      knownAt: NOW,
      state: {
        status: 'completed',
        completion: { completedOn: '2024-05-20', confirmedOn: '2024-05-28' },
      },
      classification: { class: 'done_on_time', completedOn: '2024-05-20' },
      laterBackdated: { count: 0, events: [] },
      position: 5,
    });
    expect(now!.history.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
    ]);
  });

  it('a cut-off before the confirmation shows it awaiting confirmation, even seen today', async () => {
    const mid = await taskAsOf(log.store, 'a1', { asOf: '2024-05-26', now: new Date(NOW) });
    expect(mid!.state.status).toBe('awaiting_confirmation');
    expect(mid!.classification).toMatchObject({
      class: 'not_done_within_deadline',
      awaitingConfirmation: true,
    });
  });

  it('defaults asOf to the Vietnam day of knownAt, and knownAt to now', async () => {
    // 18:00 UTC on 02/06 is 01:00 on 03/06 in Hà Nội.
    const late = await taskAsOf(log.store, 'a1', { knownAt: '2024-06-02T18:00:00Z' });
    expect(late).toMatchObject({ asOf: '2024-06-03', knownAt: '2024-06-02T18:00:00.000Z' });
    expect(late!.classification!.class).toBe('not_done_overdue');
    const today = await taskAsOf(log.store, 'a1', { now: new Date(NOW) });
    expect(today).toMatchObject({ asOf: '2024-07-01', knownAt: NOW });
    // A confirmed task stays counted (as done) at every later cut-off.
    expect(today!.classification).toMatchObject({ class: 'done_on_time' });
  });

  it('a task known at K but assigned after asOf is there, not yet assigned', async () => {
    const before = await taskAsOf(log.store, 'a1', { asOf: '2024-04-01', knownAt: K1 });
    expect(before).toMatchObject({
      state: { status: 'not_assigned' },
      timeline: null,
      classification: null,
      history: [],
      laterBackdated: { count: 0 },
      position: 3,
    });
  });

  it('answers null for a task nobody had entered yet at K, or that does not exist', async () => {
    expect(await taskAsOf(log.store, 'a1', { knownAt: at('2024-04-05', '08:59') })).toBeNull();
    expect(await taskAsOf(log.store, 'no-such-task', { now: new Date(NOW) })).toBeNull();
  });
});
