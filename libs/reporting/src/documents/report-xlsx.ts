import {
  documentSafe,
  formatCount,
  spreadsheetCell,
  type CompletionStats,
  type Rate,
} from '@chidao/domain';
// exceljs takes ~0.3 s to load: only a request for a workbook pays for it, not every start.
import type { Workbook, Worksheet } from 'exceljs';
import type { ReportList, ReportSnapshot } from '../report.types';
import {
  codeAsName,
  logAnchorLineVi,
  overdueShareOf,
  scopeLineVi,
  utcDate,
  viDateTime,
  type AgencyNameOf,
} from './document-format';

/**
 * The snapshot as a workbook for the tracking office: a summary sheet (what the report covers,
 * the figures per agency) and one sheet per list behind them. Rates appear twice, as printed
 * (the text people quote) and as numbers (what people sort and chart).
 *
 * Content is deterministic: every value and both workbook dates come from the snapshot. The zip
 * bytes are not, because exceljs stamps each zip entry with the time of writing.
 */

export const SHEET_NAMES_VI = {
  summary: 'Tổng hợp',
  overdue: 'Quá hạn',
  doneLate: 'Hoàn thành trễ hạn',
  deadlineChanges: 'Điều chỉnh thời hạn',
} as const;

const DATE_FORMAT = 'dd/mm/yyyy';
const HEADER_FILL = 'FFD9E1F2';

export async function reportWorkbook(
  logSnapshot: ReportSnapshot,
  agencyNameOf: AgencyNameOf = codeAsName,
): Promise<Buffer> {
  const nameOf: AgencyNameOf = (code) => documentSafe(agencyNameOf(code));
  const { Workbook } = await import('exceljs');
  // Titles and names as an older log may hold them: no character that breaks the XML.
  const snapshot = documentSafe(logSnapshot);
  const workbook = new Workbook();
  const takenAt = new Date(snapshot.takenAt);
  workbook.creator = snapshot.takenBy.displayName ?? snapshot.takenBy.userId;
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = takenAt;
  workbook.modified = takenAt;
  workbook.title = `Báo cáo tình hình thực hiện nhiệm vụ ${snapshot.period.labelVi}`;

  addSummarySheet(workbook, snapshot, nameOf);
  addOverdueSheet(workbook, snapshot.figures.overdue, nameOf);
  addDoneLateSheet(workbook, snapshot.figures.doneLate, nameOf);
  addDeadlineChangesSheet(workbook, snapshot.figures.deadlineChanges, nameOf);
  neutraliseFormulas(workbook);

  const written = await workbook.xlsx.writeBuffer();
  // exceljs types its result as its own Buffer interface; at run time it is a Node Buffer.
  return Buffer.from(written);
}

/**
 * Columns of the per-agency table, in order; the API's statistics exports use them too, so a
 * table reads the same in a report and in a download.
 */
export const FIGURE_COLUMNS: ReadonlyArray<{
  header: string;
  width: number;
  value: (s: CompletionStats) => number | string | null;
}> = [
  { header: 'Tổng số nhiệm vụ', width: 12, value: (s) => s.total },
  { header: 'Đã hoàn thành', width: 12, value: (s) => s.done.total },
  { header: 'Hoàn thành đúng hạn', width: 12, value: (s) => s.done.onTime },
  { header: 'Hoàn thành quá hạn', width: 12, value: (s) => s.done.late },
  { header: 'Chưa hoàn thành - trong hạn', width: 14, value: (s) => s.notDone.withinDeadline },
  { header: 'Chưa hoàn thành - quá hạn', width: 14, value: (s) => s.notDone.overdue },
  // One column, as DOMAIN.md reports them: "done or not, reported on its own line".
  { header: 'Không thời hạn', width: 12, value: (s) => s.done.noDeadline + s.notDone.noDeadline },
  { header: 'Tỷ lệ hoàn thành', width: 12, value: (s) => s.rates.doneOfAssigned.display },
  {
    header: 'Tỷ lệ nhiệm vụ đến hạn đã hoàn thành',
    width: 14,
    value: (s) => s.rates.doneOfDue.display,
  },
  { header: 'Tỷ lệ hoàn thành đúng hạn', width: 14, value: (s) => s.rates.onTimeOfDone.display },
  {
    header: 'Tỷ lệ nhiệm vụ quá hạn chưa hoàn thành',
    width: 14,
    value: (s) => overdueShareOf(s).display,
  },
  { header: 'Tỷ lệ hoàn thành (%)', width: 12, value: (s) => percentOf(s.rates.doneOfAssigned) },
  {
    header: 'Tỷ lệ đến hạn đã hoàn thành (%)',
    width: 14,
    value: (s) => percentOf(s.rates.doneOfDue),
  },
  { header: 'Tỷ lệ đúng hạn (%)', width: 12, value: (s) => percentOf(s.rates.onTimeOfDone) },
  { header: 'Tỷ lệ quá hạn (%)', width: 12, value: (s) => percentOf(overdueShareOf(s)) },
];
const FIRST_PERCENT_COLUMN = 2 + FIGURE_COLUMNS.findIndex((c) => c.header.endsWith('(%)'));

// No denominator, no number: an empty cell, never a 0 that charts would plot.
const percentOf = (rate: Rate): number | null => rate.percent;

function addSummarySheet(workbook: Workbook, snapshot: ReportSnapshot, nameOf: AgencyNameOf): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES_VI.summary);
  const { period, figures } = snapshot;
  sheet.addRow(['BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ']).font = { bold: true, size: 14 };
  const info: Array<[string, string | number | Date]> = [
    ['Kỳ báo cáo', period.labelVi],
    ['Từ ngày', utcDate(period.start)],
    ['Đến ngày (ngày chốt số liệu)', utcDate(period.end)],
    ['Phạm vi', scopeLineVi(snapshot.scope)],
    ['Vị trí nhật ký sự kiện', snapshot.position],
    ['Mã kiểm tra (SHA-256)', snapshot.digest],
    // People read the time the report was made in Vietnam time, as they write it.
    ['Thời điểm lập', viDateTime(snapshot.takenAt)],
    ['Mã báo cáo kỳ', snapshot.id],
  ];
  const anchorLine = logAnchorLineVi(snapshot);
  if (anchorLine !== null) info.push(['Neo nhật ký', anchorLine]);
  for (const [label, value] of info) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
  }
  if (figures.previous !== null) {
    const p = figures.previous;
    const row = sheet.addRow([
      'So với kỳ trước',
      `${p.period.labelVi}: số nhiệm vụ quá hạn ${signed(p.overdueChange)}`,
    ]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);

  const header = sheet.addRow(['Cơ quan, đơn vị', ...FIGURE_COLUMNS.map((c) => c.header)]);
  styleHeader(header);
  const tableStart = header.number;
  for (const group of figures.byAgency) {
    sheet.addRow([nameOf(group.label), ...FIGURE_COLUMNS.map((c) => c.value(group.stats))]);
  }
  const total = sheet.addRow(['Tổng cộng', ...FIGURE_COLUMNS.map((c) => c.value(figures.scope))]);
  total.font = { bold: true };
  for (let r = tableStart + 1; r <= total.number; r += 1) {
    for (let c = FIRST_PERCENT_COLUMN; c <= FIGURE_COLUMNS.length + 1; c += 1) {
      sheet.getRow(r).getCell(c).numFmt = '0.00';
    }
  }

  sheet.getColumn(1).width = 34;
  FIGURE_COLUMNS.forEach((column, i) => (sheet.getColumn(i + 2).width = column.width));
  // The label, scope and digest sit in column B, kept narrow by the table: they overflow right.
}

const signed = (change: number): string =>
  change === 0
    ? 'không thay đổi'
    : `${change > 0 ? 'tăng' : 'giảm'} ${formatCount(Math.abs(change))}`;

interface ListColumn<E> {
  readonly header: string;
  readonly width: number;
  readonly value: (entry: E) => string | number | Date | null;
  readonly date?: boolean;
}

function addListSheet<E>(
  workbook: Workbook,
  name: string,
  list: ReportList<E>,
  columns: ReadonlyArray<ListColumn<E>>,
): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'STT', width: 6 },
    ...columns.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.date ? { style: { numFmt: DATE_FORMAT } } : {}),
    })),
  ];
  styleHeader(sheet.getRow(1));
  list.entries.forEach((entry, i) => {
    const row = sheet.addRow([i + 1, ...columns.map((c) => c.value(entry))]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  if (list.total > list.entries.length) {
    sheet.addRow([]);
    sheet.addRow([
      `Danh sách nêu ${formatCount(list.entries.length)} ` +
        `trong tổng số ${formatCount(list.total)} nhiệm vụ.`,
    ]).font = { italic: true };
  }
  return sheet;
}

const dateOrNull = (isoDate: string | null): Date | null =>
  isoDate === null ? null : utcDate(isoDate);

function addOverdueSheet(
  workbook: Workbook,
  list: ReportSnapshot['figures']['overdue'],
  nameOf: AgencyNameOf,
): void {
  addListSheet(workbook, SHEET_NAMES_VI.overdue, list, [
    { header: 'Nhiệm vụ', width: 60, value: (e) => e.title },
    { header: 'Văn bản giao', width: 18, value: (e) => e.directiveReference },
    { header: 'Đơn vị chủ trì', width: 24, value: (e) => nameOf(e.leadAgency) },
    { header: 'Ngày giao', width: 12, value: (e) => utcDate(e.assignedOn), date: true },
    { header: 'Thời hạn', width: 12, value: (e) => utcDate(e.deadline), date: true },
    { header: 'Số ngày quá hạn', width: 10, value: (e) => e.daysOverdue },
  ]);
}

function addDoneLateSheet(
  workbook: Workbook,
  list: ReportSnapshot['figures']['doneLate'],
  nameOf: AgencyNameOf,
): void {
  addListSheet(workbook, SHEET_NAMES_VI.doneLate, list, [
    { header: 'Nhiệm vụ', width: 60, value: (e) => e.title },
    { header: 'Văn bản giao', width: 18, value: (e) => e.directiveReference },
    { header: 'Đơn vị chủ trì', width: 24, value: (e) => nameOf(e.leadAgency) },
    { header: 'Thời hạn', width: 12, value: (e) => utcDate(e.deadline), date: true },
    { header: 'Ngày hoàn thành', width: 12, value: (e) => utcDate(e.completedOn), date: true },
    { header: 'Số ngày trễ hạn', width: 10, value: (e) => e.daysLate },
  ]);
}

function addDeadlineChangesSheet(
  workbook: Workbook,
  list: ReportSnapshot['figures']['deadlineChanges'],
  nameOf: AgencyNameOf,
): void {
  addListSheet(workbook, SHEET_NAMES_VI.deadlineChanges, list, [
    { header: 'Nhiệm vụ', width: 60, value: (e) => e.title },
    { header: 'Văn bản giao', width: 18, value: (e) => e.directiveReference },
    { header: 'Đơn vị chủ trì', width: 24, value: (e) => nameOf(e.leadAgency) },
    {
      header: 'Thời hạn ban đầu',
      width: 12,
      value: (e) => dateOrNull(e.originalDeadline),
      date: true,
    },
    { header: 'Thời hạn hiện hành', width: 12, value: (e) => dateOrNull(e.deadline), date: true },
  ]);
}

/**
 * exceljs writes a string as text, but a clerk who edits such a cell, or saves the sheet as CSV,
 * turns `=…` into a formula: every text cell is made a spreadsheet-safe cell.
 */
function neutraliseFormulas(workbook: Workbook): void {
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = spreadsheetCell(cell.value);
      }),
    ),
  );
}

function styleHeader(row: ReturnType<Worksheet['getRow']>): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = {
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
}
