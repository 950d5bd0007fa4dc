/**
 * Any list or table as a file people open in Excel: Vietnamese headings, every text cell through
 * spreadsheetCell (no formula, no control character), numbers left as numbers. CSV is written in
 * chunks; the workbook through exceljs' streaming writer, so long lists are never held twice.
 */
import { spreadsheetCell } from '@chidao/domain';
import type { Writable } from 'node:stream';

export interface ExportColumn<T> {
  readonly header: string;
  /** Characters, for the workbook. */
  readonly width: number;
  readonly value: (row: T, index: number) => string | number | null;
}

export interface TableHeading {
  /** The sheet's name (Excel allows 31 characters). */
  readonly sheet: string;
  /** Lines above the table in the workbook: the title, then what was chosen, in words. */
  readonly lines: readonly string[];
}

/** dd/mm/yyyy from YYYY-MM-DD (or an ISO instant's date); empty for none. */
export const dayMonthYear = (date: string | null | undefined): string =>
  date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';

const cellOf = (value: string | number | null): string | number =>
  typeof value === 'number' ? value : spreadsheetCell(value ?? '');

/** The CSV, as chunks: a BOM (Excel reads UTF-8 then), one line per row, CRLF. */
export function* tableCsv<T>(
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
): Generator<string> {
  yield `\uFEFF${csvRow(columns.map((c) => c.header))}\r\n`;
  let chunk = '';
  for (let i = 0; i < rows.length; i += 1) {
    chunk += `${csvRow(columns.map((c) => String(cellOf(c.value(rows[i], i)))))}\r\n`;
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

/** The workbook, streamed into `out`: the heading lines, then the table with bold headings. */
export async function writeTableXlsx<T>(
  out: Writable,
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
  heading: TableHeading,
): Promise<void> {
  // exceljs takes ~0.3 s to load: only a request for a workbook pays for it.
  const { stream } = await import('exceljs');
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(heading.sheet.slice(0, 31));
  sheet.columns = columns.map((c) => ({ width: c.width }));
  for (const line of heading.lines) sheet.addRow([spreadsheetCell(line)]).commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  rows.forEach((row, i) => sheet.addRow(columns.map((c) => cellOf(c.value(row, i)))).commit());
  sheet.commit();
  await workbook.commit();
}
