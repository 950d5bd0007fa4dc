/**
 * A task list's columns as a file shows them, exactly as filtered and sorted on screen:
 * Vietnamese headers, agencies by name, dates dd/mm/yyyy (written by ../exports/table-file).
 */
import { TASK_STATUS_LABELS_VI, type TaskClass } from '@chidao/domain';
import { dayMonthYear, type ExportColumn } from '../exports/table-file';
import type { NamedTaskTableItem } from './task-list.queries';

export const TASK_CLASS_LABELS_VI: Readonly<Record<TaskClass, string>> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  done_no_deadline: 'Hoàn thành (không thời hạn)',
  not_done_within_deadline: 'Chưa hoàn thành - trong hạn',
  not_done_overdue: 'Chưa hoàn thành - quá hạn',
  not_done_no_deadline: 'Chưa hoàn thành (không thời hạn)',
};

export const TASK_EXPORT_COLUMNS: readonly ExportColumn<NamedTaskTableItem>[] = [
  { header: 'STT', width: 6, value: (_t, i) => i + 1 },
  { header: 'Nhiệm vụ', width: 50, value: (t) => t.title },
  { header: 'Văn bản chỉ đạo', width: 18, value: (t) => t.directiveReference },
  { header: 'Cơ quan chủ trì', width: 30, value: (t) => t.leadAgencyName },
  { header: 'Cơ quan phối hợp', width: 30, value: (t) => t.supportAgencyNames.join('; ') },
  { header: 'Lãnh đạo phụ trách', width: 22, value: (t) => t.leaderInCharge ?? '' },
  { header: 'Ngày giao', width: 12, value: (t) => dayMonthYear(t.assignedOn) },
  {
    header: 'Thời hạn',
    width: 14,
    value: (t) => (t.deadline ? dayMonthYear(t.deadline) : 'Không thời hạn'),
  },
  { header: 'Trạng thái', width: 22, value: (t) => TASK_STATUS_LABELS_VI[t.status] },
  {
    header: 'Phân loại tại ngày lọc',
    width: 26,
    value: (t) => (t.classAt ? TASK_CLASS_LABELS_VI[t.classAt.class] : ''),
  },
  { header: 'Số ngày quá hạn', width: 10, value: (t) => t.daysOverdue },
  { header: 'Tiến độ (%)', width: 10, value: (t) => t.progress ?? '' },
  { header: 'Ngày hoàn thành', width: 14, value: (t) => dayMonthYear(t.completedOn) },
  { header: 'Trọng tâm', width: 10, value: (t) => (t.keyTask ? 'Có' : '') },
];

export const TASK_EXPORT_HEADERS_VI = TASK_EXPORT_COLUMNS.map((c) => c.header);
