/**
 * A date as offices' spreadsheets hold it: a real date cell, a date typed as text (dd/mm/yyyy,
 * "ngày 5 tháng 3 năm 2024"), or the number Excel keeps for a date. Some values mean "no
 * deadline": an empty cell, "thường xuyên", "không thời hạn", and 01/01/1970 (what an empty date
 * becomes in some document systems). Anything else is a problem for the person importing, told
 * in Vietnamese with how to fix it; nothing is guessed (03/05/2024 is always 3 May).
 */
import { daysInMonth, LATEST_INPUT_DATE, type CalendarDate } from '../shared/calendar-date';
import { foldText } from '../shared/fold-text';

export type ImportedDate =
  | { readonly kind: 'date'; readonly date: CalendarDate }
  | { readonly kind: 'none' }
  | { readonly kind: 'problem'; readonly vi: string; readonly en: string };

/** Texts that mean the task has no deadline, as `foldText` leaves them. */
const NO_DEADLINE = new Set([
  '',
  '-',
  '--',
  'thuong xuyen',
  'khong thoi han',
  'khong co thoi han',
  'khong',
  'hang nam',
  'hang thang',
  'hang quy',
  'lien tuc',
]);

/** 01/01/1970: the day zero of Unix time, what an empty date cell becomes in some exports. */
const UNIX_EPOCH = '1970-01-01';

/**
 * Excel keeps a date as days since 30/12/1899 (the 1900 date system, with its phantom
 * 29/02/1900 before 1 March 1900, which no task list reaches). Serials outside 1945–2100 are
 * not dates a task list holds.
 */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_SERIAL = 16438; // 1945-01-01
const LAST_SERIAL = 73415; // 2100-12-31

const problem = (vi: string, en: string): ImportedDate => ({ kind: 'problem', vi, en });

/** A date cell's value (a Date, a number, a text, or nothing) read as a calendar day. */
export function parseImportedDate(value: unknown): ImportedDate {
  if (value === null || value === undefined) return { kind: 'none' };
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'number') return fromSerial(value);
  if (typeof value !== 'string') {
    return problem(
      'không đọc được ngày trong ô này; nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2024',
      'the cell holds no date; enter it as day/month/year, e.g. 05/03/2024',
    );
  }
  const text = foldText(value);
  if (NO_DEADLINE.has(text)) return { kind: 'none' };
  if (/^\d+(\.\d+)?$/.test(text) && !text.includes('/')) return fromSerial(Number(text));
  return fromText(text, value.trim());
}

/**
 * A date cell as spreadsheet libraries give it: midnight UTC of the day shown (a time of day
 * in the cell is dropped; it is a day, not an instant).
 */
function fromDate(date: Date): ImportedDate {
  if (Number.isNaN(date.getTime())) return problem('ô ngày bị lỗi', 'the date cell is broken');
  return checked(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), null);
}

function fromSerial(serial: number): ImportedDate {
  if (!Number.isFinite(serial) || serial < FIRST_SERIAL || serial > LAST_SERIAL) {
    return problem(
      `số ${serial} không phải một ngày; nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2024`,
      `${serial} is not a date; enter it as day/month/year, e.g. 05/03/2024`,
    );
  }
  const day = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return checked(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), null);
}

const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const WORDS = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,)\s*(\d{4})$/;

function fromText(folded: string, shown: string): ImportedDate {
  // "Trước ngày 30/6/2024", "Hạn: 30/6/2024": the date is what the cell says by.
  const text = folded.replace(/^(truoc|den|han|thoi han|cham nhat)\s*(ngay)?\s*:?\s*/, '');
  let match = DMY.exec(text);
  if (match) {
    const year = match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return checked(year, Number(match[2]), Number(match[1]), shown);
  }
  match = YMD.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]), shown);
  match = WORDS.exec(text);
  if (match) return checked(Number(match[3]), Number(match[2]), Number(match[1]), shown);
  if (/^(quy|thang|nam|6 thang|truoc|trong)\b/.test(text)) {
    return problem(
      `"${shown}" không phải một ngày cụ thể; nhập ngày cuối cùng của thời hạn, ví dụ 30/06/2024, hoặc để trống nếu không có thời hạn`,
      `"${shown}" is not a day; enter the last day of the deadline, e.g. 30/06/2024, or leave it empty for no deadline`,
    );
  }
  return problem(
    `không đọc được ngày "${shown}"; nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2024`,
    `cannot read the date "${shown}"; enter it as day/month/year, e.g. 05/03/2024`,
  );
}

function checked(year: number, month: number, day: number, shown: string | null): ImportedDate {
  const text = shown ?? `${pad(day)}/${pad(month)}/${year}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return problem(
      `ngày "${text}" không có trong lịch; kiểm tra lại ngày và tháng (ngày đứng trước tháng)`,
      `"${text}" is no day of the calendar; check the day and month (the day comes first)`,
    );
  }
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (date === UNIX_EPOCH) return { kind: 'none' };
  if (year < 1945 || date > LATEST_INPUT_DATE) {
    return problem(
      `ngày "${text}" nằm ngoài khoảng 1945–2100; kiểm tra lại năm`,
      `"${text}" is outside 1945–2100; check the year`,
    );
  }
  return { kind: 'date', date: date as CalendarDate };
}

const pad = (n: number) => String(n).padStart(2, '0');
