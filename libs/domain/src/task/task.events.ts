import type { TaskReminderIssuedData } from './task-reminder';
import { eventGuard, type DomainEvent } from '../shared/domain-event';
import type { TaskStatus } from './task.state';

/**
 * Events of the Task aggregate. Dates are `YYYY-MM-DD` strings (Vietnam calendar days) rather
 * than the branded CalendarDate, because events come back from the store as plain JSON.
 */

export const DEADLINE_CHANGE_KINDS = ['extension', 'withdrawal'] as const;
/** `extension`: điều chỉnh / gia hạn thời hạn; `withdrawal`: rút nhiệm vụ. */
export type DeadlineChangeKind = (typeof DEADLINE_CHANGE_KINDS)[number];

export const URGE_KINDS = ['before_deadline', 'overdue', 'no_report'] as const;
export type UrgeKind = (typeof URGE_KINDS)[number];

type TaskEventOf<T extends string, D, V extends number = 1> = DomainEvent<T, D> & {
  readonly schemaVersion: V;
};

export interface TaskAssignedData {
  readonly taskId: string;
  readonly directiveId: string;
  /** Number and symbol of the source document, e.g. `24/CTr-UBND`. */
  readonly directiveReference: string;
  /** The body that assigned the task: its leadership and tracking office decide on it. */
  readonly assigningAgency: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
  /** null: không thời hạn / thường xuyên. */
  readonly deadline: string | null;
  readonly keyTask: boolean;
  readonly workProgrammeItem: boolean;
  readonly leaderInCharge: string | null;
  readonly assignedOn: string;
}

interface TaskReceivedData {
  readonly agency: string;
}

interface TaskRefusedData {
  readonly agency: string;
  readonly reason: string;
}

/** Who carries a task: its lead agency and its supporting agencies. */
export interface TaskAgencies {
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
}

/**
 * Version 2: a reassignment moves the task from one pair (lead, supporters) to another, and says
 * so with the same shape on both sides. Version 1 had the four fields side by side
 * (`previousLeadAgency`, `leadAgency`, `previousSupportAgencies`, `supportAgencies`); it is
 * upcast on read (task.upcasters.ts) and never rewritten.
 */
export interface TaskReassignedData {
  readonly from: TaskAgencies;
  readonly to: TaskAgencies;
  readonly reason: string;
}

/** The shape of TaskReassigned at schema version 1, as older logs hold it. */
export interface TaskReassignedDataV1 {
  readonly previousLeadAgency: string;
  readonly leadAgency: string;
  readonly previousSupportAgencies: readonly string[];
  readonly supportAgencies: readonly string[];
  readonly reason: string;
}

interface TaskProgressReportedData {
  readonly agency: string;
  /** Whether the agency reported as lead (its percent is the task's progress) or supporter. */
  readonly role: 'lead' | 'support';
  readonly percent: number;
  readonly note: string;
  readonly documents: readonly string[];
}

interface TaskDeadlineChangeRequestedData {
  readonly requestId: string;
  readonly kind: DeadlineChangeKind;
  readonly agency: string;
  readonly currentDeadline: string | null;
  /** null for a withdrawal. */
  readonly proposedDeadline: string | null;
  readonly reason: string;
}

interface TaskDeadlineChangeApprovedData {
  readonly requestId: string;
  readonly kind: DeadlineChangeKind;
  readonly previousDeadline: string | null;
  /** The deadline in force after approval; equals previousDeadline for a withdrawal. */
  readonly newDeadline: string | null;
}

interface TaskDeadlineChangeRejectedData {
  readonly requestId: string;
  readonly kind: DeadlineChangeKind;
  readonly reason: string;
}

interface TaskCompletionReportedData {
  readonly agency: string;
  /** The day the work was done (may be earlier than the report itself). */
  readonly completedOn: string;
  readonly resultDocument: string;
  readonly note: string | null;
}

interface TaskCompletionConfirmedData {
  readonly completedOn: string;
  readonly resultDocument: string;
  readonly deadlineInForce: string | null;
  /** completedOn ≤ deadlineInForce; null when the task has no deadline. */
  readonly onTime: boolean | null;
}

interface TaskCompletionReturnedData {
  readonly reason: string;
  readonly completedOn: string;
  readonly resultDocument: string;
}

interface TaskUrgedData {
  readonly kind: UrgeKind;
  readonly message: string | null;
  readonly leadAgency: string;
}

interface TaskPutOnHoldData {
  readonly reason: string;
  readonly statusBeforeHold: TaskStatus;
}

interface TaskResumedData {
  readonly restoredStatus: TaskStatus;
  readonly previousDeadline: string | null;
  /** The deadline in force after resuming. */
  readonly deadline: string | null;
  readonly deadlineChanged: boolean;
}

interface TaskCancelledData {
  readonly reason: string;
  readonly previousStatus: TaskStatus;
}

interface TaskWithdrawnData {
  readonly requestId: string;
  readonly reason: string;
  readonly previousStatus: TaskStatus;
}

export type TaskAssigned = TaskEventOf<'TaskAssigned', TaskAssignedData>;
export type TaskReceived = TaskEventOf<'TaskReceived', TaskReceivedData>;
export type TaskRefused = TaskEventOf<'TaskRefused', TaskRefusedData>;
export type TaskReassigned = TaskEventOf<'TaskReassigned', TaskReassignedData, 2>;
export type TaskProgressReported = TaskEventOf<'TaskProgressReported', TaskProgressReportedData>;
export type TaskDeadlineChangeRequested = TaskEventOf<
  'TaskDeadlineChangeRequested',
  TaskDeadlineChangeRequestedData
>;
export type TaskDeadlineChangeApproved = TaskEventOf<
  'TaskDeadlineChangeApproved',
  TaskDeadlineChangeApprovedData
>;
export type TaskDeadlineChangeRejected = TaskEventOf<
  'TaskDeadlineChangeRejected',
  TaskDeadlineChangeRejectedData
>;
export type TaskCompletionReported = TaskEventOf<
  'TaskCompletionReported',
  TaskCompletionReportedData
>;
export type TaskCompletionConfirmed = TaskEventOf<
  'TaskCompletionConfirmed',
  TaskCompletionConfirmedData
>;
export type TaskCompletionReturned = TaskEventOf<
  'TaskCompletionReturned',
  TaskCompletionReturnedData
>;
export type TaskUrged = TaskEventOf<'TaskUrged', TaskUrgedData>;
export type TaskReminderIssued = TaskEventOf<'TaskReminderIssued', TaskReminderIssuedData>;
export type TaskPutOnHold = TaskEventOf<'TaskPutOnHold', TaskPutOnHoldData>;
export type TaskResumed = TaskEventOf<'TaskResumed', TaskResumedData>;
export type TaskCancelled = TaskEventOf<'TaskCancelled', TaskCancelledData>;
export type TaskWithdrawn = TaskEventOf<'TaskWithdrawn', TaskWithdrawnData>;

export type TaskEvent =
  | TaskAssigned
  | TaskReceived
  | TaskRefused
  | TaskReassigned
  | TaskProgressReported
  | TaskDeadlineChangeRequested
  | TaskDeadlineChangeApproved
  | TaskDeadlineChangeRejected
  | TaskCompletionReported
  | TaskCompletionConfirmed
  | TaskCompletionReturned
  | TaskUrged
  | TaskReminderIssued
  | TaskPutOnHold
  | TaskResumed
  | TaskCancelled
  | TaskWithdrawn;

export type TaskEventType = TaskEvent['type'];

/** Current schema version of each event type; the Record type makes the list exhaustive. */
export const TASK_EVENT_SCHEMA_VERSIONS: Readonly<Record<TaskEventType, number>> = {
  TaskAssigned: 1,
  TaskReceived: 1,
  TaskRefused: 1,
  TaskReassigned: 2,
  TaskProgressReported: 1,
  TaskDeadlineChangeRequested: 1,
  TaskDeadlineChangeApproved: 1,
  TaskDeadlineChangeRejected: 1,
  TaskCompletionReported: 1,
  TaskCompletionConfirmed: 1,
  TaskCompletionReturned: 1,
  TaskUrged: 1,
  TaskReminderIssued: 1,
  TaskPutOnHold: 1,
  TaskResumed: 1,
  TaskCancelled: 1,
  TaskWithdrawn: 1,
};

export const TASK_EVENT_TYPES: readonly TaskEventType[] = Object.freeze(
  Object.keys(TASK_EVENT_SCHEMA_VERSIONS) as TaskEventType[],
);

/** A task event of this code: a known type at its current schema version. */
export const isTaskEvent = eventGuard<TaskEvent>(TASK_EVENT_SCHEMA_VERSIONS);
