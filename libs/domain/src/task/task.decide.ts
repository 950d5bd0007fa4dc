import { checkBusinessDate, parseCalendarDate, type CalendarDate } from '../shared/calendar-date';
import { isDomainError, type Decision, type DomainError } from '../shared/domain-error';
import type {
  ApproveDeadlineChange,
  AssignTask,
  CancelTask,
  PutTaskOnHold,
  ReassignTask,
  RefuseTask,
  RejectDeadlineChange,
  ReportCompletion,
  ReportTaskProgress,
  RequestDeadlineChange,
  ResumeTask,
  ReturnCompletion,
  TaskCommand,
  UrgeTask,
} from './task.commands';
import { MAX_TITLE_LENGTH, taskErrors as errors } from './task.errors';
import {
  DEADLINE_CHANGE_KINDS,
  TASK_EVENT_SCHEMA_VERSIONS,
  URGE_KINDS,
  type DeadlineChangeKind,
  type TaskEvent,
  type TaskEventType,
  type UrgeKind,
} from './task.events';
import { findRequest, type AssignedTaskState, type TaskState } from './task.state';

type Assigned = AssignedTaskState;
type Day = CalendarDate;

/**
 * Decides what a command does to a task: the events to append, or the rule it breaks.
 * Authorization (which actor may send it) is checked elsewhere; here only the task's own rules.
 */
export function decideTask(command: TaskCommand, state: TaskState): Decision<TaskEvent> {
  const on = checkBusinessDate(command.meta.occurredOn, command.meta.receivedAt);
  if (isDomainError(on)) return on;
  if (command.type === 'AssignTask') return assign(command, state, on);

  if (state.status === 'not_assigned') return errors.taskNotFound();
  if (state.status === 'cancelled' || state.status === 'withdrawn') {
    return errors.taskClosed(state.status, state.closedOn);
  }
  if (state.status === 'completed') {
    return errors.taskAlreadyCompleted(state.completion?.confirmedOn ?? null);
  }
  if (on < state.assignedOn) return errors.dateBeforeAssignment('occurredOn', on, state.assignedOn);

  switch (command.type) {
    case 'ReceiveTask':
      return receive(state, on);
    case 'RefuseTask':
      return refuse(command, state, on);
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
      return returnCompletion(command, state, on);
    case 'UrgeTask':
      return urge(command, state, on);
    case 'PutTaskOnHold':
      return putOnHold(command, state, on);
    case 'ResumeTask':
      return resume(command, state, on);
    case 'CancelTask':
      return cancel(command, state, on);
    default:
      return errors.unknownCommand((command as { type?: unknown }).type);
  }
}

function assign(command: AssignTask, state: TaskState, on: Day): Decision<TaskEvent> {
  if (state.status !== 'not_assigned') return errors.taskAlreadyAssigned(state.id);
  const d = dataOf(command);

  const taskId = requireId(d.taskId, 'taskId');
  if (isDomainError(taskId)) return taskId;
  const directiveId = requireId(d.directiveId, 'directiveId');
  if (isDomainError(directiveId)) return directiveId;
  const directiveReference = requireId(d.directiveReference, 'directiveReference');
  if (isDomainError(directiveReference)) return directiveReference;
  const assigningAgency = requireId(d.assigningAgency, 'assigningAgency');
  if (isDomainError(assigningAgency)) return assigningAgency;

  const title = trimmed(d.title);
  if (title === null) return errors.titleRequired();
  if (title.length > MAX_TITLE_LENGTH) return errors.titleTooLong(title.length);

  const leadAgency = requireId(d.leadAgency, 'leadAgency');
  if (isDomainError(leadAgency)) return leadAgency;
  const supportAgencies = checkSupportAgencies(d.supportAgencies, leadAgency);
  if (isDomainError(supportAgencies)) return supportAgencies;

  const deadline = d.deadline === null ? null : parseCalendarDate(d.deadline);
  if (isDomainError(deadline)) return deadline;
  if (deadline !== null && deadline < on) return errors.deadlineBeforeAssignment(deadline, on);

  if (typeof d.keyTask !== 'boolean') return booleanRequired('keyTask');
  if (d.workProgrammeItem !== undefined && typeof d.workProgrammeItem !== 'boolean') {
    return booleanRequired('workProgrammeItem');
  }
  if (d.leaderInCharge !== null && typeof d.leaderInCharge !== 'string') {
    return errors.invalidField(
      'leaderInCharge',
      'text or null',
      'phải là chuỗi ký tự hoặc để trống',
    );
  }

  return [
    event('TaskAssigned', on, {
      taskId,
      directiveId,
      directiveReference,
      assigningAgency,
      title,
      leadAgency,
      supportAgencies,
      deadline,
      keyTask: d.keyTask,
      workProgrammeItem: d.workProgrammeItem ?? false,
      leaderInCharge: trimmed(d.leaderInCharge),
      assignedOn: on,
    }),
  ];
}

function receive(state: Assigned, on: Day): Decision<TaskEvent> {
  switch (state.status) {
    case 'assigned':
      return [event('TaskReceived', on, { agency: state.leadAgency })];
    case 'refused':
      return errors.taskRefused();
    case 'on_hold':
      return errors.taskOnHold();
    default:
      return errors.taskAlreadyReceived(state.status);
  }
}

function refuse(command: RefuseTask, state: Assigned, on: Day): Decision<TaskEvent> {
  if (state.status === 'refused') return errors.taskRefused();
  if (state.status === 'on_hold') return errors.taskOnHold();
  // Refusing is saying "not ours": too late once the lead agency has reported any work.
  const untouched =
    state.status === 'assigned' || (state.status === 'in_progress' && state.progress === null);
  if (!untouched) return errors.progressAlreadyReported();

  const reason = trimmed(dataOf(command).reason);
  if (reason === null) return errors.reasonRequired();
  return [event('TaskRefused', on, { agency: state.leadAgency, reason })];
}

function reassign(command: ReassignTask, state: Assigned, on: Day): Decision<TaskEvent> {
  if (state.status === 'awaiting_confirmation') return errors.completionAlreadyReported();
  // The pending request came from the current lead; it must be settled before the lead changes.
  if (state.pendingRequestId !== null) return errors.requestPending(state.pendingRequestId);
  const d = dataOf(command);

  const leadAgency = requireId(d.leadAgency, 'leadAgency');
  if (isDomainError(leadAgency)) return leadAgency;
  if (leadAgency === state.leadAgency) return errors.sameLeadAgency(leadAgency);
  const supportAgencies =
    d.supportAgencies === undefined
      ? state.supportAgencies.filter((agency) => agency !== leadAgency)
      : checkSupportAgencies(d.supportAgencies, leadAgency);
  if (isDomainError(supportAgencies)) return supportAgencies;
  const reason = trimmed(d.reason);
  if (reason === null) return errors.reasonRequired();

  return [
    event('TaskReassigned', on, {
      previousLeadAgency: state.leadAgency,
      leadAgency,
      previousSupportAgencies: [...state.supportAgencies],
      supportAgencies,
      reason,
    }),
  ];
}

function reportProgress(
  command: ReportTaskProgress,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const d = dataOf(command);
  const agency = requireId(d.agency, 'agency');
  if (isDomainError(agency)) return agency;

  const role = agency === state.leadAgency ? 'lead' : 'support';
  if (role === 'support' && !state.supportAgencies.includes(agency)) {
    return errors.agencyNotInvolved(agency);
  }
  // Supporting agencies report their part whenever the task is open; the lead only once received.
  const blocked =
    role === 'lead' ? leadAtWork(state) : state.status === 'on_hold' ? errors.taskOnHold() : null;
  if (blocked) return blocked;

  const percent = d.percent;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
    return errors.invalidProgress(percent);
  }
  const note = trimmed(d.note);
  if (note === null) return errors.noteRequired();
  const documents = checkIdList(d.documents ?? [], 'documents');
  if (isDomainError(documents)) return documents;

  return [event('TaskProgressReported', on, { agency, role, percent, note, documents })];
}

function requestDeadlineChange(
  command: RequestDeadlineChange,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const blocked = leadAtWork(state);
  if (blocked) return blocked;
  if (state.pendingRequestId !== null) return errors.requestPending(state.pendingRequestId);
  if (state.deadline !== null && on > state.deadline) {
    return errors.deadlineAlreadyPassed(state.deadline, on);
  }
  const d = dataOf(command);

  const requestId = requireId(d.requestId, 'requestId');
  if (isDomainError(requestId)) return requestId;
  if (findRequest(state, requestId)) return errors.requestIdTaken(requestId);
  if (!(DEADLINE_CHANGE_KINDS as readonly unknown[]).includes(d.kind)) {
    return errors.invalidField(
      'kind',
      'extension or withdrawal',
      'phải là gia hạn hoặc rút nhiệm vụ',
    );
  }

  const kind = d.kind as DeadlineChangeKind;

  let proposedDeadline: Day | null = null;
  if (kind === 'extension') {
    if (d.proposedDeadline === undefined || d.proposedDeadline === null) {
      return errors.proposedDeadlineRequired();
    }
    const proposed = checkNewDeadline(d.proposedDeadline, state);
    if (isDomainError(proposed)) return proposed;
    proposedDeadline = proposed;
  }
  const reason = trimmed(d.reason);
  if (reason === null) return errors.reasonRequired();

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
  const d = dataOf(command);
  const request = pendingRequest(d.requestId, state, on);
  if (isDomainError(request)) return request;
  const { requestId, kind, reason, proposedDeadline } = request;

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
  const wanted =
    d.newDeadline === undefined || d.newDeadline === null ? proposedDeadline : d.newDeadline;
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
  const d = dataOf(command);
  const request = pendingRequest(d.requestId, state, on);
  if (isDomainError(request)) return request;
  const reason = trimmed(d.reason);
  if (reason === null) return errors.reasonRequired();
  return [
    event('TaskDeadlineChangeRejected', on, {
      requestId: request.requestId,
      kind: request.kind,
      reason,
    }),
  ];
}

function reportCompletion(
  command: ReportCompletion,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const blocked = leadAtWork(state);
  if (blocked) return blocked;
  const d = dataOf(command);

  const completedOn = checkBusinessDate(d.completedOn, command.meta.receivedAt);
  if (isDomainError(completedOn)) return completedOn;
  if (completedOn < state.assignedOn) {
    return errors.dateBeforeAssignment('completedOn', completedOn, state.assignedOn);
  }
  if (completedOn > on) return errors.completionAfterReportDate(completedOn, on);
  const resultDocument = trimmed(d.resultDocument);
  if (resultDocument === null) return errors.resultDocumentRequired();

  return [
    event('TaskCompletionReported', on, {
      agency: state.leadAgency,
      completedOn,
      resultDocument,
      note: trimmed(d.note),
    }),
  ];
}

function confirmCompletion(state: Assigned, on: Day): Decision<TaskEvent> {
  const completion = state.completion;
  if (state.status !== 'awaiting_confirmation' || completion === null) {
    return errors.nothingToConfirm(state.status);
  }
  // Settle the deadline in force first: onTime depends on it and is fixed by this event.
  if (state.pendingRequestId !== null) return errors.requestPending(state.pendingRequestId);
  if (on < completion.reportedOn) {
    return errors.dateBeforeCompletionReport(on, completion.reportedOn);
  }

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

function returnCompletion(
  command: ReturnCompletion,
  state: Assigned,
  on: Day,
): Decision<TaskEvent> {
  const completion = state.completion;
  if (state.status !== 'awaiting_confirmation' || completion === null) {
    return errors.nothingToReturn(state.status);
  }
  if (on < completion.reportedOn) {
    return errors.dateBeforeCompletionReport(on, completion.reportedOn);
  }
  const reason = trimmed(dataOf(command).reason);
  if (reason === null) return errors.reasonRequired();

  return [
    event('TaskCompletionReturned', on, {
      reason,
      completedOn: completion.completedOn,
      resultDocument: completion.resultDocument,
    }),
  ];
}

function urge(command: UrgeTask, state: Assigned, on: Day): Decision<TaskEvent> {
  const d = dataOf(command);
  if (!(URGE_KINDS as readonly unknown[]).includes(d.kind)) {
    return errors.invalidField(
      'kind',
      'before_deadline, overdue or no_report',
      'phải là nhắc trước hạn, quá hạn hoặc chưa báo cáo',
    );
  }
  const kind = d.kind as UrgeKind;
  return [
    event('TaskUrged', on, { kind, message: trimmed(d.message), leadAgency: state.leadAgency }),
  ];
}

function putOnHold(command: PutTaskOnHold, state: Assigned, on: Day): Decision<TaskEvent> {
  if (state.status === 'on_hold') return errors.taskOnHold();
  // The office decides on the report first; a hold must not freeze a report in between.
  if (state.status === 'awaiting_confirmation') return errors.completionAlreadyReported();
  const reason = trimmed(dataOf(command).reason);
  if (reason === null) return errors.reasonRequired();
  return [event('TaskPutOnHold', on, { reason, statusBeforeHold: state.status })];
}

function resume(command: ResumeTask, state: Assigned, on: Day): Decision<TaskEvent> {
  if (state.status !== 'on_hold' || state.statusBeforeHold === null) {
    return errors.taskNotOnHold(state.status);
  }
  const d = dataOf(command);
  let deadline = state.deadline;
  if (d.newDeadline !== undefined && d.newDeadline !== null) {
    const checked = checkNewDeadline(d.newDeadline, state);
    if (isDomainError(checked)) return checked;
    deadline = checked;
  }
  return [
    event('TaskResumed', on, {
      restoredStatus: state.statusBeforeHold,
      previousDeadline: state.deadline,
      deadline,
      deadlineChanged: deadline !== state.deadline,
    }),
  ];
}

function cancel(command: CancelTask, state: Assigned, on: Day): Decision<TaskEvent> {
  const reason = trimmed(dataOf(command).reason);
  if (reason === null) return errors.reasonRequired();
  return [event('TaskCancelled', on, { reason, previousStatus: state.status })];
}

// --- shared checks ---

/** The lead agency can act on its work only once it has received the task and while it runs. */
function leadAtWork(state: Assigned): DomainError | null {
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

interface PendingRequest {
  readonly requestId: string;
  readonly kind: DeadlineChangeKind;
  readonly reason: string;
  readonly proposedDeadline: string | null;
}

function pendingRequest(value: unknown, state: Assigned, on: Day): PendingRequest | DomainError {
  const requestId = requireId(value, 'requestId');
  if (isDomainError(requestId)) return requestId;
  const request = findRequest(state, requestId);
  if (!request) return errors.requestNotFound(requestId);
  if (request.status !== 'pending') {
    return errors.requestAlreadyDecided(requestId, request.status, request.decidedOn);
  }
  if (on < request.requestedOn) return errors.dateBeforeRequest(on, request.requestedOn);
  return { requestId, ...request };
}

/** A deadline that replaces the one in force: a real date, not before assignment, not the same. */
function checkNewDeadline(value: unknown, state: Assigned): Day | DomainError {
  const deadline = parseCalendarDate(value);
  if (isDomainError(deadline)) return deadline;
  if (deadline < state.assignedOn) {
    return errors.deadlineBeforeAssignment(deadline, state.assignedOn);
  }
  if (deadline === state.deadline) return errors.deadlineUnchanged(state.deadline);
  return deadline;
}

function checkSupportAgencies(value: unknown, leadAgency: string): string[] | DomainError {
  const agencies = checkIdList(value, 'supportAgencies');
  if (isDomainError(agencies)) return agencies;
  const seen = new Set<string>();
  for (const agency of agencies) {
    if (agency === leadAgency) return errors.supportAgencyIsLead(agency);
    if (seen.has(agency)) return errors.supportAgencyDuplicate(agency);
    seen.add(agency);
  }
  return agencies;
}

function checkIdList(value: unknown, field: string): string[] | DomainError {
  if (!Array.isArray(value) || !value.every((item) => trimmed(item) !== null)) {
    return errors.invalidField(
      field,
      'a list of non-empty texts',
      'phải là danh sách các giá trị không rỗng',
    );
  }
  return [...(value as string[])];
}

/** Identifiers are kept exactly as given (they match other systems); only emptiness is refused. */
function requireId(value: unknown, field: string): string | DomainError {
  if (trimmed(value) !== null) return value as string;
  return errors.invalidField(field, 'a non-empty text is required', 'bắt buộc phải nhập');
}

/** Free text is stored trimmed; blank counts as absent. */
function trimmed(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

function booleanRequired(field: string): DomainError {
  return errors.invalidField(field, 'true or false', 'phải là có hoặc không');
}

/** Commands arrive from outside; a missing data object reads as an empty one. */
function dataOf<C extends TaskCommand>(command: C): Partial<C['data']> {
  return (command.data ?? {}) as Partial<C['data']>;
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
