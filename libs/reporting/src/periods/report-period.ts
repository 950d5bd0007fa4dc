import {
  addDays,
  type CalendarDate,
  dateParts,
  daysBetween,
  daysInMonth,
  DomainError,
  formatVietnameseDate,
  fromParts,
  parseCalendarDate,
} from '@chidao/domain';
import type { CutoffConvention, PeriodType, ReportPeriod } from '../report.types';

/** Period types made of whole months of one year (everything but `range` and `as_of`). */
type FixedPeriodType = Exclude<PeriodType, 'range' | 'as_of'>;

export type PeriodSpec =
  | { readonly type: 'month'; readonly year: number; readonly month: number }
  | { readonly type: 'quarter'; readonly year: number; readonly quarter: number }
  | {
      readonly type: 'first_half' | 'second_half' | 'nine_months' | 'year';
      readonly year: number;
    }
  | { readonly type: 'range'; readonly from: string; readonly to: string }
  | { readonly type: 'as_of'; readonly date: string };

export interface PeriodOptions {
  /** `calendar` (default) or `nd09` (Nghị định 09/2019/NĐ-CP, article 12). */
  readonly convention?: CutoffConvention;
  /** The cut-off day of the month under `nd09`: 1..28, default 14; ignored for `calendar`. */
  readonly cutoffDay?: number;
}

const DEFAULT_CUTOFF_DAY = 14;
// Dates before 1945 are refused by the domain (parseCalendarDate); periods follow suit.
const MIN_YEAR = 1945;
const MAX_YEAR = 9999;

const ACCEPTED_EN =
  'accepted forms: 2024-M05 (month), 2024-Q2 (quarter), 2024-H1 / 2024-H2 (six months), ' +
  '2024-9M (nine months), 2024 (year), 2024-01-01..2024-05-27 (range), ..2024-05-27 (as of)';
const ACCEPTED_VI =
  'các dạng hợp lệ: 2024-M05 (tháng), 2024-Q2 (quý), 2024-H1 / 2024-H2 (6 tháng), ' +
  '2024-9M (9 tháng), 2024 (năm), 2024-01-01..2024-05-27 (khoảng thời gian), ' +
  '..2024-05-27 (tính đến ngày)';

function invalidPeriod(value: unknown, reasonEn: string, reasonVi: string): DomainError {
  return new DomainError(
    'invalid_input',
    'invalid_period',
    `Invalid period "${String(value)}": ${reasonEn}; ${ACCEPTED_EN}.`,
    `Kỳ báo cáo "${String(value)}" không hợp lệ: ${reasonVi}; ${ACCEPTED_VI}.`,
    { value },
  );
}

/** Month span of a fixed period within its year. */
interface MonthSpan {
  readonly first: number;
  readonly last: number;
}

type FixedSpec = Extract<PeriodSpec, { year: number }>;

function monthSpan(spec: FixedSpec): MonthSpan {
  switch (spec.type) {
    case 'month':
      return { first: spec.month, last: spec.month };
    case 'quarter':
      return { first: spec.quarter * 3 - 2, last: spec.quarter * 3 };
    case 'first_half':
      return { first: 1, last: 6 };
    case 'second_half':
      return { first: 7, last: 12 };
    case 'nine_months':
      return { first: 1, last: 9 };
    case 'year':
      return { first: 1, last: 12 };
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad2 = (n: number) => String(n).padStart(2, '0');

function fixedId(spec: FixedSpec): string {
  switch (spec.type) {
    case 'month':
      return `${spec.year}-M${pad2(spec.month)}`;
    case 'quarter':
      return `${spec.year}-Q${spec.quarter}`;
    case 'first_half':
      return `${spec.year}-H1`;
    case 'second_half':
      return `${spec.year}-H2`;
    case 'nine_months':
      return `${spec.year}-9M`;
    case 'year':
      return `${spec.year}`;
  }
}

function fixedLabel(spec: FixedSpec): string {
  switch (spec.type) {
    case 'month':
      return `tháng ${spec.month} năm ${spec.year}`;
    case 'quarter':
      // Vietnamese reports number quarters in roman numerals ("quý II năm 2024").
      return `quý ${ROMAN[spec.quarter - 1]} năm ${spec.year}`;
    case 'first_half':
      return `6 tháng đầu năm ${spec.year}`;
    case 'second_half':
      return `6 tháng cuối năm ${spec.year}`;
    case 'nine_months':
      return `9 tháng năm ${spec.year}`;
    case 'year':
      return `năm ${spec.year}`;
  }
}

const rangeLabel = (start: CalendarDate, end: CalendarDate) =>
  `từ ngày ${formatVietnameseDate(start)} đến ngày ${formatVietnameseDate(end)}`;

/** Settings after defaults; `cutoffDay` is null under `calendar`, as ReportPeriod records it. */
interface Settings {
  readonly convention: CutoffConvention;
  readonly cutoffDay: number | null;
}

function settingsOf(options: PeriodOptions | undefined): Settings | DomainError {
  const convention = options?.convention ?? 'calendar';
  if (convention !== 'calendar' && convention !== 'nd09') {
    return new DomainError(
      'invalid_input',
      'invalid_period',
      `Unknown cut-off convention "${String(convention)}"; use "calendar" or "nd09".`,
      `Cách tính kỳ "${String(convention)}" không được hỗ trợ; dùng "calendar" hoặc "nd09".`,
      { convention },
    );
  }
  if (convention === 'calendar') return { convention, cutoffDay: null };
  const cutoffDay = options?.cutoffDay ?? DEFAULT_CUTOFF_DAY;
  // 28 at most so every month, February included, has its cut-off day.
  if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 28) {
    return new DomainError(
      'invalid_input',
      'invalid_period',
      `Invalid cut-off day ${String(cutoffDay)}: it must be a whole number from 1 to 28.`,
      `Ngày chốt số liệu ${String(cutoffDay)} không hợp lệ: phải là số nguyên từ 1 đến 28.`,
      { cutoffDay },
    );
  }
  return { convention, cutoffDay };
}

/** Builds a period from a spec already known to be valid (no checks). */
function build(spec: PeriodSpec, settings: Settings): ReportPeriod {
  const base = { type: spec.type, convention: settings.convention, cutoffDay: settings.cutoffDay };
  if (spec.type === 'range') {
    const [start, end] = [spec.from as CalendarDate, spec.to as CalendarDate];
    return { ...base, id: `${start}..${end}`, start, end, labelVi: rangeLabel(start, end) };
  }
  if (spec.type === 'as_of') {
    const end = spec.date as CalendarDate;
    const year = dateParts(end).year;
    return {
      ...base,
      id: `..${end}`,
      start: fromParts(year, 1, 1),
      end,
      labelVi: `năm ${year} (tính đến ngày ${formatVietnameseDate(end)})`,
    };
  }
  const { first, last } = monthSpan(spec);
  const id = fixedId(spec);
  const label = fixedLabel(spec);
  if (settings.cutoffDay === null) {
    const start = fromParts(spec.year, first, 1);
    const end = fromParts(spec.year, last, daysInMonth(spec.year, last));
    return { ...base, id, start, end, labelVi: label };
  }
  const end = fromParts(spec.year, last, settings.cutoffDay);
  // The day after the cut-off of the month before the first month: December of the previous
  // year for periods starting in January. addDays rolls over when the month before is short.
  const before = first === 1 ? { y: spec.year - 1, m: 12 } : { y: spec.year, m: first - 1 };
  const start = addDays(fromParts(before.y, before.m, settings.cutoffDay), 1);
  return { ...base, id, start, end, labelVi: `${label} (${rangeLabel(start, end)})` };
}

const isWhole = (n: unknown, min: number, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

const FIXED_TYPES: readonly string[] = [
  'month',
  'quarter',
  'first_half',
  'second_half',
  'nine_months',
  'year',
];

/** What is wrong with a spec, in both languages; null when it is valid. */
interface Reason {
  readonly en: string;
  readonly vi: string;
}

function problemOf(spec: PeriodSpec): Reason | null {
  switch (spec.type) {
    case 'range': {
      const from = parseCalendarDate(spec.from);
      if (from instanceof DomainError) return dateProblem('start', 'bắt đầu', from);
      const to = parseCalendarDate(spec.to);
      if (to instanceof DomainError) return dateProblem('end', 'kết thúc', to);
      if (from <= to) return null;
      return {
        en: `the range starts (${from}) after it ends (${to})`,
        vi:
          `ngày bắt đầu (${formatVietnameseDate(from)}) ` +
          `sau ngày kết thúc (${formatVietnameseDate(to)})`,
      };
    }
    case 'as_of': {
      const date = parseCalendarDate(spec.date);
      return date instanceof DomainError ? dateProblem('as-of', 'tính đến', date) : null;
    }
    default: {
      if (!FIXED_TYPES.includes(spec.type)) {
        return { en: `unknown period type "${String(spec.type)}"`, vi: 'loại kỳ không xác định' };
      }
      if (!isWhole(spec.year, MIN_YEAR, MAX_YEAR)) {
        return {
          en: `the year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}`,
          vi: `năm phải là số nguyên từ ${MIN_YEAR} đến ${MAX_YEAR}`,
        };
      }
      if (spec.type === 'month' && !isWhole(spec.month, 1, 12)) {
        return {
          en: `month ${String(spec.month)} does not exist (01 to 12)`,
          vi: `không có tháng ${String(spec.month)} (từ 01 đến 12)`,
        };
      }
      if (spec.type === 'quarter' && !isWhole(spec.quarter, 1, 4)) {
        return {
          en: `quarter ${String(spec.quarter)} does not exist (1 to 4)`,
          vi: `không có quý ${String(spec.quarter)} (từ 1 đến 4)`,
        };
      }
      return null;
    }
  }
}

const dateProblem = (en: string, vi: string, cause: DomainError): Reason => ({
  en: `the ${en} date is wrong (${cause.message})`,
  vi: `ngày ${vi} sai (${cause.messageVi})`,
});

/**
 * The period a spec names. Calendar: whole months. `nd09`: ends on the cut-off day of the last
 * month and starts the day after the cut-off day of the month before the first (DOMAIN.md).
 * A range is `from..to` inclusive; an as-of period runs from 1 January of the date's year.
 */
export function periodOf(spec: PeriodSpec, options?: PeriodOptions): ReportPeriod | DomainError {
  const settings = settingsOf(options);
  if (settings instanceof DomainError) return settings;
  const problem = problemOf(spec);
  return problem
    ? invalidPeriod(JSON.stringify(spec), problem.en, problem.vi)
    : build(spec, settings);
}

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const ID_FORMS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => PeriodSpec]> = [
  [/^(\d{4})-M(\d{2})$/, (m) => ({ type: 'month', year: +m[1], month: +m[2] })],
  [/^(\d{4})-Q(\d)$/, (m) => ({ type: 'quarter', year: +m[1], quarter: +m[2] })],
  [/^(\d{4})-H1$/, (m) => ({ type: 'first_half', year: +m[1] })],
  [/^(\d{4})-H2$/, (m) => ({ type: 'second_half', year: +m[1] })],
  [/^(\d{4})-9M$/, (m) => ({ type: 'nine_months', year: +m[1] })],
  [/^(\d{4})$/, (m) => ({ type: 'year', year: +m[1] })],
  [new RegExp(`^${DATE}\\.\\.${DATE}$`), (m) => ({ type: 'range', from: m[1], to: m[2] })],
  [new RegExp(`^\\.\\.${DATE}$`), (m) => ({ type: 'as_of', date: m[1] })],
];

function specOfId(id: unknown): PeriodSpec | DomainError {
  if (typeof id !== 'string') return invalidPeriod(id, 'not a text', 'không phải chuỗi ký tự');
  for (const [pattern, toSpec] of ID_FORMS) {
    const match = pattern.exec(id);
    if (!match) continue;
    const spec = toSpec(match);
    const problem = problemOf(spec);
    return problem ? invalidPeriod(id, problem.en, problem.vi) : spec;
  }
  return invalidPeriod(id, 'not a recognised form', 'không đúng dạng');
}

/** The period an id names (`2024-M05`, `2024-Q2`, …); the inverse of `periodOf(...).id`. */
export function parsePeriodId(id: unknown, options?: PeriodOptions): ReportPeriod | DomainError {
  const settings = settingsOf(options);
  if (settings instanceof DomainError) return settings;
  const spec = specOfId(id);
  return spec instanceof DomainError ? spec : build(spec, settings);
}

function settingsOfPeriod(period: ReportPeriod): Settings {
  return { convention: period.convention, cutoffDay: period.cutoffDay };
}

/** The spec behind a period, read back from its id (the id is canonical). */
function specOfPeriod(period: ReportPeriod): PeriodSpec {
  const spec = specOfId(period.id);
  if (spec instanceof DomainError) throw new Error(`Not a period built here: ${spec.message}`);
  return spec;
}

/**
 * The period a report compares with: the month, quarter, nine months or year before; for six
 * months the six months before (H1 → H2 of the previous year, H2 → H1 of the same year); for a
 * range the range of the same length just before it; for an as-of date the same date a year
 * earlier (29/02 → 28/02). Convention and cut-off day are kept.
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const spec = specOfPeriod(period);
  return build(previousSpec(spec), settingsOfPeriod(period));
}

function previousSpec(spec: PeriodSpec): PeriodSpec {
  switch (spec.type) {
    case 'month':
      return spec.month === 1
        ? { type: 'month', year: spec.year - 1, month: 12 }
        : { type: 'month', year: spec.year, month: spec.month - 1 };
    case 'quarter':
      return spec.quarter === 1
        ? { type: 'quarter', year: spec.year - 1, quarter: 4 }
        : { type: 'quarter', year: spec.year, quarter: spec.quarter - 1 };
    case 'first_half':
      return { type: 'second_half', year: spec.year - 1 };
    case 'second_half':
      return { type: 'first_half', year: spec.year };
    case 'nine_months':
    case 'year':
      return { type: spec.type, year: spec.year - 1 };
    case 'range': {
      const [from, to] = [spec.from as CalendarDate, spec.to as CalendarDate];
      const length = daysBetween(from, to) + 1;
      return { type: 'range', from: addDays(from, -length), to: addDays(from, -1) };
    }
    case 'as_of': {
      const { year, month, day } = dateParts(spec.date as CalendarDate);
      const lastDay = daysInMonth(year - 1, month);
      return { type: 'as_of', date: fromParts(year - 1, month, Math.min(day, lastDay)) };
    }
  }
}

/** Every fixed period of a type within one year, in order. */
function specsOfYear(type: FixedPeriodType, year: number): FixedSpec[] {
  switch (type) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({ type, year, month: i + 1 }));
    case 'quarter':
      return Array.from({ length: 4 }, (_, i) => ({ type, year, quarter: i + 1 }));
    default:
      return [{ type, year }];
  }
}

/**
 * The periods of a type whose end date falls in (fromExclusive, toInclusive], in order of end
 * date: what a scheduler must still take after being down. `cutoffDay` null means the default
 * (14) under `nd09`; it is ignored under `calendar`.
 */
export function periodsEndingBetween(
  type: FixedPeriodType,
  convention: CutoffConvention,
  cutoffDay: number | null,
  fromExclusive: string,
  toInclusive: string,
): ReportPeriod[] | DomainError {
  const settings = settingsOf({ convention, cutoffDay: cutoffDay ?? undefined });
  if (settings instanceof DomainError) return settings;
  if (!FIXED_TYPES.includes(type)) {
    return invalidPeriod(
      type,
      'only month, quarter, six months, nine months and year periods recur',
      'chỉ kỳ tháng, quý, 6 tháng, 9 tháng và năm mới lặp lại theo lịch',
    );
  }
  const from = parseCalendarDate(fromExclusive);
  if (from instanceof DomainError) return from;
  const to = parseCalendarDate(toInclusive);
  if (to instanceof DomainError) return to;
  const periods: ReportPeriod[] = [];
  // Under both conventions a period ends in the year it is named after, so only the years
  // from `from` to `to` can hold matching ends.
  for (let year = dateParts(from).year; year <= dateParts(to).year; year++) {
    for (const spec of specsOfYear(type, year)) {
      const period = build(spec, settings);
      if (period.end > from && period.end <= to) periods.push(period);
    }
  }
  return periods;
}
