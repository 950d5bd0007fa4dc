import {
  addDays,
  type CalendarDate,
  daysInMonth,
  dayOfWeek,
  DomainError,
  parseCalendarDate,
} from '@chidao/domain';

/**
 * Public holidays on the same solar date every year (Bộ luật Lao động 2019, article 112):
 * Tết Dương lịch, Ngày Chiến thắng, Quốc tế Lao động, Quốc khánh.
 * Not here, because their solar date moves every year: Tết Nguyên đán and Giỗ Tổ Hùng Vương
 * (lunar calendar), the second day of Quốc khánh (1/9 or 3/9, chosen each year), and the
 * compensatory and swapped days the Government announces. Deployments add those as full
 * `YYYY-MM-DD` dates (see parseHolidayList).
 */
export const VIETNAM_FIXED_HOLIDAYS: readonly string[] = ['01-01', '04-30', '05-01', '09-02'];

interface WorkingCalendarOptions {
  /**
   * Extra days off, on top of `fixedHolidays`: `YYYY-MM-DD` (that day only — Tết Nguyên đán,
   * Giỗ Tổ Hùng Vương and the extra Quốc khánh day move every year, so list them this way) or
   * `MM-DD` (every year).
   */
  readonly holidays?: readonly string[];
  /** Holidays every year; default VIETNAM_FIXED_HOLIDAYS. Pass [] to count none. */
  readonly fixedHolidays?: readonly string[];
  /** ISO days of the week off (1 = Monday … 7 = Sunday); default [6, 7]. */
  readonly weekend?: readonly number[];
}

/** Working days under a holiday calendar (createWorkingCalendar). */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /**
   * The n-th working day after `date` (n ≥ 0, whole). The date itself is never counted, so
   * Friday + 1 is Monday. n = 0 gives the date itself if it is a working day, else the next
   * working day (the earliest working day "on or after").
   */
  addWorkingDays(date: string, n: number): CalendarDate;
  /** The first working day strictly after `date`. */
  nextWorkingDayAfter(date: string): CalendarDate;
  /**
   * Working days in (a, b]: after `a`, up to and including `b`, so that
   * `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when b is before a.
   */
  workingDaysBetween(a: string, b: string): number;
  /**
   * The day a periodic report is due: the first working day strictly after its cut-off
   * ("submitted at least one working day after its cut-off", DOMAIN.md).
   */
  submissionDeadline(cutoff: string): CalendarDate;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
// No real calendar has a year of days off; beyond this a configuration leaves no working day.
const MAX_DAYS_OFF_IN_A_ROW = 366;

/** What is wrong with one holiday entry; null when it is valid. */
function holidayProblem(entry: string): { en: string; vi: string } | null {
  if (FULL_DATE.test(entry)) {
    const parsed = parseCalendarDate(entry);
    return parsed instanceof DomainError ? { en: parsed.message, vi: parsed.messageVi } : null;
  }
  const match = MONTH_DAY.exec(entry);
  if (!match) {
    return {
      en: 'wrong form: use YYYY-MM-DD for one day or MM-DD for every year',
      vi: 'sai định dạng: dùng YYYY-MM-DD cho một ngày hoặc MM-DD cho ngày lặp lại hằng năm',
    };
  }
  const [month, day] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12) return { en: 'no such month', vi: 'tháng không tồn tại' };
  // 02-29 is accepted: it applies in leap years.
  if (day < 1 || day > daysInMonth(2024, month)) {
    return { en: 'no such day in that month', vi: 'ngày không có trong tháng' };
  }
  return null;
}

/**
 * Reads a comma-separated holiday setting, e.g. `2025-01-28,2025-01-29, 2025-04-07, 12-22`.
 * Spaces around entries and empty entries (a trailing comma) are ignored; an empty text is no
 * holidays. Lunar holidays go here as full dates because they move every year.
 */
export function parseHolidayList(text: string): string[] | DomainError {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const [index, entry] of entries.entries()) {
    const problem = holidayProblem(entry);
    if (problem) {
      return new DomainError(
        'invalid_input',
        'invalid_holiday_list',
        `Holiday list entry ${index + 1} "${entry}" is invalid: ${problem.en}. ` +
          'Write dates separated by commas, each YYYY-MM-DD (one day) or MM-DD (every year).',
        `Ngày nghỉ thứ ${index + 1} "${entry}" không hợp lệ: ${problem.vi}. ` +
          'Nhập các ngày cách nhau bởi dấu phẩy, mỗi ngày dạng YYYY-MM-DD (một ngày) ' +
          'hoặc MM-DD (hằng năm).',
        { entry, position: index + 1 },
      );
    }
  }
  return entries;
}

function checkedDate(date: string): CalendarDate {
  const parsed = parseCalendarDate(date);
  if (parsed instanceof DomainError) throw new RangeError(parsed.message);
  return parsed;
}

/**
 * A calendar of working days. Invalid options are a deployment mistake, not user input, so
 * they throw (validate settings with parseHolidayList first for a readable message).
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const weekend = new Set(options.weekend ?? [6, 7]);
  for (const day of weekend) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new RangeError(`Weekend day ${day} is not an ISO day of the week (1 to 7).`);
    }
  }
  if (weekend.size === 7)
    throw new RangeError('A weekend of all seven days leaves no working day.');
  const fullDates = new Set<string>();
  const everyYear = new Set<string>();
  for (const entry of [
    ...(options.fixedHolidays ?? VIETNAM_FIXED_HOLIDAYS),
    ...(options.holidays ?? []),
  ]) {
    const problem = holidayProblem(entry);
    if (problem) throw new RangeError(`Holiday "${entry}" is invalid: ${problem.en}.`);
    (FULL_DATE.test(entry) ? fullDates : everyYear).add(entry);
  }

  const isWorking = (date: CalendarDate): boolean =>
    !weekend.has(dayOfWeek(date)) && !fullDates.has(date) && !everyYear.has(date.slice(5));

  const nextAfter = (date: CalendarDate): CalendarDate => {
    let day = date;
    for (let i = 0; i < MAX_DAYS_OFF_IN_A_ROW; i++) {
      day = addDays(day, 1);
      if (isWorking(day)) return day;
    }
    throw new RangeError(`No working day within a year after ${date}: check the holidays.`);
  };

  const addWorkingDays = (date: string, n: number): CalendarDate => {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Working days to add must be a whole number ≥ 0, got ${n}.`);
    }
    const start = checkedDate(date);
    if (n === 0) return isWorking(start) ? start : nextAfter(start);
    let day = start;
    for (let i = 0; i < n; i++) day = nextAfter(day);
    return day;
  };

  const countIn = (from: CalendarDate, to: CalendarDate): number => {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (isWorking(day)) count++;
    }
    return count;
  };

  return {
    isWorkingDay: (date) => isWorking(checkedDate(date)),
    addWorkingDays,
    nextWorkingDayAfter: (date) => nextAfter(checkedDate(date)),
    workingDaysBetween: (a, b) => {
      const [from, to] = [checkedDate(a), checkedDate(b)];
      return from <= to ? countIn(from, to) : -countIn(to, from);
    },
    submissionDeadline: (cutoff) => nextAfter(checkedDate(cutoff)),
  };
}
