import type { CalendarDate } from '../shared/calendar-date';
import { isDomainError, type Decision, type DomainError } from '../shared/domain-error';
import type {
  ApproveDeadlineChange,
  AssignTask,
  ReassignTask,
  RejectDeadlineChange,
  ReportCompletion,
  ReportTaskProgress,
  RequestDeadlineChange,
  ResumeTask,
  TaskCommand,
} from './task.commands';
import { taskErrors as errors } from './task.errors';
import { TASK_EVENT_SCHEMA_VERSIONS, type TaskEvent, type TaskEventType } from './task.events';
import { taskCommandFacts } from './task-command-facts';
import { taskPreconditions } from './task.preconditions';
import { findRequest, isTaskAssigned, type AssignedTaskState, type TaskState } from './task.state';

type Assigned = AssignedTaskState;
type Day = CalendarDate;

/**
 * Decides what a command does to a task: the events to append, or the rule it breaks. The
 * command comes from parseTaskCommand, so its fields are already well-formed; authorization
 * (which actor may send it) is authorizeTaskCommand's. Here only the task's own rules.
 */
export function decideTask(command: TaskCommand, state: TaskState): Decision<TaskEvent> {
  const on = command.meta.occurredOn;
  const refusal = taskPreconditions(command.type, state, on, taskCommandFacts(command.data));
  if (refusal) return refusal;
  if (command.type === 'AssignTask') return assign(command, on);
  if (!isTaskAssigned(state)) return errors.taskNotFound();

  switch (command.type) {
    case 'ReceiveTask':
      return [event('TaskReceived', on, { agency: state.leadAgency })];
    case 'RefuseTask':
      return [event('TaskRefused', on, { agency: state.leadAgency, reason: command.data.reason })];
    case 'ReassignTask':
      return reassign(command, state, on);
    case 'ReportTaskProgress':
      return reportProgress(command, state, on);
    case 'RequestDeadlineChange':
      return requestDeadlineChange(command, state, on);
    case 'ApproveDeadlineChange':
      return approveDeadlineChange(command, state, on);
    case 'RejectDeadlineChange':
      return rejectDeadlineChange(command, state, on);
    case 'ReportCompletion':
      return reportCompletion(command, state, on);
    case 'ConfirmCompletion':
      return confirmCompletion(state, on);
    case 'ReturnCompletion':
      return [
        event('TaskCompletionReturned', on, {
          reason: command.data.reason,
          completedOn: state.completion!.completedOn,
          resultDocument: state.completion!.resultDocument,
        }),
      ];
    case 'UrgeTask': {
      const { kind, message } = command.data;
      return [event('TaskUrged', on, { kind, message, leadAgency: state.leadAgency })];
    }
    case 'PutTaskOnHold':
      return [
        event('TaskPutOnHold', on, { reason: command.data.reason, statusBeforeHold: state.status }),
      ];
    case 'ResumeTask':
      return resume(command, state, on);
    case 'CancelTask':
      return [
        event('TaskCancelled', on, { reason: command.data.reason, previousStatus: state.status }),
      ];
  }
}

function assign(command: AssignTask, on: Day): Decision<TaskEvent> {
  const d = command.data;
  const supportAgencies = checkSupportAgencies(d.supportAgencies, d.leadAgency);
  if (isDomainError(supportAgencies)) return supportAgencies;
  if (d.deadline !== null && d.deadline < on)
    return errors.deadlineBeforeAssignment(d.deadline, on);
  return [event('TaskAssigned', on, { ...d, supportAgencies, assignedOn: on })];
}

function reassign(command: ReassignTask, state: Assigned, on: Day): Decision<TaskEvent> {
  const { leadAgency, reason } = command.data;
  if (leadAgency === state.leadAgency) return errors.sameLeadAgency(leadAgency);
  const supportAgencies =
    command.data.supportAgencies === undefined
      ? state.supportAgencies.filter((agency) => agency !== leadAgency)
      : checkSupportAgencies(command.data.supportAgencies, leadAgency);
  if (isDomainError(supportAgencies)) return supportAgencies;

  return [
    event('TaskReassigned', on, {
      from: { leadAgency: state.leadAgency, supportAgencies: [...state.supportAgencies] },
      to: { leadAgency, supportAgencies },
      reason,
    }),
  ];
}

function reportProgress(
  command: ReportTaskProgress,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  // Whether the agency may report now was the preconditions'; here only which part it reports.
  const { agency, percent, note, documents } = command.data;
  const role = agency === state.leadAgency ? 'lead' : 'support';

  return [
    event('TaskProgressReported', on, { agency, role, percent, note, documents: [...documents] }),
  ];
}

function requestDeadlineChange(
  command: RequestDeadlineChange,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const { requestId, kind, reason } = command.data;
  if (findRequest(state, requestId)) return errors.requestIdTaken(requestId);
  let proposedDeadline: string | null = null;
  if (kind === 'extension') {
    if (command.data.proposedDeadline === null) return errors.proposedDeadlineRequired();
    // An extension gives more time: a date on or before the deadline in force extends nothing.
    const wanted = command.data.proposedDeadline;
    if (state.deadline !== null && wanted <= state.deadline) {
      return errors.extensionNotAfterDeadline(wanted, state.deadline);
    }
    const proposed = checkNewDeadline(wanted, state);
    if (isDomainError(proposed)) return proposed;
    proposedDeadline = proposed;
  }

  return [
    event('TaskDeadlineChangeRequested', on, {
      requestId,
      kind,
      agency: state.leadAgency,
      currentDeadline: state.deadline,
      proposedDeadline,
      reason,
    }),
  ];
}

function approveDeadlineChange(
  command: ApproveDeadlineChange,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  // Found and pending: the preconditions checked it.
  const { requestId } = command.data;
  const { kind, reason, proposedDeadline } = findRequest(state, requestId)!;

  if (kind === 'withdrawal') {
    return [
      event('TaskDeadlineChangeApproved', on, {
        requestId,
        kind,
        previousDeadline: state.deadline,
        newDeadline: state.deadline,
      }),
      event('TaskWithdrawn', on, { requestId, reason, previousStatus: state.status }),
    ];
  }
  const wanted = command.data.newDeadline ?? proposedDeadline;
  if (wanted === null) return errors.proposedDeadlineRequired();
  const newDeadline = checkNewDeadline(wanted, state);
  if (isDomainError(newDeadline)) return newDeadline;

  return [
    event('TaskDeadlineChangeApproved', on, {
      requestId,
      kind,
      previousDeadline: state.deadline,
      newDeadline,
    }),
  ];
}

function rejectDeadlineChange(
  command: RejectDeadlineChange,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const { requestId, reason } = command.data;
  const { kind } = findRequest(state, requestId)!;
  return [event('TaskDeadlineChangeRejected', on, { requestId, kind, reason })];
}

function reportCompletion(
  command: ReportCompletion,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const { completedOn, resultDocument, note } = command.data;
  if (completedOn < state.assignedOn) {
    return errors.dateBeforeAssignment('completedOn', completedOn, state.assignedOn);
  }
  if (completedOn > on) return errors.completionAfterReportDate(completedOn, on);
  return [
    event('TaskCompletionReported', on, {
      agency: state.leadAgency,
      completedOn,
      resultDocument,
      note,
    }),
  ];
}

function confirmCompletion(state: Assigned, on: Day): Decision<TaskEvent> {
  const completion = state.completion!;
  const deadlineInForce = state.deadline;
  return [
    event('TaskCompletionConfirmed', on, {
      completedOn: completion.completedOn,
      resultDocument: completion.resultDocument,
      deadlineInForce,
      onTime: deadlineInForce === null ? null : completion.completedOn <= deadlineInForce,
    }),
  ];
}

function resume(command: ResumeTask, state: Assigned, on: Day): Decision<TaskEvent> {
  let deadline = state.deadline;
  if (command.data.newDeadline !== null) {
    const checked = checkNewDeadline(command.data.newDeadline, state);
    if (isDomainError(checked)) return checked;
    deadline = checked;
  }
  return [
    event('TaskResumed', on, {
      restoredStatus: state.statusBeforeHold!,
      previousDeadline: state.deadline,
      deadline,
      deadlineChanged: deadline !== state.deadline,
    }),
  ];
}

// --- shared checks ---

/** A deadline that replaces the one in force: a real date, not before assignment, not the same. */
function checkNewDeadline(deadline: string, state: Assigned): string | DomainError {
  if (deadline < state.assignedOn) {
    return errors.deadlineBeforeAssignment(deadline, state.assignedOn);
  }
  if (deadline === state.deadline) return errors.deadlineUnchanged(state.deadline);
  return deadline;
}

/** A supporting agency is listed once and is never the lead as well. */
function checkSupportAgencies(
  agencies: readonly string[],
  leadAgency: string,
): string[] | DomainError {
  const seen = new Set<string>();
  for (const agency of agencies) {
    if (agency === leadAgency) return errors.supportAgencyIsLead(agency);
    if (seen.has(agency)) return errors.supportAgencyDuplicate(agency);
    seen.add(agency);
  }
  return [...agencies];
}

function event<T extends TaskEventType>(
  type: T,
  occurredOn: Day,
  data: Extract<TaskEvent, { type: T }>['data'],
): Extract<TaskEvent, { type: T }> {
  return {
    type,
    schemaVersion: TASK_EVENT_SCHEMA_VERSIONS[type],
    data,
    occurredOn,
  } as unknown as Extract<TaskEvent, { type: T }>;
}
