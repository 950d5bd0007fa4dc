import {
  evolveTask,
  foldTask,
  initialTaskState,
  isTaskEvent,
  TASK_EVENT_SCHEMA_VERSIONS,
  TASK_EVENT_TYPES,
  type TaskEvent,
} from '../../src/task';
import { assign, assignedTask, command, expectOk, receivedTask, decide } from './task.fixtures';

/** The shape the event store hands back: more fields, loosely typed. */
interface StoredEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly occurredOn: string;
  readonly position: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly recordedAt: string;
  readonly hash: string;
  readonly metadata: Record<string, unknown>;
}

const stored = (event: TaskEvent, streamVersion: number): StoredEvent => ({
  ...event,
  position: 100 + streamVersion,
  streamId: 'task-task-1',
  streamVersion,
  recordedAt: '2024-06-30T03:00:00.000Z',
  hash: 'ab'.repeat(32),
  metadata: { actor: 'u-tracker', agency: 'VP-UBND' },
});

describe('task events', () => {
  it('lists all seventeen event types, at schema version 1 but TaskReassigned (2)', () => {
    expect(TASK_EVENT_TYPES).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskRefused',
      'TaskReassigned',
      'TaskProgressReported',
      'TaskDeadlineChangeRequested',
      'TaskDeadlineChangeApproved',
      'TaskDeadlineChangeRejected',
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
      'TaskCompletionReturned',
      'TaskUrged',
      'TaskReminderIssued',
      'TaskPutOnHold',
      'TaskResumed',
      'TaskCancelled',
      'TaskWithdrawn',
    ]);
    for (const type of TASK_EVENT_TYPES) {
      expect(TASK_EVENT_SCHEMA_VERSIONS[type]).toBe(type === 'TaskReassigned' ? 2 : 1);
    }
  });

  it('recognises stored task events and rejects others', () => {
    const [assigned] = expectOk(decide(assign(), initialTaskState));
    expect(isTaskEvent(stored(assigned, 1))).toBe(true);
    expect(isTaskEvent({ ...stored(assigned, 1), schemaVersion: 2 })).toBe(false);
    expect(isTaskEvent({ ...stored(assigned, 1), type: 'DirectiveIssued' })).toBe(false);
    expect(isTaskEvent({ ...stored(assigned, 1), type: 'toString' })).toBe(false);
  });
});

describe('evolveTask and foldTask', () => {
  it('folds stored events carrying extra fields exactly like domain events', () => {
    const events = [
      ...expectOk(decide(assign(), initialTaskState)),
      ...expectOk(decide(command('ReceiveTask', {}, '2024-01-22'), assignedTask())),
    ];
    const fromStore = events.map(stored).filter(isTaskEvent);
    expect(fromStore).toHaveLength(2);
    expect(foldTask(fromStore)).toEqual(foldTask(events));
    expect(foldTask(fromStore)).toEqual(receivedTask());
  });

  it('accepts a stored event straight into evolveTask once narrowed', () => {
    const [assigned] = expectOk(decide(assign(), initialTaskState));
    const event = stored(assigned, 1);
    if (!isTaskEvent(event)) throw new Error('not a task event');
    expect(evolveTask(initialTaskState, event)).toEqual(assignedTask());
  });

  it('continues a fold from a saved state', () => {
    const [received] = expectOk(decide(command('ReceiveTask', {}, '2024-01-22'), assignedTask()));
    expect(foldTask([received], assignedTask())).toEqual(receivedTask());
  });

  it('leaves the state as is for an event it does not know', () => {
    const unknown = { type: 'TaskArchived', schemaVersion: 1, data: {}, occurredOn: '2024-05-01' };
    const state = receivedTask();
    expect(evolveTask(state, unknown as unknown as TaskEvent)).toBe(state);
  });

  it('ignores anything but TaskAssigned before the task exists', () => {
    const [received] = expectOk(decide(command('ReceiveTask', {}, '2024-01-22'), assignedTask()));
    expect(evolveTask(initialTaskState, received)).toBe(initialTaskState);
  });

  it('does not mutate the state it is given', () => {
    const state = receivedTask();
    const before = JSON.stringify(state);
    const events = expectOk(
      decide(
        command('ReportTaskProgress', { agency: 'STC', percent: 50, note: 'Đã góp ý' }),
        state,
      ),
    );
    foldTask(events, state);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('starts from a task that does not exist', () => {
    expect(foldTask([])).toEqual({ status: 'not_assigned' });
  });
});
