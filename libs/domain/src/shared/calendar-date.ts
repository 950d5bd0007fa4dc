import { DomainError } from './domain-error';

/**
 * A calendar day in Vietnam time (Asia/Ho_Chi_Minh), stored as `YYYY-MM-DD`.
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and
 * the domain needs no time-zone database.
 */
export type CalendarDate = string & { readonly __calendarDate: unique symbol };

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalidDate = (value: unknown, reasonEn: string, reasonVi: string) =>
  new DomainError(
    'invalid_input',
    'invalid_date',
    `Invalid date "${String(value)}": ${reasonEn}. Use YYYY-MM-DD.`,
    `Ngày "${String(value)}" không hợp lệ: ${reasonVi}. Nhập theo dạng YYYY-MM-DD.`,
    { value },
  );

export function parseCalendarDate(value: unknown): CalendarDate | DomainError {
  if (typeof value !== 'string') return invalidDate(value, 'not a text', 'không phải chuỗi ký tự');
  const match = PATTERN.exec(value);
  if (!match) return invalidDate(value, 'wrong form', 'sai định dạng');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return invalidDate(value, 'no such month', 'tháng không tồn tại');
  if (day < 1 || day > daysInMonth(year, month)) {
    return invalidDate(value, 'no such day in that month', 'ngày không có trong tháng');
  }
  if (year < 1945) return invalidDate(value, 'before 1945', 'trước năm 1945');
  return value as CalendarDate;
}

/**
 * The last day a command may name (a deadline, a proposed or new deadline): Chidao tracks work
 * for years ahead, never for centuries, and 9999-12-31 is a typing slip or a probe. Stored
 * events are read whatever they hold; only new input is bounded. The first day is 1945-01-01
 * (parseCalendarDate); business dates are further bounded by today (checkBusinessDate).
 */
export const LATEST_INPUT_DATE = '2100-12-31' as CalendarDate;

export const isAfterLatestInputDate = (date: CalendarDate): boolean => date > LATEST_INPUT_DATE;

export const isCalendarDate = (value: unknown): value is CalendarDate =>
  !(parseCalendarDate(value) instanceof DomainError);

/** Builds a date known to be valid (tests, generated data); throws otherwise. */
export function calendarDate(value: string): CalendarDate {
  const parsed = parseCalendarDate(value);
  if (parsed instanceof DomainError) throw new Error(parsed.message);
  return parsed;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The Vietnam calendar day of an instant. */
export function vietnamDateOf(instant: Date | string): CalendarDate {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10) as CalendarDate;
}

/** The instant a Vietnam calendar day ends (its last millisecond), as ISO-8601 UTC. */
export function endOfVietnamDay(date: CalendarDate): string {
  return new Date(toUtcMidnight(date) + DAY_MS - VIETNAM_OFFSET_MS - 1).toISOString();
}

export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function fromParts(year: number, month: number, day: number): CalendarDate {
  const y = String(year).padStart(4, '0');
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10) as CalendarDate;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: CalendarDate): number {
  const d = new Date(toUtcMidnight(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

// `YYYY-MM-DD` strings order lexically as they order in time.
export const minDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b);

/**
 * A business date may be in the past (a report dated last week is entered today) but never
 * after the day the server received the command.
 */
export function checkBusinessDate(
  occurredOn: unknown,
  receivedAt: string,
): CalendarDate | DomainError {
  const parsed = parseCalendarDate(occurredOn);
  if (parsed instanceof DomainError) return parsed;
  const today = vietnamDateOf(receivedAt);
  if (parsed > today) {
    return new DomainError(
      'invalid_input',
      'business_date_in_future',
      `The business date ${parsed} is after today (${today}); it may be in the past but never in the future.`,
      `Ngày nghiệp vụ ${formatVietnameseDate(parsed)} sau ngày hôm nay (${formatVietnameseDate(today)}); chỉ được nhập ngày đã qua hoặc hôm nay.`,
      { occurredOn: parsed, today },
    );
  }
  return parsed;
}

/** `dd/mm/yyyy`, as dates are printed in Vietnamese documents. */
export function formatVietnameseDate(date: CalendarDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function toUtcMidnight(date: CalendarDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day);
}
