import {
  addDays,
  calendarDate,
  checkBusinessDate,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfVietnamDay,
  formatVietnameseDate,
  isCalendarDate,
  isLeapYear,
  parseCalendarDate,
  vietnamDateOf,
} from '../../src/shared/calendar-date';
import { DomainError } from '../../src/shared/domain-error';

describe('calendar dates', () => {
  it('knows leap years', () => {
    expect([2024, 2000, 2020].map(isLeapYear)).toEqual([true, true, true]);
    expect([2023, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDate('2000-02-29')).toBe('2000-02-29');
    expect(parseCalendarDate('2023-02-29')).toBeInstanceOf(DomainError);
    expect(parseCalendarDate('1900-02-29')).toBeInstanceOf(DomainError);
  });

  it.each([
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-01-00',
    '27/5/2024',
    '2024-5-27',
    '',
    'x',
  ])('refuses %j', (value) => {
    const error = parseCalendarDate(value) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('invalid_date');
  });

  it('refuses non-text and dates before 1945', () => {
    expect(parseCalendarDate(20240527)).toBeInstanceOf(DomainError);
    expect(parseCalendarDate('1944-12-31')).toBeInstanceOf(DomainError);
    expect(isCalendarDate('1945-09-02')).toBe(true);
  });

  it('places an instant on the Vietnam day (UTC+7)', () => {
    expect(vietnamDateOf('2024-05-26T16:59:59.999Z')).toBe('2024-05-26');
    expect(vietnamDateOf('2024-05-26T17:00:00Z')).toBe('2024-05-27');
    expect(vietnamDateOf(new Date('2023-12-31T17:00:00Z'))).toBe('2024-01-01');
    expect(endOfVietnamDay(calendarDate('2024-05-26'))).toBe('2024-05-26T16:59:59.999Z');
  });

  it('refuses a business date after today in Vietnam, and accepts today and the past', () => {
    const receivedAt = '2024-05-26T17:00:00Z'; // 00:00 on 27/5/2024 in Hà Nội
    expect(checkBusinessDate('2024-05-27', receivedAt)).toBe('2024-05-27');
    expect(checkBusinessDate('2020-01-06', receivedAt)).toBe('2020-01-06');
    const error = checkBusinessDate('2024-05-28', receivedAt) as DomainError;
    expect(error.code).toBe('business_date_in_future');
    expect(error.messageVi).toContain('28/05/2024');
    expect(error.details).toEqual({ occurredOn: '2024-05-28', today: '2024-05-27' });
    const justBefore = checkBusinessDate('2024-05-27', '2024-05-26T16:59:59Z') as DomainError;
    expect(justBefore.code).toBe('business_date_in_future');
    expect((checkBusinessDate('2024-02-30', receivedAt) as DomainError).code).toBe('invalid_date');
  });

  it('does day arithmetic across month, year and leap-day boundaries', () => {
    expect(addDays(calendarDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(calendarDate('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(calendarDate('2024-12-31'), 1)).toBe('2025-01-01');
    expect(daysBetween(calendarDate('2024-01-01'), calendarDate('2025-01-01'))).toBe(366);
    expect(dayOfWeek(calendarDate('2024-05-27'))).toBe(1);
    expect(dayOfWeek(calendarDate('2024-05-26'))).toBe(7);
    expect(dateParts(calendarDate('2024-05-27'))).toEqual({ year: 2024, month: 5, day: 27 });
    expect(formatVietnameseDate(calendarDate('2024-05-27'))).toBe('27/05/2024');
  });

  it('calendarDate throws on an invalid date', () => {
    expect(() => calendarDate('2024-02-30')).toThrow(/Invalid date/);
  });
});
