import {
  formatVietnameseDate,
  LATEST_INPUT_DATE,
  type CalendarDate,
} from '../shared/calendar-date';
import { unknownCommand } from '../shared/command';
import { DomainError } from '../shared/domain-error';
import type { FieldLabel } from '../shared/text-input';
import { TASK_STATUS_LABELS_VI, type DeadlineRequestStatus, type TaskStatus } from './task.state';

/**
 * One factory per refusal of the Task aggregate. Codes are stable (programs match on them);
 * the Vietnamese text tells the clerk what to do next.
 */

const vn = (date: string): string => formatVietnameseDate(date as CalendarDate);
const vnDeadline = (date: string | null): string => (date ? vn(date) : 'không thời hạn');
const status = (value: TaskStatus): string => `"${TASK_STATUS_LABELS_VI[value]}"`;

export const MAX_TITLE_LENGTH = 1000;

/** How refusals name the aggregate. */
export const TASK_AGGREGATE = { en: 'task', vi: 'nhiệm vụ' } as const;

/** How the fields of task commands are labelled on the forms clerks fill in. */
const TASK_FIELD_LABELS_VI: Readonly<Record<string, string>> = {
  taskId: 'Mã nhiệm vụ',
  directiveId: 'Văn bản giao nhiệm vụ',
  directiveReference: 'Số, ký hiệu văn bản',
  assigningAgency: 'Cơ quan giao nhiệm vụ',
  title: 'Nội dung nhiệm vụ',
  leadAgency: 'Đơn vị chủ trì',
  supportAgencies: 'Đơn vị phối hợp',
  deadline: 'Thời hạn',
  keyTask: 'Nhiệm vụ trọng tâm',
  workProgrammeItem: 'Đề án trong chương trình công tác',
  leaderInCharge: 'Lãnh đạo phụ trách',
  agency: 'Đơn vị báo cáo',
  percent: 'Tỷ lệ tiến độ',
  note: 'Nội dung báo cáo',
  documents: 'Văn bản kèm theo',
  requestId: 'Mã đề nghị',
  kind: 'Loại',
  proposedDeadline: 'Thời hạn đề xuất',
  newDeadline: 'Thời hạn mới',
  reason: 'Lý do',
  completedOn: 'Ngày hoàn thành',
  resultDocument: 'Văn bản kết quả',
  message: 'Nội dung đôn đốc',
};

/** A field of a task command as refusals name it. */
export const taskFieldLabel = (field: string): FieldLabel => ({
  field,
  en: `Field "${field}"`,
  vi: TASK_FIELD_LABELS_VI[field] ?? field,
});

export const taskErrors = {
  unknownCommand: (type: unknown) => unknownCommand(type, TASK_AGGREGATE),

  invalidField: (field: string, expectedEn: string, expectedVi: string) =>
    new DomainError(
      'invalid_input',
      'invalid_field',
      `Field "${field}" is invalid: ${expectedEn}.`,
      `Trường "${TASK_FIELD_LABELS_VI[field] ?? field}" không hợp lệ: ${expectedVi}.`,
      { field },
    ),

  dateOutOfRange: (field: string, date: string) =>
    new DomainError(
      'invalid_input',
      'date_out_of_range',
      `Field "${field}": ${date} is after ${LATEST_INPUT_DATE}, the last date Chidao accepts.`,
      `Trường "${TASK_FIELD_LABELS_VI[field] ?? field}": ngày ${vn(date)} quá xa, chỉ được nhập ngày đến ${vn(LATEST_INPUT_DATE)}.`,
      { field, value: date, max: LATEST_INPUT_DATE },
    ),

  taskNotFound: () =>
    new DomainError(
      'not_found',
      'task_not_found',
      'The task does not exist: it has not been assigned.',
      'Nhiệm vụ không tồn tại hoặc chưa được giao; kiểm tra lại mã nhiệm vụ.',
    ),

  taskAlreadyAssigned: (taskId: string) =>
    new DomainError(
      'rule_refused',
      'task_already_assigned',
      `Task ${taskId} has already been assigned; use reassignment to change its lead agency.`,
      `Nhiệm vụ ${taskId} đã được giao; nếu cần đổi đơn vị chủ trì, hãy dùng chức năng giao lại.`,
      { taskId },
    ),

  taskClosed: (closed: 'cancelled' | 'withdrawn', closedOn: string | null) =>
    new DomainError(
      'rule_refused',
      'task_closed',
      `The task was ${closed}${closedOn ? ` on ${closedOn}` : ''}; it accepts no further action.`,
      `Nhiệm vụ ${closed === 'cancelled' ? 'đã bị hủy' : 'đã được rút'}${
        closedOn ? ` ngày ${vn(closedOn)}` : ''
      } nên không thể thực hiện thêm thao tác nào.`,
      { status: closed, closedOn },
    ),

  taskAlreadyCompleted: (confirmedOn: string | null) =>
    new DomainError(
      'rule_refused',
      'task_already_completed',
      'The task has been confirmed complete; it accepts no further action.',
      `Nhiệm vụ đã được xác nhận hoàn thành${
        confirmedOn ? ` ngày ${vn(confirmedOn)}` : ''
      } nên không thể thay đổi.`,
      { confirmedOn },
    ),

  dateBeforeAssignment: (field: string, date: string, assignedOn: string) =>
    new DomainError(
      'rule_refused',
      'date_before_assignment',
      `The date ${date} (${field}) is before the task was assigned (${assignedOn}).`,
      `Ngày ${vn(date)} trước ngày giao nhiệm vụ (${vn(assignedOn)}); kiểm tra lại ngày đã nhập.`,
      { field, date, assignedOn },
    ),

  deadlineBeforeAssignment: (deadline: string, assignedOn: string) =>
    new DomainError(
      'rule_refused',
      'deadline_before_assignment',
      `The deadline ${deadline} is before the assignment date ${assignedOn}.`,
      `Thời hạn ${vn(deadline)} không được trước ngày giao nhiệm vụ (${vn(assignedOn)}).`,
      { deadline, assignedOn },
    ),

  titleRequired: () =>
    new DomainError(
      'invalid_input',
      'title_required',
      'The task title is empty.',
      'Chưa nhập nội dung (tên) nhiệm vụ.',
    ),

  titleTooLong: (length: number) =>
    new DomainError(
      'rule_refused',
      'title_too_long',
      `The task title has ${length} characters; at most ${MAX_TITLE_LENGTH} are allowed.`,
      `Nội dung nhiệm vụ dài ${length} ký tự, vượt quá ${MAX_TITLE_LENGTH} ký tự cho phép; hãy rút gọn.`,
      { length, max: MAX_TITLE_LENGTH },
    ),

  supportAgencyDuplicate: (agency: string) =>
    new DomainError(
      'rule_refused',
      'support_agency_duplicate',
      `Supporting agency ${agency} is listed more than once.`,
      `Đơn vị phối hợp ${agency} bị nhập trùng; mỗi đơn vị chỉ ghi một lần.`,
      { agency },
    ),

  supportAgencyIsLead: (agency: string) =>
    new DomainError(
      'rule_refused',
      'support_agency_is_lead',
      `Agency ${agency} cannot be both lead and supporting agency.`,
      `Đơn vị ${agency} đã là đơn vị chủ trì nên không thể đồng thời là đơn vị phối hợp.`,
      { agency },
    ),

  reasonRequired: () =>
    new DomainError(
      'invalid_input',
      'reason_required',
      'A reason is required.',
      'Phải nêu rõ lý do.',
    ),

  noteRequired: () =>
    new DomainError(
      'invalid_input',
      'note_required',
      'A progress report needs a text describing the work done.',
      'Báo cáo tiến độ phải có nội dung mô tả kết quả thực hiện.',
    ),

  taskAlreadyReceived: (current: TaskStatus) =>
    new DomainError(
      'rule_refused',
      'task_already_received',
      `The task has already been received (status ${current}).`,
      `Nhiệm vụ đã được tiếp nhận trước đó (trạng thái ${status(current)}).`,
      { status: current },
    ),

  taskRefused: () =>
    new DomainError(
      'rule_refused',
      'task_refused',
      'The lead agency refused the task; it waits for reassignment.',
      'Nhiệm vụ đã bị đơn vị chủ trì từ chối và đang chờ giao lại cho đơn vị khác.',
    ),

  taskNotReceived: (current: TaskStatus) =>
    new DomainError(
      'rule_refused',
      'task_not_received',
      `The lead agency has not received the task (status ${current}).`,
      current === 'refused'
        ? 'Nhiệm vụ đã bị từ chối và đang chờ giao lại nên chưa thể thực hiện thao tác này.'
        : 'Đơn vị chủ trì chưa tiếp nhận nhiệm vụ; cần tiếp nhận trước khi thực hiện thao tác này.',
      { status: current },
    ),

  progressAlreadyReported: () =>
    new DomainError(
      'rule_refused',
      'progress_already_reported',
      'The lead agency has already reported work on this task; it can no longer refuse it.',
      'Đơn vị chủ trì đã báo cáo kết quả thực hiện nhiệm vụ nên không thể từ chối nữa.',
    ),

  sameLeadAgency: (agency: string) =>
    new DomainError(
      'rule_refused',
      'same_lead_agency',
      `Agency ${agency} is already the lead agency.`,
      `Đơn vị ${agency} đang là đơn vị chủ trì; hãy chọn đơn vị khác để giao lại.`,
      { agency },
    ),

  invalidProgress: (percent: unknown) =>
    new DomainError(
      'invalid_input',
      'invalid_progress',
      `Progress must be a whole number from 0 to 100, got ${String(percent)}.`,
      `Tỷ lệ tiến độ phải là số nguyên từ 0 đến 100 (đã nhập: ${String(percent)}).`,
      { percent },
    ),

  agencyNotInvolved: (agency: string) =>
    new DomainError(
      'rule_refused',
      'agency_not_involved',
      `Agency ${agency} is neither the lead nor a supporting agency of this task.`,
      `Đơn vị ${agency} không phải đơn vị chủ trì hay phối hợp của nhiệm vụ này.`,
      { agency },
    ),

  reminderAlreadyIssued: (rule: string, occurrence: string) =>
    new DomainError(
      'rule_refused',
      'reminder_already_issued',
      `A reminder (${rule}, ${occurrence}) was already issued for this task.`,
      'Nhắc việc này đã được gửi cho nhiệm vụ; không gửi lại.',
      { rule, occurrence },
    ),
  taskOnHold: () =>
    new DomainError(
      'rule_refused',
      'task_on_hold',
      'The task is on hold.',
      'Nhiệm vụ đang tạm hoãn; cần cho tiếp tục thực hiện trước.',
    ),

  taskNotOnHold: (current: TaskStatus) =>
    new DomainError(
      'rule_refused',
      'task_not_on_hold',
      `The task is not on hold (status ${current}).`,
      `Nhiệm vụ không ở trạng thái tạm hoãn (hiện đang ${status(current)}).`,
      { status: current },
    ),

  requestPending: (requestId: string) =>
    new DomainError(
      'rule_refused',
      'request_pending',
      `Deadline change request ${requestId} is still pending.`,
      `Đề nghị điều chỉnh thời hạn ${requestId} đang chờ xử lý; cần phê duyệt hoặc từ chối trước.`,
      { requestId },
    ),

  requestIdTaken: (requestId: string) =>
    new DomainError(
      'conflict',
      'request_id_taken',
      `A request with id ${requestId} already exists on this task.`,
      `Mã đề nghị ${requestId} đã được dùng cho nhiệm vụ này.`,
      { requestId },
    ),

  deadlineAlreadyPassed: (deadline: string, date: string) =>
    new DomainError(
      'rule_refused',
      'deadline_already_passed',
      `The deadline ${deadline} passed before ${date}; changes must be requested by the deadline.`,
      `Thời hạn ${vn(deadline)} đã qua; đề nghị điều chỉnh phải gửi trước hoặc trong ngày hết hạn.`,
      { deadline, date },
    ),

  deadlineUnchanged: (deadline: string | null) =>
    new DomainError(
      'rule_refused',
      'deadline_unchanged',
      `The new deadline equals the deadline in force (${deadline ?? 'none'}).`,
      `Thời hạn mới trùng với thời hạn hiện hành (${vnDeadline(deadline)}).`,
      { deadline },
    ),

  extensionNotAfterDeadline: (proposed: string, deadline: string) =>
    new DomainError(
      'invalid_input',
      'extension_not_after_deadline',
      `An extension must propose a date after the deadline in force (${deadline}); ${proposed} is not.`,
      `Thời hạn đề xuất phải sau thời hạn hiện hành (${vn(deadline)}); ngày ${vn(proposed)} không gia hạn thêm.`,
      { field: 'proposedDeadline', value: proposed, deadline },
    ),

  proposedDeadlineRequired: () =>
    new DomainError(
      'invalid_input',
      'proposed_deadline_required',
      'An extension request needs a proposed deadline.',
      'Đề nghị gia hạn phải nêu thời hạn đề xuất.',
    ),

  requestNotFound: (requestId: string) =>
    new DomainError(
      'not_found',
      'request_not_found',
      `No deadline change request ${requestId} on this task.`,
      `Không tìm thấy đề nghị điều chỉnh thời hạn ${requestId} của nhiệm vụ này.`,
      { requestId },
    ),

  requestAlreadyDecided: (
    requestId: string,
    decided: DeadlineRequestStatus,
    decidedOn: string | null,
  ) =>
    new DomainError(
      'rule_refused',
      'request_already_decided',
      `Request ${requestId} was already ${decided}${decidedOn ? ` on ${decidedOn}` : ''}.`,
      `Đề nghị ${requestId} đã được ${decided === 'approved' ? 'phê duyệt' : 'từ chối'}${
        decidedOn ? ` ngày ${vn(decidedOn)}` : ''
      }; không thể xử lý lại.`,
      { requestId, status: decided, decidedOn },
    ),

  dateBeforeRequest: (date: string, requestedOn: string) =>
    new DomainError(
      'rule_refused',
      'date_before_request',
      `The decision date ${date} is before the request was made (${requestedOn}).`,
      `Ngày xử lý ${vn(date)} trước ngày gửi đề nghị (${vn(requestedOn)}).`,
      { date, requestedOn },
    ),

  completionAlreadyReported: () =>
    new DomainError(
      'rule_refused',
      'completion_already_reported',
      'Completion has already been reported and awaits confirmation.',
      'Nhiệm vụ đã được báo cáo hoàn thành và đang chờ xác nhận.',
    ),

  resultDocumentRequired: () =>
    new DomainError(
      'invalid_input',
      'result_document_required',
      'A completion report needs the reference of the result document.',
      'Báo cáo hoàn thành phải ghi số, ký hiệu văn bản kết quả.',
    ),

  completionAfterReportDate: (completedOn: string, reportedOn: string) =>
    new DomainError(
      'rule_refused',
      'completion_after_report_date',
      `The work date ${completedOn} is after the report date ${reportedOn}.`,
      `Ngày hoàn thành ${vn(completedOn)} sau ngày báo cáo (${vn(reportedOn)}); không thể báo cáo trước việc chưa làm xong.`,
      { completedOn, reportedOn },
    ),

  nothingToConfirm: (current: TaskStatus) =>
    new DomainError(
      'rule_refused',
      'nothing_to_confirm',
      `The task has no completion report awaiting confirmation (status ${current}).`,
      'Nhiệm vụ chưa được báo cáo hoàn thành nên không thể xác nhận.',
      { status: current },
    ),

  nothingToReturn: (current: TaskStatus) =>
    new DomainError(
      'rule_refused',
      'nothing_to_return',
      `The task has no completion report awaiting confirmation (status ${current}).`,
      'Nhiệm vụ chưa được báo cáo hoàn thành nên không có gì để trả lại.',
      { status: current },
    ),

  dateBeforeCompletionReport: (date: string, reportedOn: string) =>
    new DomainError(
      'rule_refused',
      'date_before_completion_report',
      `The date ${date} is before the completion report (${reportedOn}).`,
      `Ngày ${vn(date)} trước ngày báo cáo hoàn thành (${vn(reportedOn)}).`,
      { date, reportedOn },
    ),
};

/** Every code decideTask may answer, for callers that map codes (e.g. to HTTP statuses). */
export const TASK_ERROR_CODES = [
  // from the shared calendar checks
  'invalid_date',
  'business_date_in_future',
  // from the shared document reference check (the result document of a completion)
  'invalid_document_reference',
  // from taskErrors
  'unknown_command',
  'invalid_field',
  'date_out_of_range',
  'task_not_found',
  'task_already_assigned',
  'extension_not_after_deadline',
  'task_closed',
  'task_already_completed',
  'date_before_assignment',
  'deadline_before_assignment',
  'title_required',
  'title_too_long',
  'support_agency_duplicate',
  'support_agency_is_lead',
  'reason_required',
  'note_required',
  'task_already_received',
  'task_refused',
  'task_not_received',
  'progress_already_reported',
  'same_lead_agency',
  'invalid_progress',
  'agency_not_involved',
  'task_on_hold',
  // from decideTaskReminder
  'reminder_already_issued',
  'task_not_on_hold',
  'request_pending',
  'request_id_taken',
  'deadline_already_passed',
  'deadline_unchanged',
  'proposed_deadline_required',
  'request_not_found',
  'request_already_decided',
  'date_before_request',
  'completion_already_reported',
  'result_document_required',
  'completion_after_report_date',
  'nothing_to_confirm',
  'nothing_to_return',
  'date_before_completion_report',
] as const;
