/**
 * A made-up task list of the size a province's office keeps over years, written as an .xlsx the
 * way Excel would: a title line, the usual headings, documents of 500 tasks each, agencies named
 * by code, full name, usual abbreviation, capitals or without accents, dates as date cells,
 * dd/mm/yyyy text and Excel serials, and tasks done (on time and late), in progress (some with a
 * percent) and not started. Every row is valid: the dry run must be ready.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { AGENCIES } from '../../../apps/cli/src/demo/province';

const HEADINGS = [
  'STT',
  'Số ký hiệu',
  'Ngày ban hành',
  'Nội dung nhiệm vụ',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Thời hạn',
  'Tình hình thực hiện',
  'Ngày hoàn thành',
  'Văn bản kết quả',
];
const SYMBOLS = ['KH-UBND', 'CTr-UBND', 'TB-UBND', 'QĐ-UBND'];
const TOPICS = [
  'Triển khai chữ ký số cho cán bộ, công chức',
  'Rà soát thủ tục hành chính thuộc thẩm quyền',
  'Báo cáo tình hình giải ngân vốn đầu tư công',
  'Xây dựng kế hoạch chuyển đổi số năm tới',
  'Kiểm tra công tác phòng chống thiên tai',
  'Tổng kết, đánh giá thực hiện chương trình mục tiêu',
];
/** Tasks per document. */
const DOCUMENT_ROWS = 500;
const DAY = 86_400_000;

const assigned = AGENCIES.filter((agency) => agency.parent !== null);
const unaccented = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/** The agency as a clerk might have typed it, five ways in turn. */
function spelled(index: number, way: number): string {
  const agency = assigned[index % assigned.length];
  switch (way % 5) {
    case 0:
      return agency.name;
    case 1:
      return agency.code;
    case 2:
      return unaccented(agency.name);
    case 3:
      return agency.name.toUpperCase();
    default:
      return agency.short.includes('&') ? agency.short : agency.name;
  }
}

/** A date as date cell, dd/mm/yyyy text or Excel serial, in turn. */
function dateCell(ms: number, way: number): Date | string | number {
  const date = new Date(ms);
  if (way % 3 === 0) return date;
  if (way % 3 === 1) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  }
  return Math.round(ms / DAY) + 25_569; // Excel's serial: days since 30/12/1899
}

export interface GeneratedList {
  readonly rows: number;
  readonly documents: number;
  readonly bytes: number;
}

/**
 * Writes `rows` tasks to `file`; `series` makes the references its own, so that several lists
 * imported into one store never meet.
 */
export async function writeGeneratedList(
  file: string,
  rows: number,
  series = 0,
): Promise<GeneratedList> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('Theo dõi nhiệm vụ');
  sheet.addRow(['DANH MỤC NHIỆM VỤ UBND TỈNH GIAO']).commit();
  sheet.addRow(HEADINGS).commit();
  const start = Date.UTC(2022, 0, 4);
  let documents = 0;
  for (let i = 0; i < rows; i += 1) {
    const document = Math.floor(i / DOCUMENT_ROWS);
    documents = document + 1;
    const issued = start + document * 9 * DAY;
    const reference = `${series * 1000 + document + 1}/${SYMBOLS[document % SYMBOLS.length]}`;
    const noDeadline = i % 23 === 0;
    const deadline = issued + (30 + (i % 150)) * DAY;
    const kind = i % 10;
    const done = kind < 5;
    // Three done tasks in ten on time, two late.
    const completed = done
      ? kind < 3
        ? deadline - (i % 20) * DAY
        : deadline + (1 + (i % 40)) * DAY
      : null;
    const status = done
      ? 'Đã hoàn thành'
      : kind < 7
        ? 'Đang thực hiện'
        : kind < 8
          ? `Đang thực hiện, đạt ${10 * (1 + (i % 9))}%`
          : 'Chưa triển khai';
    sheet
      .addRow([
        i + 1,
        reference,
        // Every other document gives its issue date on its first row only, as offices do.
        document % 2 === 0 || i % DOCUMENT_ROWS === 0 ? dateCell(issued, document) : null,
        `${TOPICS[i % TOPICS.length]} (nhiệm vụ ${i + 1})`,
        spelled(i, Math.floor(i / assigned.length)),
        i % 4 === 0 ? spelled(i + 7, i) : null,
        noDeadline ? 'Thường xuyên' : dateCell(deadline, i),
        status,
        completed === null ? null : dateCell(completed, i + 1),
        done ? `${(i % 300) + 1}/BC-${assigned[i % assigned.length].code}` : null,
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
  return { rows, documents, bytes: fs.statSync(file).size };
}
