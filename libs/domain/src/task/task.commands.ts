import type { CalendarDate } from '../shared/calendar-date';
import type { Command } from '../shared/command';
import type { DeadlineChangeKind, UrgeKind } from './task.events';

/**
 * Commands of the Task aggregate, as parseTaskCommand returns them: every field present, typed,
 * trimmed and in range, so decideTask holds only the rules. Only AssignTask names the task: the
 * others are addressed to the stream the caller loaded. Dates are `YYYY-MM-DD`.
 */

export interface AssignTaskData {
  readonly taskId: string;
  readonly directiveId: string;
  readonly directiveReference: string;
  /** The body that assigns (its leadership and tracking office decide on the task). */
  readonly assigningAgency: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
  /** null: không thời hạn / thường xuyên. */
  readonly deadline: CalendarDate | null;
  readonly keyTask: boolean;
  readonly workProgrammeItem: boolean;
  readonly leaderInCharge: string | null;
}

type NoData = Readonly<Record<string, never>>;

interface RefuseTaskData {
  readonly reason: string;
}

export interface ReassignTaskData {
  readonly leadAgency: string;
  /** Omitted: keep the current supporting agencies, minus the new lead. */
  readonly supportAgencies?: readonly string[];
  readonly reason: string;
}

export interface ReportTaskProgressData {
  readonly agency: string;
  readonly percent: number;
  readonly note: string;
  readonly documents: readonly string[];
}

export interface RequestDeadlineChangeData {
  readonly requestId: string;
  readonly kind: DeadlineChangeKind;
  /** The deadline asked for (extension); null for a withdrawal. */
  readonly proposedDeadline: CalendarDate | null;
  readonly reason: string;
}

export interface ApproveDeadlineChangeData {
  readonly requestId: string;
  /** Another date than proposed (extension only); null: as proposed. */
  readonly newDeadline: CalendarDate | null;
}

export interface RejectDeadlineChangeData {
  readonly requestId: string;
  readonly reason: string;
}

export interface ReportCompletionData {
  /** The day the work was done. */
  readonly completedOn: CalendarDate;
  /** Number and symbol of the result document. */
  readonly resultDocument: string;
  readonly note: string | null;
}

interface ReturnCompletionData {
  readonly reason: string;
}

interface UrgeTaskData {
  readonly kind: UrgeKind;
  readonly message: string | null;
}

interface PutTaskOnHoldData {
  readonly reason: string;
}

export interface ResumeTaskData {
  /** A new deadline in force from the resumption; null: keep the one in force. */
  readonly newDeadline: CalendarDate | null;
}

interface CancelTaskData {
  readonly reason: string;
}

export type AssignTask = Command<'AssignTask', AssignTaskData>;
export type ReceiveTask = Command<'ReceiveTask', NoData>;
export type RefuseTask = Command<'RefuseTask', RefuseTaskData>;
export type ReassignTask = Command<'ReassignTask', ReassignTaskData>;
export type ReportTaskProgress = Command<'ReportTaskProgress', ReportTaskProgressData>;
export type RequestDeadlineChange = Command<'RequestDeadlineChange', RequestDeadlineChangeData>;
export type ApproveDeadlineChange = Command<'ApproveDeadlineChange', ApproveDeadlineChangeData>;
export type RejectDeadlineChange = Command<'RejectDeadlineChange', RejectDeadlineChangeData>;
export type ReportCompletion = Command<'ReportCompletion', ReportCompletionData>;
export type ConfirmCompletion = Command<'ConfirmCompletion', NoData>;
export type ReturnCompletion = Command<'ReturnCompletion', ReturnCompletionData>;
export type UrgeTask = Command<'UrgeTask', UrgeTaskData>;
export type PutTaskOnHold = Command<'PutTaskOnHold', PutTaskOnHoldData>;
export type ResumeTask = Command<'ResumeTask', ResumeTaskData>;
export type CancelTask = Command<'CancelTask', CancelTaskData>;

export type TaskCommand =
  | AssignTask
  | ReceiveTask
  | RefuseTask
  | ReassignTask
  | ReportTaskProgress
  | RequestDeadlineChange
  | ApproveDeadlineChange
  | RejectDeadlineChange
  | ReportCompletion
  | ConfirmCompletion
  | ReturnCompletion
  | UrgeTask
  | PutTaskOnHold
  | ResumeTask
  | CancelTask;

export type TaskCommandType = TaskCommand['type'];

const COMMAND_TYPES: Readonly<Record<TaskCommandType, true>> = {
  AssignTask: true,
  ReceiveTask: true,
  RefuseTask: true,
  ReassignTask: true,
  ReportTaskProgress: true,
  RequestDeadlineChange: true,
  ApproveDeadlineChange: true,
  RejectDeadlineChange: true,
  ReportCompletion: true,
  ConfirmCompletion: true,
  ReturnCompletion: true,
  UrgeTask: true,
  PutTaskOnHold: true,
  ResumeTask: true,
  CancelTask: true,
};

export const TASK_COMMAND_TYPES: readonly TaskCommandType[] = Object.freeze(
  Object.keys(COMMAND_TYPES) as TaskCommandType[],
);

export const isTaskCommandType = (type: unknown): type is TaskCommandType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(COMMAND_TYPES, type);
