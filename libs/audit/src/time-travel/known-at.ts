/**
 * The two times of a bitemporal question. `asOf` is a business date: what was true at the end of
 * that day, judged on the events' occurredOn. `knownAt` is a recorded instant: what the log held
 * then, judged on the events' recordedAt. "As of D" alone takes everything recorded since (a
 * completion dated before D but entered last week counts); "as of D known at K" ignores what was
 * entered after K, and so gives back what a reader saw at K.
 */
import {
  DomainError,
  endOfVietnamDay,
  formatVietnameseDate,
  isCalendarDate,
  vietnamDateOf,
  type CalendarDate,
} from '@chidao/domain';
import type { StoredEvent } from '@chidao/event-store';

export interface TimeTravelOptions {
  /** Business date `YYYY-MM-DD`; default: the Vietnam day of knownAt (today without knownAt). */
  readonly asOf?: string;
  /** An instant (ISO-8601, or a Date); default: now. */
  readonly knownAt?: string | Date;
  /** The server's now (default: the system clock). */
  readonly now?: Date;
}

export interface TimeTravelPoint {
  readonly asOf: CalendarDate;
  /** ISO-8601 UTC with milliseconds, the form the store writes recordedAt in. */
  readonly knownAt: string;
}

/**
 * Fills the defaults. Without asOf, a reader at K saw the tasks classified on K's own day, so
 * asOf defaults to that day rather than to today (the two agree when knownAt is absent). Invalid
 * values are a caller's bug here (the API validates them first): they throw.
 */
export function resolveTimeTravel(options: TimeTravelOptions = {}): TimeTravelPoint {
  const knownAt = asRecordedInstant(options.knownAt ?? options.now ?? new Date());
  if (options.asOf !== undefined && !isCalendarDate(options.asOf)) {
    throw new TypeError(`asOf must be a date YYYY-MM-DD, got ${String(options.asOf)}`);
  }
  return { asOf: options.asOf ?? vietnamDateOf(knownAt), knownAt };
}

/** An instant as the store writes recordedAt (so plain string comparison orders them). */
export function asRecordedInstant(value: string | Date): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`Not an instant: ${String(value)}`);
  return new Date(ms).toISOString();
}

/**
 * Whether the log held the event at K. recordedAt and K are both ISO-8601 UTC with milliseconds
 * (the event store port's form), so they compare as strings.
 */
export const knownBy =
  (knownAt: string) =>
  (event: Pick<StoredEvent, 'recordedAt'>): boolean =>
    event.recordedAt <= knownAt;

// 2024-05-27T10:00:00Z, 2024-05-27T17:00+07:00, 2024-05-27T10:00:00.123Z …: a zone is required,
// since an instant without one means a different moment on every server.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const invalidKnownAt = (value: unknown, en: string, vi: string) =>
  new DomainError(
    'invalid_input',
    'invalid_known_at',
    `knownAt "${String(value)}" ${en}.`,
    `Thời điểm ghi nhận (knownAt) "${String(value)}" ${vi}.`,
    { knownAt: value },
  );

/**
 * Reads `knownAt` as a user gives it: an instant with its zone, or a date `YYYY-MM-DD` meaning
 * the end of that Vietnam day (today's date means now, since the rest of today is not known
 * yet). A moment after now is refused: nobody knew anything then, and answering "the log as of
 * now" under a future label would mislead.
 */
export function parseKnownAt(value: unknown, now: Date): string | DomainError {
  const nowIso = now.toISOString();
  if (isCalendarDate(value)) {
    const today = vietnamDateOf(now);
    if (value > today) {
      return invalidKnownAt(
        value,
        `is after today (${today})`,
        `sau ngày hôm nay (${formatVietnameseDate(today)})`,
      );
    }
    return value === today ? nowIso : endOfVietnamDay(value);
  }
  // Date.parse rolls 2024-02-30 over to 1 March: the date part is checked on its own.
  if (
    typeof value !== 'string' ||
    !INSTANT.test(value) ||
    !isCalendarDate(value.slice(0, 10)) ||
    Number.isNaN(Date.parse(value))
  ) {
    return invalidKnownAt(
      value,
      'is neither an ISO-8601 instant with a zone (2024-05-27T17:00:00+07:00) nor a date YYYY-MM-DD',
      'không phải thời điểm ISO-8601 có múi giờ (2024-05-27T17:00:00+07:00) hoặc ngày YYYY-MM-DD',
    );
  }
  const instant = asRecordedInstant(value);
  if (instant > nowIso) {
    return invalidKnownAt(value, `is after now (${nowIso})`, `sau thời điểm hiện tại (${nowIso})`);
  }
  return instant;
}
