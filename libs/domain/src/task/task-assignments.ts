import { authorizeTaskCommand, type AgencyRegister } from '../access/task-command-access';
import {
  checkBusinessDate,
  formatVietnameseDate,
  type CalendarDate,
} from '../shared/calendar-date';
import { isRecord, parseCommandMeta, type Command } from '../shared/command';
import { DomainError, isDomainError } from '../shared/domain-error';
import { directiveErrors } from '../directive/directive.errors';
import type { DirectiveState } from '../directive/directive.state';
import type { AssignTask } from './task.commands';
import { decideTask } from './task.decide';
import { taskDecider } from './task.decider';
import type { TaskEvent } from './task.events';
import { parseAssignedTaskFields, type AssignedTaskFields } from './task.parse';

/**
 * A document gives one or many tasks at once (a programme lists dozens): every task is
 * assigned, or none is. Each item may carry its own assignment date.
 */
type TaskToAssign = AssignedTaskFields & { readonly occurredOn: CalendarDate };

type AssignTasks = Command<
  'AssignTasks',
  { readonly directiveId: string; readonly tasks: readonly TaskToAssign[] }
>;

/** The tasks' events, one stream each, in the order given. */
interface TaskAssignment {
  readonly taskId: string;
  readonly events: TaskEvent[];
}

export const taskAssignmentErrors = {
  noTasks: () =>
    new DomainError(
      'invalid_input',
      'invalid_field',
      'At least one task is required.',
      'Cần nhập ít nhất một nhiệm vụ.',
      { field: 'tasks' },
    ),
  taskIdDuplicate: (taskId: string) =>
    new DomainError(
      'rule_refused',
      'task_id_duplicate',
      `Task id ${taskId} appears twice.`,
      `Mã nhiệm vụ ${taskId} bị trùng.`,
      { taskId },
    ),
  dateBeforeIssue: (occurredOn: string, issuedOn: string) =>
    new DomainError(
      'rule_refused',
      'date_before_issue',
      `A task cannot be assigned (${occurredOn}) before its document was issued (${issuedOn}).`,
      `Ngày giao nhiệm vụ (${vn(occurredOn)}) không được trước ngày ban hành văn bản (${vn(issuedOn)}).`,
      { occurredOn, issuedOn },
    ),
  noAssigningBody: () =>
    new DomainError(
      'rule_refused',
      'directive_without_assigning_body',
      'The directive was entered by no body that could assign its tasks.',
      'Văn bản chưa gắn với cơ quan giao nhiệm vụ nên không thể giao nhiệm vụ từ văn bản này.',
    ),
  /** The stream of a task id exists already (the store refused the append). */
  taskAlreadyExists: (taskId: string) =>
    new DomainError(
      'conflict',
      'task_already_exists',
      `Task ${taskId} already exists.`,
      'Mã nhiệm vụ đã tồn tại.',
      { taskId },
    ),
};

const vn = (date: string) => formatVietnameseDate(date as CalendarDate);

/**
 * Checks a request to assign tasks from a document: `data.tasks` is a list of task fields, each
 * with its `taskId` and optionally its own `occurredOn` (default: the command's).
 */
export function parseAssignTasks(input: unknown): AssignTasks | DomainError {
  if (!isRecord(input)) return taskAssignmentErrors.noTasks();
  const meta = parseCommandMeta(input.meta);
  if (isDomainError(meta)) return meta;
  const data = isRecord(input.data) ? input.data : {};
  const items = Array.isArray(data.tasks) ? data.tasks : [];
  if (items.length === 0) return taskAssignmentErrors.noTasks();
  const tasks: TaskToAssign[] = [];
  for (const [index, item] of items.entries()) {
    const fields = isRecord(item) ? item : {};
    const task = parseAssignedTaskFields(fields);
    if (isDomainError(task)) return inTask(task, index, items.length);
    const occurredOn =
      fields.occurredOn === undefined
        ? meta.occurredOn
        : checkBusinessDate(fields.occurredOn, meta.receivedAt);
    if (isDomainError(occurredOn)) return inTask(occurredOn, index, items.length);
    tasks.push({ ...task, occurredOn });
  }
  const directiveId = typeof data.directiveId === 'string' ? data.directiveId : '';
  return { type: 'AssignTasks', data: { directiveId, tasks }, meta };
}

/**
 * Assigns every task of the command from the directive, as its assigning body: the directive
 * must be in force, task ids distinct, no task dated before the document, and each task must
 * pass the permission table and the task's own rules. The first refusal names the task
 * ("Nhiệm vụ thứ 2: …") when there are several.
 */
export function decideTaskAssignments(
  command: AssignTasks,
  directive: DirectiveState,
  register: AgencyRegister,
): TaskAssignment[] | DomainError {
  if (directive.status === 'none' || directive.reference === null) {
    return directiveErrors.notFound();
  }
  if (directive.status === 'revoked') return directiveErrors.revoked();
  if (directive.status === 'withdrawn') return directiveErrors.withdrawn();
  const { assigningAgency } = directive;
  if (assigningAgency === null) return taskAssignmentErrors.noAssigningBody();
  const { tasks } = command.data;
  const assignments: TaskAssignment[] = [];
  const seen = new Set<string>();
  for (const [index, { occurredOn, ...task }] of tasks.entries()) {
    const refuse = (error: DomainError) => inTask(error, index, tasks.length);
    if (seen.has(task.taskId)) return refuse(taskAssignmentErrors.taskIdDuplicate(task.taskId));
    seen.add(task.taskId);
    const assign: AssignTask = {
      type: 'AssignTask',
      data: {
        ...task,
        directiveId: directive.directiveId,
        directiveReference: directive.reference.text,
        assigningAgency,
      },
      meta: { ...command.meta, occurredOn },
    };
    const refusal = authorizeTaskCommand(assign, null, register);
    if (refusal) return refuse(refusal);
    if (directive.issuedOn !== null && occurredOn < directive.issuedOn) {
      return refuse(taskAssignmentErrors.dateBeforeIssue(occurredOn, directive.issuedOn));
    }
    const events = decideTask(assign, taskDecider.initialState);
    if (isDomainError(events)) return refuse(events);
    assignments.push({ taskId: task.taskId, events });
  }
  return assignments;
}

function inTask(error: DomainError, index: number, count: number): DomainError {
  if (count <= 1) return error;
  return error.within({ en: `Task ${index + 1}`, vi: `Nhiệm vụ thứ ${index + 1}` }, { index });
}
