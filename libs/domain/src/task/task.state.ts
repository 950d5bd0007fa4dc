import type { AutomaticReminderRule } from './task-reminder';
import type { DeadlineChangeKind } from './task.events';

export const TASK_STATUSES = [
  'assigned',
  'refused',
  'in_progress',
  'awaiting_confirmation',
  'returned',
  'completed',
  'on_hold',
  'cancelled',
  'withdrawn',
] as const;

/**
 * - `assigned`: waiting for the lead agency to receive it (chờ tiếp nhận)
 * - `refused`: the lead agency refused it; waiting for reassignment
 * - `returned`: completion returned; behaves like in_progress and counts as not done
 * - `withdrawn`: withdrawn on approved request; left out of statistics
 */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How statuses read in Vietnamese (messages, UI). */
export const TASK_STATUS_LABELS_VI: Readonly<Record<TaskStatus, string>> = {
  assigned: 'đã giao, chờ tiếp nhận',
  refused: 'bị từ chối, chờ giao lại',
  in_progress: 'đang thực hiện',
  awaiting_confirmation: 'chờ xác nhận hoàn thành',
  returned: 'bị trả lại, đang thực hiện lại',
  completed: 'đã hoàn thành',
  on_hold: 'tạm hoãn',
  cancelled: 'đã hủy',
  withdrawn: 'đã rút',
};

export type DeadlineRequestStatus = 'pending' | 'approved' | 'rejected';

export interface DeadlineRequestState {
  readonly kind: DeadlineChangeKind;
  readonly proposedDeadline: string | null;
  readonly reason: string;
  readonly status: DeadlineRequestStatus;
  readonly requestedOn: string;
  readonly decidedOn: string | null;
  /** The deadline the approver set (extension approved), otherwise null. */
  readonly approvedDeadline: string | null;
}

export interface CompletionState {
  readonly reportedOn: string;
  readonly completedOn: string;
  readonly resultDocument: string;
  readonly confirmedOn: string | null;
}

/** Before the TaskAssigned event: the task does not exist. */
export interface UnassignedTaskState {
  readonly status: 'not_assigned';
}

/** Plain JSON on purpose: projections and snapshots copy it as is. Dates are `YYYY-MM-DD`. */
export interface AssignedTaskState {
  readonly status: TaskStatus;
  readonly id: string;
  readonly directiveId: string;
  readonly directiveReference: string;
  /** The body that assigned the task; its leadership and tracking office decide on it. */
  readonly assigningAgency: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
  readonly leaderInCharge: string | null;
  readonly keyTask: boolean;
  readonly workProgrammeItem: boolean;
  readonly assignedOn: string;
  /** Date the current lead agency received it; null until then (and after a reassignment). */
  readonly receivedOn: string | null;
  /** The deadline given at assignment. */
  readonly originalDeadline: string | null;
  /** The deadline in force: the latest approved one. null = không thời hạn. */
  readonly deadline: string | null;
  /** How many times the deadline in force was changed (approved extensions, resumptions). */
  readonly deadlineChanges: number;
  /** Status to restore on resumption; set only while on hold. */
  readonly statusBeforeHold: TaskStatus | null;
  /** The current lead agency's last reported percent; null until it reports. */
  readonly progress: number | null;
  /** Last percent reported by each current supporting agency. */
  readonly supportProgress: Readonly<Record<string, number>>;
  /** Last day the lead agency reported (progress or completion): feeds the "no report" flag. */
  readonly lastReportedOn: string | null;
  readonly requests: Readonly<Record<string, DeadlineRequestState>>;
  readonly pendingRequestId: string | null;
  /** The completion report awaiting confirmation or confirmed; null otherwise (also once returned). */
  readonly completion: CompletionState | null;
  readonly returnedCount: number;
  readonly lastUrgedOn: string | null;
  readonly urgeCount: number;
  /**
   * The last occurrence of each rule a reminder was issued for (TaskReminderIssued). The rules
   * answer only the latest occurrence, so this is enough to issue each once. Absent in states
   * saved before reminders existed.
   */
  readonly lastReminders?: Readonly<Partial<Record<AutomaticReminderRule, string>>>;
  /** The agency whose refusal the task is waiting on reassignment for; null otherwise. */
  readonly refusedBy: string | null;
  readonly reassignments: number;
  /** Day the task reached a final status (completed, cancelled, withdrawn). */
  readonly closedOn: string | null;
}

export type TaskState = UnassignedTaskState | AssignedTaskState;

export const initialTaskState: TaskState = Object.freeze({ status: 'not_assigned' as const });

export const isTaskAssigned = (state: TaskState): state is AssignedTaskState =>
  state.status !== 'not_assigned';

/** The request with that id; own properties only, so an id like "constructor" finds nothing. */
export const findRequest = (
  state: AssignedTaskState,
  requestId: string,
): DeadlineRequestState | undefined =>
  Object.prototype.hasOwnProperty.call(state.requests, requestId)
    ? state.requests[requestId]
    : undefined;
