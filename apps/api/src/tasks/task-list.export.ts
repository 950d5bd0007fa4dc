/**
 * A task list as a file, exactly as filtered and sorted on screen: Vietnamese headers, agencies
 * by name, dates dd/mm/yyyy, every cell through spreadsheetCell (no formula, no control
 * character). CSV is written row by row; the workbook through exceljs' streaming writer.
 */
import { spreadsheetCell, TASK_STATUS_LABELS_VI, type TaskClass } from '@chidao/domain';
import type { Writable } from 'node:stream';
import type { NamedTaskTableItem } from './task-list.queries';

export const TASK_CLASS_LABELS_VI: Readonly<Record<TaskClass, string>> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  done_no_deadline: 'Hoàn thành (không thời hạn)',
  not_done_within_deadline: 'Chưa hoàn thành - trong hạn',
  not_done_overdue: 'Chưa hoàn thành - quá hạn',
  not_done_no_deadline: 'Chưa hoàn thành (không thời hạn)',
};

/** dd/mm/yyyy from YYYY-MM-DD; empty for none. */
export const dayMonthYear = (date: string | null | undefined): string =>
  date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';

const COLUMNS: ReadonlyArray<{
  header: string;
  width: number;
  value: (t: NamedTaskTableItem, index: number) => string | number;
}> = [
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

export const TASK_EXPORT_HEADERS_VI = COLUMNS.map((c) => c.header);

const cellOf = (value: string | number): string | number =>
  typeof value === 'number' ? value : spreadsheetCell(value);

/** The CSV, as chunks: a BOM (Excel reads UTF-8 then), one line per row, CRLF. */
export function* taskListCsv(items: readonly NamedTaskTableItem[]): Generator<string> {
  yield `\uFEFF${csvRow(TASK_EXPORT_HEADERS_VI)}\r\n`;
  let chunk = '';
  for (let i = 0; i < items.length; i += 1) {
    chunk += `${csvRow(COLUMNS.map((c) => String(cellOf(c.value(items[i], i)))))}\r\n`;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function csvRow(fields: readonly string[]): string {
  return fields
    .map((field) => {
      const safe = spreadsheetCell(field);
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}

/** The workbook, streamed into `out`: a title line, the filters in words, then the table. */
export async function writeTaskListXlsx(
  out: Writable,
  items: readonly NamedTaskTableItem[],
  heading: { title: string; filters: string },
): Promise<void> {
  // exceljs takes ~0.3 s to load: only a request for a workbook pays for it.
  const { stream } = await import('exceljs');
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('Danh sách nhiệm vụ');
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow([spreadsheetCell(heading.title)]).commit();
  sheet.addRow([spreadsheetCell(heading.filters)]).commit();
  const header = sheet.addRow(TASK_EXPORT_HEADERS_VI);
  header.font = { bold: true };
  header.commit();
  items.forEach((item, i) => sheet.addRow(COLUMNS.map((c) => cellOf(c.value(item, i)))).commit());
  sheet.commit();
  await workbook.commit();
}
