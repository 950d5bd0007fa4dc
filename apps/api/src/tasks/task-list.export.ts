/**
 * A task list's columns as a file shows them, exactly as filtered and sorted on screen:
 * Vietnamese headers, agencies by name, dates dd/mm/yyyy (written by ../exports/table-file).
 * The headings the import recognises come first where it reads them (document, its issue date,
 * progress in words, result document), so a list exported here can be imported into another
 * store (docs/imports.md, "A list and back": what survives and what does not).
 */
import { TASK_STATUS_LABELS_VI, type TaskClass, type TaskStatus } from '@chidao/domain';
import { dayMonthYear, type ExportColumn } from '../exports/table-file';
import type { ExportedTaskRow } from './task-list.queries';

export const TASK_CLASS_LABELS_VI: Readonly<Record<TaskClass, string>> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  done_no_deadline: 'Hoàn thành (không thời hạn)',
  not_done_within_deadline: 'Chưa hoàn thành - trong hạn',
  not_done_overdue: 'Chưa hoàn thành - quá hạn',
  not_done_no_deadline: 'Chưa hoàn thành (không thời hạn)',
};

/**
 * The progress in the words the import reads (libs/imports, progressOf): done, in progress with
 * its percent, not started; what else the status says follows in brackets, for the reader.
 */
const PROGRESS_WORDS_VI: Readonly<Record<TaskStatus, string>> = {
  assigned: 'Chưa triển khai (đã giao, chờ tiếp nhận)',
  refused: 'Chưa triển khai (bị từ chối, chờ giao lại)',
  in_progress: 'Đang thực hiện',
  awaiting_confirmation: 'Đang thực hiện (chờ xác nhận hoàn thành)',
  returned: 'Đang thực hiện (bị trả lại, đang thực hiện lại)',
  completed: 'Đã hoàn thành',
  on_hold: 'Đang thực hiện (tạm hoãn)',
  cancelled: 'Đã hủy',
  withdrawn: 'Đã rút',
};

export function progressInWords(t: Pick<ExportedTaskRow, 'status' | 'progress'>): string {
  const words = PROGRESS_WORDS_VI[t.status];
  if (t.progress === null || !words.startsWith('Đang thực hiện')) return words;
  return words.replace('Đang thực hiện', `Đang thực hiện, đạt ${t.progress}%`);
}

export const TASK_EXPORT_COLUMNS: readonly ExportColumn<ExportedTaskRow>[] = [
  { header: 'STT', width: 6, value: (_t, i) => i + 1 },
  { header: 'Nhiệm vụ', width: 50, value: (t) => t.title },
  { header: 'Văn bản chỉ đạo', width: 18, value: (t) => t.directiveReference },
  { header: 'Ngày ban hành', width: 12, value: (t) => dayMonthYear(t.directiveIssuedOn) },
  { header: 'Cơ quan chủ trì', width: 30, value: (t) => t.leadAgencyName },
  { header: 'Cơ quan phối hợp', width: 30, value: (t) => t.supportAgencyNames.join('; ') },
  { header: 'Lãnh đạo phụ trách', width: 22, value: (t) => t.leaderInCharge ?? '' },
  { header: 'Ngày giao', width: 12, value: (t) => dayMonthYear(t.assignedOn) },
  {
    header: 'Thời hạn',
    width: 14,
    value: (t) => (t.deadline ? dayMonthYear(t.deadline) : 'Không thời hạn'),
  },
  { header: 'Tình hình thực hiện', width: 30, value: progressInWords },
  { header: 'Trạng thái', width: 22, value: (t) => TASK_STATUS_LABELS_VI[t.status] },
  {
    header: 'Phân loại tại ngày lọc',
    width: 26,
    value: (t) => (t.classAt ? TASK_CLASS_LABELS_VI[t.classAt.class] : ''),
  },
  { header: 'Số ngày quá hạn', width: 10, value: (t) => t.daysOverdue },
  { header: 'Tiến độ (%)', width: 10, value: (t) => t.progress ?? '' },
  { header: 'Ngày hoàn thành', width: 14, value: (t) => dayMonthYear(t.completedOn) },
  { header: 'Văn bản kết quả', width: 18, value: (t) => t.resultDocument ?? '' },
  { header: 'Trọng tâm', width: 10, value: (t) => (t.keyTask ? 'Có' : '') },
];

export const TASK_EXPORT_HEADERS_VI = TASK_EXPORT_COLUMNS.map((c) => c.header);
