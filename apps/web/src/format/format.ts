import {
  formatCount,
  formatVietnameseDate,
  isCalendarDate,
  vietnamDateOf,
  type CalendarDate,
} from '@chidao/domain';

/**
 * What the screens print, by the rules of DOMAIN.md: dd/mm/yyyy, a dot between thousands, rates
 * cut (never rounded) to two decimals with a decimal comma. The rules live in the domain; this
 * file only adapts them to values that may be missing.
 */
export const formatDate = (value: string | null | undefined): string =>
  value && isCalendarDate(value.slice(0, 10))
    ? formatVietnameseDate(value.slice(0, 10) as CalendarDate)
    : '—';

/** An instant as Vietnam wall time: `23/11/2026 17:20`. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '—';
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return value;
  const local = new Date(ms + 7 * 3600_000).toISOString();
  return `${formatDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

export const formatNumber = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : formatCount(Math.trunc(value));

export const todayInVietnam = (): string => vietnamDateOf(new Date());

/** The first day of the current year in Vietnam. */
export const startOfYear = (): string => `${todayInVietnam().slice(0, 4)}-01-01`;

/**
 * A date typed the Vietnamese way (`dd/mm/yyyy`, also `d/m/yyyy` or with `-` or `.`) as
 * `YYYY-MM-DD`; null when it is not a real day. Part C: date fields read the same whatever the
 * browser's language.
 */
export function parseVietnameseDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/**
 * A stored phone number (+84…) as people write it: `0912 345 678`, `024 3823 4567` (Hà Nội and
 * TP. Hồ Chí Minh), `0239 385 6789` (other provinces); '—' when none.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '—';
  if (!/^\+84\d{9,10}$/.test(value)) return value;
  const digits = `0${value.slice(3)}`;
  if (digits.length === 10) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  const area = /^02[48]/.test(digits) ? 3 : 4;
  const rest = digits.slice(area);
  const split = rest.length === 8 ? 4 : 3;
  return `${digits.slice(0, area)} ${rest.slice(0, split)} ${rest.slice(split)}`;
}
