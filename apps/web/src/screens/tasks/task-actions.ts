import type { MessageKey } from '../../i18n/dictionary';

export interface ActionField {
  name: string;
  label: MessageKey;
  type: 'text' | 'date' | 'number' | 'textarea';
}

export interface TaskAction {
  id: string;
  label: MessageKey;
  /** Path under /api/tasks/:id. */
  path: (requestId?: string) => string;
  fields: ActionField[];
}

const occurredOn: ActionField = { name: 'occurredOn', label: 'field.occurredOn', type: 'date' };
const reason: ActionField = { name: 'reason', label: 'field.reason', type: 'textarea' };

/** The task commands of docs/api.md, with the fields each form asks for. */
export const TASK_ACTIONS = {
  receive: { id: 'receive', label: 'action.receive', path: () => 'receive', fields: [occurredOn] },
  refuse: {
    id: 'refuse',
    label: 'action.refuse',
    path: () => 'refuse',
    fields: [reason, occurredOn],
  },
  progress: {
    id: 'progress',
    label: 'action.progress',
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
    path: () => 'deadline-change-requests',
    fields: [
      { name: 'proposedDeadline', label: 'field.proposedDeadline', type: 'date' },
      reason,
      occurredOn,
    ],
  },
  completion: {
    id: 'completion',
    label: 'action.completion',
    path: () => 'completion',
    fields: [
      { name: 'completedOn', label: 'field.completedOn', type: 'date' },
      { name: 'resultDocument', label: 'field.resultDocument', type: 'text' },
      { name: 'note', label: 'field.note', type: 'textarea' },
      occurredOn,
    ],
  },
  confirm: {
    id: 'confirm',
    label: 'action.confirm',
    path: () => 'completion/confirm',
    fields: [occurredOn],
  },
  returnCompletion: {
    id: 'return',
    label: 'action.return',
    path: () => 'completion/return',
    fields: [reason, occurredOn],
  },
  approve: {
    id: 'approve',
    label: 'action.approve',
    path: (requestId) => `deadline-change-requests/${requestId}/approve`,
    fields: [{ name: 'newDeadline', label: 'field.newDeadline', type: 'date' }, occurredOn],
  },
  reject: {
    id: 'reject',
    label: 'action.reject',
    path: (requestId) => `deadline-change-requests/${requestId}/reject`,
    fields: [reason, occurredOn],
  },
  urge: {
    id: 'urge',
    label: 'action.urge',
    path: () => 'urge',
    fields: [{ name: 'message', label: 'field.message', type: 'textarea' }],
  },
} satisfies Record<string, TaskAction>;

/** Which actions a role may offer on a task in a status (the API has the last word). */
export function actionsFor(
  roles: readonly string[],
  task: { status: string; pendingRequestId?: string | null },
): TaskAction[] {
  const out: TaskAction[] = [];
  const working = ['in_progress', 'returned'].includes(task.status);
  if (roles.includes('staff')) {
    if (task.status === 'assigned') out.push(TASK_ACTIONS.receive, TASK_ACTIONS.refuse);
    if (working) {
      out.push(TASK_ACTIONS.progress, TASK_ACTIONS.completion);
      if (!task.pendingRequestId) out.push(TASK_ACTIONS.deadlineChange);
    }
  }
  if (roles.includes('tracker') && task.status === 'awaiting_confirmation') {
    out.push(TASK_ACTIONS.confirm, TASK_ACTIONS.returnCompletion);
  }
  if ((roles.includes('tracker') || roles.includes('leader')) && task.pendingRequestId) {
    out.push(TASK_ACTIONS.approve, TASK_ACTIONS.reject);
  }
  if (roles.includes('tracker') && ['assigned', 'in_progress', 'returned'].includes(task.status)) {
    out.push(TASK_ACTIONS.urge);
  }
  return out;
}
