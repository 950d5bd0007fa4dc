import { todayInVietnam } from '../../format/format';
import type { MessageKey } from '../../i18n/dictionary';

export interface ActionField {
  name: string;
  label: MessageKey;
  /** `agency`: one agency from the register; `agencies`: several; `urgeKind`: a choice. */
  type: 'text' | 'date' | 'number' | 'textarea' | 'agency' | 'agencies' | 'urgeKind';
  hint?: MessageKey;
}

export interface TaskAction {
  id: string;
  label: MessageKey;
  /** What the screen says once the server has accepted it. */
  done: MessageKey;
  /** Path under /api/tasks/:id. */
  path: (requestId?: string) => string;
  fields: ActionField[];
}

/** The commands the API names in a task's `allowedActions`. */
export type TaskCommandType =
  | 'ReceiveTask'
  | 'RefuseTask'
  | 'ReassignTask'
  | 'ReportTaskProgress'
  | 'RequestDeadlineChange'
  | 'ApproveDeadlineChange'
  | 'RejectDeadlineChange'
  | 'ReportCompletion'
  | 'ConfirmCompletion'
  | 'ReturnCompletion'
  | 'UrgeTask'
  | 'PutTaskOnHold'
  | 'ResumeTask'
  | 'CancelTask';

const occurredOn: ActionField = { name: 'occurredOn', label: 'field.occurredOn', type: 'date' };
const reason: ActionField = { name: 'reason', label: 'field.reason', type: 'textarea' };

/** The task commands of docs/api.md, with the fields each form asks for. */
export const TASK_ACTIONS = {
  receive: {
    id: 'receive',
    label: 'action.receive',
    done: 'done.receive',
    path: () => 'receive',
    fields: [occurredOn],
  },
  refuse: {
    id: 'refuse',
    label: 'action.refuse',
    done: 'done.refuse',
    path: () => 'refuse',
    fields: [reason, occurredOn],
  },
  progress: {
    id: 'progress',
    label: 'action.progress',
    done: 'done.progress',
    path: () => 'progress',
    fields: [
      { name: 'percent', label: 'field.percent', type: 'number' },
      { name: 'note', label: 'field.note', type: 'textarea' },
      occurredOn,
    ],
  },
  deadlineChange: {
    id: 'deadline-change',
    label: 'action.deadlineChange',
    done: 'done.deadlineChange',
    path: () => 'deadline-change-requests',
    fields: [
      {
        name: 'proposedDeadline',
        label: 'field.proposedDeadline',
        type: 'date',
        hint: 'hint.proposedDeadline',
      },
      reason,
      occurredOn,
    ],
  },
  completion: {
    id: 'completion',
    label: 'action.completion',
    done: 'done.completion',
    path: () => 'completion',
    fields: [
      { name: 'completedOn', label: 'field.completedOn', type: 'date' },
      {
        name: 'resultDocument',
        label: 'field.resultDocument',
        type: 'text',
        hint: 'hint.resultDocument',
      },
      { name: 'note', label: 'field.note', type: 'textarea' },
      occurredOn,
    ],
  },
  confirm: {
    id: 'confirm',
    label: 'action.confirm',
    done: 'done.confirm',
    path: () => 'completion/confirm',
    fields: [occurredOn],
  },
  returnCompletion: {
    id: 'return',
    label: 'action.return',
    done: 'done.return',
    path: () => 'completion/return',
    fields: [reason, occurredOn],
  },
  approve: {
    id: 'approve',
    label: 'action.approve',
    done: 'done.approve',
    path: (requestId) => `deadline-change-requests/${requestId}/approve`,
    fields: [{ name: 'newDeadline', label: 'field.newDeadline', type: 'date' }, occurredOn],
  },
  reject: {
    id: 'reject',
    label: 'action.reject',
    done: 'done.reject',
    path: (requestId) => `deadline-change-requests/${requestId}/reject`,
    fields: [reason, occurredOn],
  },
  urge: {
    id: 'urge',
    label: 'action.urge',
    done: 'done.urge',
    path: () => 'urge',
    fields: [
      { name: 'kind', label: 'field.urgeKind', type: 'urgeKind' },
      { name: 'message', label: 'field.message', type: 'textarea' },
    ],
  },
  reassign: {
    id: 'reassign',
    label: 'action.reassign',
    done: 'done.reassign',
    path: () => 'reassign',
    fields: [
      { name: 'leadAgency', label: 'task.leadAgency', type: 'agency' },
      { name: 'supportAgencies', label: 'task.supportAgencies', type: 'agencies' },
      reason,
      occurredOn,
    ],
  },
  hold: {
    id: 'hold',
    label: 'action.hold',
    done: 'done.hold',
    path: () => 'hold',
    fields: [reason, occurredOn],
  },
  resume: {
    id: 'resume',
    label: 'action.resume',
    done: 'done.resume',
    path: () => 'resume',
    fields: [
      {
        name: 'newDeadline',
        label: 'field.newDeadline',
        type: 'date',
        hint: 'hint.resumeDeadline',
      },
      occurredOn,
    ],
  },
  cancel: {
    id: 'cancel',
    label: 'action.cancel',
    done: 'done.cancel',
    path: () => 'cancel',
    fields: [reason, occurredOn],
  },
} satisfies Record<string, TaskAction>;

/** Which form each command the API allows opens, in the order the page shows them. */
const BY_COMMAND: Record<TaskCommandType, TaskAction> = {
  ReceiveTask: TASK_ACTIONS.receive,
  RefuseTask: TASK_ACTIONS.refuse,
  ReportTaskProgress: TASK_ACTIONS.progress,
  ReportCompletion: TASK_ACTIONS.completion,
  RequestDeadlineChange: TASK_ACTIONS.deadlineChange,
  ConfirmCompletion: TASK_ACTIONS.confirm,
  ReturnCompletion: TASK_ACTIONS.returnCompletion,
  ApproveDeadlineChange: TASK_ACTIONS.approve,
  RejectDeadlineChange: TASK_ACTIONS.reject,
  UrgeTask: TASK_ACTIONS.urge,
  ReassignTask: TASK_ACTIONS.reassign,
  PutTaskOnHold: TASK_ACTIONS.hold,
  ResumeTask: TASK_ACTIONS.resume,
  CancelTask: TASK_ACTIONS.cancel,
};
const ORDER = Object.keys(BY_COMMAND) as TaskCommandType[];

/** The forms for the commands the server says the user may send on this task (allowedActions). */
export function actionsAllowed(allowed: readonly string[]): TaskAction[] {
  return ORDER.filter((type) => allowed.includes(type)).map((type) => BY_COMMAND[type]);
}

/**
 * In the staff's list, where rows carry no allowedActions: the lead agency's own actions by the
 * task's status, by the same rules as the domain's (see task.preconditions); a supporting
 * agency reports progress only. The task page uses the server's list.
 */
export function staffActionsFor(
  agency: string | null,
  task: {
    status: string;
    leadAgency: string;
    supportAgencies: string[];
    deadline: string | null;
    pendingRequest?: unknown;
  },
): TaskAction[] {
  if (agency === null) return [];
  if (agency !== task.leadAgency) {
    const open = !['on_hold', 'completed', 'cancelled', 'withdrawn'].includes(task.status);
    return task.supportAgencies.includes(agency) && open ? [TASK_ACTIONS.progress] : [];
  }
  if (task.status === 'assigned') return [TASK_ACTIONS.receive, TASK_ACTIONS.refuse];
  if (task.status !== 'in_progress' && task.status !== 'returned') return [];
  return [
    TASK_ACTIONS.progress,
    TASK_ACTIONS.completion,
    // One request at a time, and only until the deadline in force has passed.
    ...(task.pendingRequest || (task.deadline !== null && task.deadline < todayInVietnam())
      ? []
      : [TASK_ACTIONS.deadlineChange]),
  ];
}
