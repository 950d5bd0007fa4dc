import { authorizeTaskFacts, type AgencyRegister } from '../access/task-command-access';
import type { Actor } from '../shared/actor';
import type { CalendarDate } from '../shared/calendar-date';
import type { TaskCommandFacts } from './task-command-facts';
import { TASK_COMMAND_TYPES, type TaskCommandType } from './task.commands';
import { taskPreconditions } from './task.preconditions';
import type { AssignedTaskState } from './task.state';

/** A command that acts on an existing task (assigning makes a new one). */
export type TaskActionCommand = Exclude<TaskCommandType, 'AssignTask'>;

/**
 * The commands `actor` could send to the task on `today` that neither the permission table nor
 * the task's state would refuse: what a screen offers. The same two functions decide every
 * command, so nothing is offered that the server refuses for who or when; only the form's
 * contents (a reason, a date) can still be refused.
 */
export function allowedTaskCommands(
  actor: Actor,
  state: AssignedTaskState,
  register: AgencyRegister,
  today: CalendarDate,
): TaskActionCommand[] {
  return TASK_COMMAND_TYPES.filter((type): type is TaskActionCommand => {
    if (type === 'AssignTask') return false;
    const facts = factsOf(type, actor, state);
    if (facts === null) return false;
    return (
      authorizeTaskFacts(type, facts, actor, state, register) === null &&
      taskPreconditions(type, state, today, facts) === null
    );
  });
}

/** What the command would say of whom it concerns when sent from the task page; null: nothing to send. */
function factsOf(
  type: TaskActionCommand,
  actor: Actor,
  state: AssignedTaskState,
): TaskCommandFacts | null {
  switch (type) {
    case 'ReportTaskProgress':
      // The page reports for the user's own agency (lead or supporting).
      return actor.agency === null ? null : { agency: actor.agency };
    case 'ApproveDeadlineChange':
    case 'RejectDeadlineChange':
      return state.pendingRequestId === null ? null : { requestId: state.pendingRequestId };
    default:
      return {};
  }
}
