import {
  checkBusinessDate,
  isAfterLatestInputDate,
  parseCalendarDate,
  type CalendarDate,
} from '../shared/calendar-date';
import { parseCommandEnvelope, type CommandInput, type CommandMeta } from '../shared/command';
import { isDomainError, type DomainError } from '../shared/domain-error';
import { idList, newId, oneOf, requiredBoolean, requiredId } from '../shared/field-input';
import { parseDocumentReference } from '../shared/document-reference';
import { cleanText, type TextShape } from '../shared/text-input';
import { TASK_COMMAND_TYPES, type TaskCommand, type TaskCommandType } from './task.commands';
import {
  MAX_TITLE_LENGTH,
  TASK_AGGREGATE,
  taskErrors as errors,
  taskFieldLabel,
} from './task.errors';
import { DEADLINE_CHANGE_KINDS, URGE_KINDS } from './task.events';

/**
 * Turns a task command as it arrives (HTTP, the CLI, an import) into one decideTask can trust:
 * a known type, every field of the right type, text trimmed, dates real, business dates not in
 * the future. Refuses with the first problem. Whatever depends on the task (its dates, its
 * agencies, its status) is decideTask's.
 */
export function parseTaskCommand<T extends TaskCommand['type']>(
  input: CommandInput<T>,
): Extract<TaskCommand, { type: T }> | DomainError;
export function parseTaskCommand(input: unknown): TaskCommand | DomainError;
export function parseTaskCommand(input: unknown): TaskCommand | DomainError {
  const envelope = parseCommandEnvelope(input, TASK_COMMAND_TYPES, TASK_AGGREGATE);
  if (isDomainError(envelope)) return envelope;
  const { type, meta, data } = envelope;
  const parsed = PARSERS[type](data, meta);
  if (isDomainError(parsed)) return parsed;
  return { type, data: parsed, meta } as TaskCommand;
}

type Data = Record<string, unknown>;
type DataOf<T extends TaskCommandType> = Extract<TaskCommand, { type: T }>['data'];
type Parser<T extends TaskCommandType> = (data: Data, meta: CommandMeta) => DataOf<T> | DomainError;

const PARSERS: { readonly [T in TaskCommandType]: Parser<T> } = {
  AssignTask: assignment,
  ReceiveTask: () => ({}),
  RefuseTask: (d) => withReason(d, {}),
  ReassignTask: reassignment,
  ReportTaskProgress: progress,
  RequestDeadlineChange: deadlineChangeRequest,
  ApproveDeadlineChange: (d) => {
    const requestId = id(d.requestId, 'requestId');
    if (isDomainError(requestId)) return requestId;
    const newDeadline = optionalDeadline(d.newDeadline, 'newDeadline');
    if (isDomainError(newDeadline)) return newDeadline;
    return { requestId, newDeadline };
  },
  RejectDeadlineChange: (d) => {
    const requestId = id(d.requestId, 'requestId');
    if (isDomainError(requestId)) return requestId;
    return withReason(d, { requestId });
  },
  ReportCompletion: completion,
  ConfirmCompletion: () => ({}),
  ReturnCompletion: (d) => withReason(d, {}),
  UrgeTask: (d) => {
    const kind = oneOf(d.kind, URGE_KINDS, 'kind', errors.invalidField, {
      en: 'before_deadline, overdue or no_report',
      vi: 'phải là nhắc trước hạn, quá hạn hoặc chưa báo cáo',
    });
    if (isDomainError(kind)) return kind;
    const message = text(d.message, 'message', 'multiline');
    if (isDomainError(message)) return message;
    return { kind, message };
  },
  PutTaskOnHold: (d) => withReason(d, {}),
  ResumeTask: (d) => {
    const newDeadline = optionalDeadline(d.newDeadline, 'newDeadline');
    if (isDomainError(newDeadline)) return newDeadline;
    return { newDeadline };
  },
  CancelTask: (d) => withReason(d, {}),
};

function assignment(d: Data): DataOf<'AssignTask'> | DomainError {
  const ids = {} as Record<'directiveId' | 'directiveReference' | 'assigningAgency', string>;
  for (const field of ['directiveId', 'directiveReference', 'assigningAgency'] as const) {
    const value = id(d[field], field);
    if (isDomainError(value)) return value;
    ids[field] = value;
  }
  const task = parseAssignedTaskFields(d);
  if (isDomainError(task)) return task;
  return { ...ids, ...task };
}

/** The fields of one task being assigned, without the document's (directive id, number, body). */
export type AssignedTaskFields = Omit<
  DataOf<'AssignTask'>,
  'directiveId' | 'directiveReference' | 'assigningAgency'
>;

/** Checks what a clerk types for one task; shared by single assignments and AssignTasks. */
export function parseAssignedTaskFields(d: Data): AssignedTaskFields | DomainError {
  const taskId = newId(d.taskId, 'taskId', errors.invalidField);
  if (isDomainError(taskId)) return taskId;
  const title = text(d.title, 'title', 'line');
  if (isDomainError(title)) return title;
  if (title === null) return errors.titleRequired();
  if (title.length > MAX_TITLE_LENGTH) return errors.titleTooLong(title.length);
  const leadAgency = id(d.leadAgency, 'leadAgency');
  if (isDomainError(leadAgency)) return leadAgency;
  const supportAgencies = idList(d.supportAgencies, 'supportAgencies', errors.invalidField);
  if (isDomainError(supportAgencies)) return supportAgencies;
  const deadline = d.deadline === null ? null : deadlineDate(d.deadline, 'deadline');
  if (isDomainError(deadline)) return deadline;
  const keyTask = requiredBoolean(d.keyTask, 'keyTask', errors.invalidField);
  if (isDomainError(keyTask)) return keyTask;
  const workProgrammeItem =
    d.workProgrammeItem === undefined
      ? false
      : requiredBoolean(d.workProgrammeItem, 'workProgrammeItem', errors.invalidField);
  if (isDomainError(workProgrammeItem)) return workProgrammeItem;
  if (d.leaderInCharge !== null && typeof d.leaderInCharge !== 'string') {
    return errors.invalidField(
      'leaderInCharge',
      'text or null',
      'phải là chuỗi ký tự hoặc để trống',
    );
  }
  const leaderInCharge = text(d.leaderInCharge, 'leaderInCharge', 'line');
  if (isDomainError(leaderInCharge)) return leaderInCharge;
  return {
    taskId,
    title,
    leadAgency,
    supportAgencies,
    deadline,
    keyTask,
    workProgrammeItem,
    leaderInCharge,
  };
}

function reassignment(d: Data): DataOf<'ReassignTask'> | DomainError {
  const leadAgency = id(d.leadAgency, 'leadAgency');
  if (isDomainError(leadAgency)) return leadAgency;
  if (d.supportAgencies === undefined) return withReason(d, { leadAgency });
  const supportAgencies = idList(d.supportAgencies, 'supportAgencies', errors.invalidField);
  if (isDomainError(supportAgencies)) return supportAgencies;
  return withReason(d, { leadAgency, supportAgencies });
}

function progress(d: Data): DataOf<'ReportTaskProgress'> | DomainError {
  const agency = id(d.agency, 'agency');
  if (isDomainError(agency)) return agency;
  const percent = d.percent;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
    return errors.invalidProgress(percent);
  }
  const note = text(d.note, 'note', 'multiline');
  if (isDomainError(note)) return note;
  if (note === null) return errors.noteRequired();
  const listed = idList(d.documents ?? [], 'documents', errors.invalidField);
  if (isDomainError(listed)) return listed;
  const documents: string[] = [];
  for (const document of listed) {
    const reference = text(document, 'documents', 'line');
    if (isDomainError(reference)) return reference;
    if (reference === null) {
      return errors.invalidField('documents', 'a list of non-empty texts', 'có văn bản để trống');
    }
    documents.push(reference);
  }
  return { agency, percent, note, documents };
}

function deadlineChangeRequest(d: Data): DataOf<'RequestDeadlineChange'> | DomainError {
  const requestId = newId(d.requestId, 'requestId', errors.invalidField);
  if (isDomainError(requestId)) return requestId;
  const kind = oneOf(d.kind, DEADLINE_CHANGE_KINDS, 'kind', errors.invalidField, {
    en: 'extension or withdrawal',
    vi: 'phải là gia hạn hoặc rút nhiệm vụ',
  });
  if (isDomainError(kind)) return kind;
  // A withdrawal asks for no date; whatever came with it is not kept.
  let proposedDeadline = null;
  if (kind === 'extension') {
    if (d.proposedDeadline === undefined || d.proposedDeadline === null) {
      return errors.proposedDeadlineRequired();
    }
    proposedDeadline = deadlineDate(d.proposedDeadline, 'proposedDeadline');
    if (isDomainError(proposedDeadline)) return proposedDeadline;
  }
  return withReason(d, { requestId, kind, proposedDeadline });
}

function completion(d: Data, meta: CommandMeta): DataOf<'ReportCompletion'> | DomainError {
  const completedOn = checkBusinessDate(d.completedOn, meta.receivedAt);
  if (isDomainError(completedOn)) return completedOn;
  const resultDocument = text(d.resultDocument, 'resultDocument', 'line');
  if (isDomainError(resultDocument)) return resultDocument;
  if (resultDocument === null) return errors.resultDocumentRequired();
  // Checked like every other document reference (a directive's number and symbol), and kept
  // in its canonical spelling, so reports cite it the same way whoever typed it.
  const reference = parseDocumentReference(resultDocument);
  if (isDomainError(reference)) {
    return reference.within(
      { en: 'Result document', vi: 'Văn bản kết quả' },
      { field: 'resultDocument' },
    );
  }
  const note = text(d.note, 'note', 'multiline');
  if (isDomainError(note)) return note;
  return { completedOn, resultDocument: reference.text, note };
}

const id = (value: unknown, field: string) => requiredId(value, field, errors.invalidField);

/** Free text in its stored form (NFC, trimmed, no control characters); blank is null. */
const text = (value: unknown, field: string, shape: TextShape) =>
  cleanText(value, shape, taskFieldLabel(field));

/** A deadline is a real day, and not beyond the last day Chidao accepts. */
function deadlineDate(value: unknown, field: string): CalendarDate | DomainError {
  const date = parseCalendarDate(value);
  if (isDomainError(date)) return date;
  return isAfterLatestInputDate(date) ? errors.dateOutOfRange(field, date) : date;
}

/** undefined and null both mean no new deadline. */
const optionalDeadline = (value: unknown, field: string): CalendarDate | null | DomainError =>
  value === undefined || value === null ? null : deadlineDate(value, field);

function withReason<T extends object>(d: Data, rest: T): (T & { reason: string }) | DomainError {
  const reason = text(d.reason, 'reason', 'multiline');
  if (isDomainError(reason)) return reason;
  if (reason === null) return errors.reasonRequired();
  return { ...rest, reason };
}
