import {
  authorizeTaskCommand,
  authorizeTaskFacts,
  type AgencyRegister,
} from '../access/task-command-access';
import { checkBusinessDate } from '../shared/calendar-date';
import { isRecord, parseActor } from '../shared/command';
import type { Decider } from '../shared/decider';
import { isDomainError, type Decision } from '../shared/domain-error';
import { STREAMS } from '../streams';
import { taskCommandFacts } from './task-command-facts';
import { isTaskCommandType, type TaskCommand } from './task.commands';
import { decideTask } from './task.decide';
import { taskErrors } from './task.errors';
import { isTaskEvent, type TaskEvent } from './task.events';
import { evolveTask } from './task.evolve';
import { parseTaskCommand } from './task.parse';
import { taskPreconditions } from './task.preconditions';
import { initialTaskState, isTaskAssigned, type TaskState } from './task.state';

/**
 * The Task aggregate as the API, the CLI and imports run it: a command on a task that exists
 * (or the assignment that creates it), sent by someone the permission table lets send it, then
 * the task's own rules (decideTask).
 */
export const taskDecider: Decider<TaskCommand, TaskState, TaskEvent, AgencyRegister> = {
  initialState: initialTaskState,
  decide: (command, state, register) => {
    if (command.type !== 'AssignTask' && !isTaskAssigned(state)) return taskErrors.taskNotFound();
    const task = isTaskAssigned(state) && command.type !== 'AssignTask' ? state : null;
    return authorizeTaskCommand(command, task, register) ?? decideTask(command, state);
  },
  evolve: evolveTask,
  isEvent: isTaskEvent,
  stream: STREAMS.task,
};

/**
 * A task command as it arrives (HTTP, the CLI, an import), decided: what the task's existence,
 * the permission table and the task's state say comes before what is wrong in the form, since
 * correcting the form would not lift them (a clerk who may not act, or a task already closed,
 * is told so whatever was typed). Then parseTaskCommand, then taskDecider.decide.
 */
export function decideTaskInput(
  input: unknown,
  state: TaskState,
  register: AgencyRegister,
): Decision<TaskEvent> {
  const command = parseTaskCommand(input);
  if (!isDomainError(command)) return taskDecider.decide(command, state, register);
  if (!isRecord(input) || !isTaskCommandType(input.type)) return command;
  const { type } = input;
  if (type !== 'AssignTask' && !isTaskAssigned(state)) return taskErrors.taskNotFound();
  const meta = isRecord(input.meta) ? input.meta : {};
  const facts = taskCommandFacts(input.data);
  const actor = parseActor(meta.actor);
  const task = type !== 'AssignTask' && isTaskAssigned(state) ? state : null;
  const refusal = actor && authorizeTaskFacts(type, facts, actor, task, register);
  if (refusal) return refusal;
  const on =
    typeof meta.receivedAt === 'string'
      ? checkBusinessDate(meta.occurredOn, meta.receivedAt)
      : null;
  if (on === null || isDomainError(on)) return command;
  return taskPreconditions(type, state, on, facts) ?? command;
}
