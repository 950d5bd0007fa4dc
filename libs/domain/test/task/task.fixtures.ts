import type { Actor } from '../../src/shared/actor';
import type { CommandInput } from '../../src/shared/command';
import { isDomainError, type Decision, type DomainError } from '../../src/shared/domain-error';
import {
  decideTask,
  evolveTask,
  initialTaskState,
  parseTaskCommand,
  type AssignTaskData,
  type AssignedTaskState,
  type TaskCommand,
  type TaskCommandType,
  type TaskEvent,
  type TaskState,
} from '../../src/task';

/** 10:00 in Hà Nội on 30/06/2024: every test runs as if "today" were that day. */
export const RECEIVED_AT = '2024-06-30T03:00:00Z';
const TODAY = '2024-06-30';
export const ASSIGNED_ON = '2024-01-19';

const actor: Actor = { userId: 'u-tracker', roles: ['tracker'], agency: 'VP-UBND' };

/** Fields as a clerk sends them: any value, until parseTaskCommand has checked it. */
export type Input<D> = { readonly [K in keyof D]?: unknown };

export const assignData: Input<AssignTaskData> = {
  taskId: 'task-1',
  directiveId: 'directive-24-ctr-ubnd-2024',
  directiveReference: '24/CTr-UBND',
  assigningAgency: 'UBND-TINH',
  title: 'Xây dựng Kế hoạch chuyển đổi IPv6 trên địa bàn tỉnh',
  leadAgency: 'STTTT',
  supportAgencies: ['SKHDT', 'STC'],
  deadline: '2024-03-31',
  keyTask: true,
  workProgrammeItem: true,
  leaderInCharge: 'Phó Chủ tịch UBND tỉnh',
};

type DataOf<T extends TaskCommandType> = Extract<TaskCommand, { type: T }>['data'];

/** A task command as it arrives from outside. */
export type TaskCommandInput = CommandInput<TaskCommandType>;

export function command<T extends TaskCommandType>(
  type: T,
  data: Input<DataOf<T>>,
  occurredOn = TODAY,
  receivedAt = RECEIVED_AT,
): CommandInput<T> {
  return { type, data, meta: { actor, occurredOn, receivedAt } };
}

/** What the API does with a command: parse it, then decide it on the task. */
export function decide(input: TaskCommandInput, state: TaskState): Decision<TaskEvent> {
  const parsed = parseTaskCommand(input);
  return isDomainError(parsed) ? parsed : decideTask(parsed, state);
}

/** Decides and applies each command in turn; a refusal fails the test with its code. */
export function run(state: TaskState, ...commands: TaskCommandInput[]): AssignedTaskState {
  let current = state;
  for (const cmd of commands) current = apply(current, expectOk(decide(cmd, current)));
  if (current.status === 'not_assigned') throw new Error('the task was not assigned');
  return current;
}

const apply = (state: TaskState, events: readonly TaskEvent[]): TaskState =>
  events.reduce(evolveTask, state);

export function expectOk(decision: Decision<TaskEvent>): TaskEvent[] {
  if (isDomainError(decision)) throw new Error(`refused: ${decision.code}: ${decision.message}`);
  return decision;
}

export function expectRefused(decision: Decision<TaskEvent>, code: string): DomainError {
  if (!isDomainError(decision)) {
    throw new Error(`expected ${code}, got events ${decision.map((e) => e.type).join(', ')}`);
  }
  expect(decision.code).toBe(code);
  expect(decision.message).not.toBe('');
  expect(decision.messageVi).not.toBe('');
  return decision;
}

// --- tasks at the usual points of their life ---

export const assign = (data: Input<AssignTaskData> = {}, on = ASSIGNED_ON) =>
  command('AssignTask', { ...assignData, ...data }, on);

export const assignedTask = (data: Input<AssignTaskData> = {}): AssignedTaskState =>
  run(initialTaskState, assign(data));

export const receivedTask = (data: Input<AssignTaskData> = {}): AssignedTaskState =>
  run(assignedTask(data), command('ReceiveTask', {}, '2024-01-22'));

export const awaitingTask = (completedOn = '2024-03-18'): AssignedTaskState =>
  run(
    receivedTask(),
    command('ReportCompletion', { completedOn, resultDocument: '32/KH-UBND' }, '2024-03-20'),
  );

export const completedTask = (): AssignedTaskState =>
  run(awaitingTask(), command('ConfirmCompletion', {}, '2024-03-25'));

export const cancelledTask = (): AssignedTaskState =>
  run(receivedTask(), command('CancelTask', { reason: 'Không còn phù hợp' }, '2024-02-01'));

export const withdrawnTask = (): AssignedTaskState =>
  run(
    receivedTask(),
    command(
      'RequestDeadlineChange',
      { requestId: 'r-w', kind: 'withdrawal', reason: 'Trùng nhiệm vụ khác' },
      '2024-02-01',
    ),
    command('ApproveDeadlineChange', { requestId: 'r-w' }, '2024-02-05'),
  );

export const onHoldTask = (from: AssignedTaskState = receivedTask()): AssignedTaskState =>
  run(from, command('PutTaskOnHold', { reason: 'Chờ hướng dẫn của Bộ' }, '2024-02-10'));

export const withPendingExtension = (
  from: AssignedTaskState = receivedTask(),
  requestedOn = '2024-03-01',
): AssignedTaskState =>
  run(
    from,
    command(
      'RequestDeadlineChange',
      {
        requestId: 'r-1',
        kind: 'extension',
        proposedDeadline: '2024-04-30',
        reason: 'Chờ ý kiến góp ý của các sở',
      },
      requestedOn,
    ),
  );
