import type { CalendarDate } from '../shared/calendar-date';
import type { DomainError } from '../shared/domain-error';
import type { TaskCommandFacts } from './task-command-facts';
import type { TaskCommandType } from './task.commands';
import { taskErrors as errors } from './task.errors';
import { findRequest, type AssignedTaskState, type TaskState } from './task.state';

/**
 * What the task's state alone says of a command of this type dated `on`, before anything the
 * clerk typed is looked at: a task that is closed, not received or awaiting confirmation refuses
 * whatever the form holds, and correcting the form would not help. Null when the state allows it.
 */
export function taskPreconditions(
  type: TaskCommandType,
  state: TaskState,
  on: CalendarDate,
  facts: TaskCommandFacts = {},
): DomainError | null {
  if (type === 'AssignTask') {
    return state.status === 'not_assigned' ? null : errors.taskAlreadyAssigned(state.id);
  }
  if (state.status === 'not_assigned') return errors.taskNotFound();
  if (state.status === 'cancelled' || state.status === 'withdrawn') {
    return errors.taskClosed(state.status, state.closedOn);
  }
  if (state.status === 'completed') {
    return errors.taskAlreadyCompleted(state.completion?.confirmedOn ?? null);
  }
  if (on < state.assignedOn) return errors.dateBeforeAssignment('occurredOn', on, state.assignedOn);
  return OF_TYPE[type]?.(state, on, facts) ?? null;
}

type Check = (
  state: AssignedTaskState,
  on: CalendarDate,
  facts: TaskCommandFacts,
) => DomainError | null;

const OF_TYPE: Partial<Record<TaskCommandType, Check>> = {
  ReceiveTask: (state) => {
    switch (state.status) {
      case 'assigned':
        return null;
      case 'refused':
        return errors.taskRefused();
      case 'on_hold':
        return errors.taskOnHold();
      default:
        return errors.taskAlreadyReceived(state.status);
    }
  },
  RefuseTask: (state) => {
    if (state.status === 'refused') return errors.taskRefused();
    if (state.status === 'on_hold') return errors.taskOnHold();
    // Refusing is saying "not ours": too late once the lead agency has reported any work.
    const untouched =
      state.status === 'assigned' || (state.status === 'in_progress' && state.progress === null);
    return untouched ? null : errors.progressAlreadyReported();
  },
  ReportTaskProgress: (state, _on, { agency }) => {
    if (agency === undefined) return null;
    if (agency === state.leadAgency) return leadAtWork(state);
    if (!state.supportAgencies.includes(agency)) return errors.agencyNotInvolved(agency);
    // Supporting agencies report their part whenever the task is open; the lead only once received.
    return state.status === 'on_hold' ? errors.taskOnHold() : null;
  },
  ApproveDeadlineChange: (state, on, { requestId }) => requestToDecide(state, on, requestId),
  RejectDeadlineChange: (state, on, { requestId }) => requestToDecide(state, on, requestId),
  ReassignTask: (state) => {
    if (state.status === 'awaiting_confirmation') return errors.completionAlreadyReported();
    // The pending request came from the current lead; it must be settled before the lead changes.
    return state.pendingRequestId === null ? null : errors.requestPending(state.pendingRequestId);
  },
  RequestDeadlineChange: (state, on) => {
    const blocked = leadAtWork(state);
    if (blocked) return blocked;
    if (state.pendingRequestId !== null) return errors.requestPending(state.pendingRequestId);
    if (state.deadline !== null && on > state.deadline) {
      return errors.deadlineAlreadyPassed(state.deadline, on);
    }
    return null;
  },
  ReportCompletion: (state) => leadAtWork(state),
  ConfirmCompletion: (state, on) =>
    notAwaiting(state, errors.nothingToConfirm) ??
    // Settle the deadline in force first: onTime depends on it and is fixed by the confirmation.
    (state.pendingRequestId === null ? null : errors.requestPending(state.pendingRequestId)) ??
    beforeReport(state, on),
  ReturnCompletion: (state, on) =>
    notAwaiting(state, errors.nothingToReturn) ?? beforeReport(state, on),
  PutTaskOnHold: (state) => {
    if (state.status === 'on_hold') return errors.taskOnHold();
    // The office decides on the report first; a hold must not freeze a report in between.
    return state.status === 'awaiting_confirmation' ? errors.completionAlreadyReported() : null;
  },
  ResumeTask: (state) =>
    state.status === 'on_hold' && state.statusBeforeHold !== null
      ? null
      : errors.taskNotOnHold(state.status),
};

/** The office decides on a completion report only while one awaits its decision. */
const notAwaiting = (
  state: AssignedTaskState,
  nothingToDecide: (status: AssignedTaskState['status']) => DomainError,
): DomainError | null =>
  state.status === 'awaiting_confirmation' && state.completion !== null
    ? null
    : nothingToDecide(state.status);

/** ... and on or after the day it was reported. */
const beforeReport = (state: AssignedTaskState, on: CalendarDate): DomainError | null => {
  const reportedOn = state.completion?.reportedOn;
  return reportedOn !== undefined && on < reportedOn
    ? errors.dateBeforeCompletionReport(on, reportedOn)
    : null;
};

/** A request can be decided once, while pending, on or after the day it was made. */
function requestToDecide(
  state: AssignedTaskState,
  on: CalendarDate,
  requestId: string | undefined,
): DomainError | null {
  if (requestId === undefined) return null;
  const request = findRequest(state, requestId);
  if (!request) return errors.requestNotFound(requestId);
  if (request.status !== 'pending') {
    return errors.requestAlreadyDecided(requestId, request.status, request.decidedOn);
  }
  return on < request.requestedOn ? errors.dateBeforeRequest(on, request.requestedOn) : null;
}

/** The lead agency can act on its work only once it has received the task and while it runs. */
function leadAtWork(state: AssignedTaskState): DomainError | null {
  switch (state.status) {
    case 'in_progress':
    case 'returned':
      return null;
    case 'on_hold':
      return errors.taskOnHold();
    case 'awaiting_confirmation':
      return errors.completionAlreadyReported();
    default:
      return errors.taskNotReceived(state.status);
  }
}
