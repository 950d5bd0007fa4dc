import { DomainError } from '@chidao/domain';
import {
  createWorkingCalendar,
  parseHolidayList,
  periodOf,
  VIETNAM_FIXED_HOLIDAYS,
} from '../../src/periods';

// Tết Nguyên đán 2025 (weekdays 27–31/01) and Giỗ Tổ Hùng Vương 2025 (07/04), as a deployment
// would configure them; the fixed holidays come by default.
const LUNAR_2025 = ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'];
const calendar = createWorkingCalendar({ holidays: [...LUNAR_2025, '2025-04-07'] });

describe('createWorkingCalendar', () => {
  it('lists the four fixed-date public holidays', () => {
    expect(VIETNAM_FIXED_HOLIDAYS).toEqual(['01-01', '04-30', '05-01', '09-02']);
  });

  it.each([
    ['2024-05-27', true], // Monday
    ['2024-05-25', false], // Saturday
    ['2024-05-26', false], // Sunday
    ['2024-01-01', false], // Tết Dương lịch, Monday
    ['2024-04-30', false], // Ngày Chiến thắng, Tuesday
    ['2024-05-01', false], // Quốc tế Lao động, Wednesday
    ['2024-09-02', false], // Quốc khánh, Monday
    ['2025-01-29', false], // Tết Nguyên đán (configured)
    ['2025-04-07', false], // Giỗ Tổ Hùng Vương (configured)
    ['2024-04-07', false], // a Sunday; the 2025 date does not repeat
    ['2024-04-08', true], // …and the next Monday works
  ])('%s working: %p', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('counts working days across Tết Dương lịch and a weekend', () => {
    // Fri 29/12/2023 → Mon 01/01 is a holiday → Tue 02/01.
    expect(calendar.addWorkingDays('2023-12-29', 1)).toBe('2024-01-02');
    expect(calendar.addWorkingDays('2023-12-29', 3)).toBe('2024-01-04');
    expect(calendar.workingDaysBetween('2023-12-29', '2024-01-04')).toBe(3);
  });

  it('counts working days across 30/4–1/5', () => {
    // Mon 29/04/2024 → Tue 30/4 and Wed 1/5 off → Thu 02/05.
    expect(calendar.addWorkingDays('2024-04-29', 1)).toBe('2024-05-02');
    expect(calendar.addWorkingDays('2024-04-26', 2)).toBe('2024-05-02');
    // Mon 29/4, Thu 2/5, Fri 3/5, Mon 6/5.
    expect(calendar.workingDaysBetween('2024-04-26', '2024-05-06')).toBe(4);
  });

  it('counts working days across a configured Tết Nguyên đán', () => {
    // Fri 24/01/2025 → weekend, Tết 27–31/01, weekend → Mon 03/02.
    expect(calendar.nextWorkingDayAfter('2025-01-24')).toBe('2025-02-03');
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-07')).toBe(5);
  });

  it('adds zero working days: the date itself if it works, else the next working day', () => {
    expect(calendar.addWorkingDays('2024-05-27', 0)).toBe('2024-05-27');
    expect(calendar.addWorkingDays('2024-05-25', 0)).toBe('2024-05-27');
    expect(calendar.addWorkingDays('2024-04-30', 0)).toBe('2024-05-02');
  });

  it('counts from a day off to the following working days', () => {
    expect(calendar.addWorkingDays('2024-05-25', 1)).toBe('2024-05-27');
    expect(calendar.addWorkingDays('2024-05-25', 5)).toBe('2024-05-31');
  });

  it('measures (a, b]: zero for the same day, negative backwards, inverse of add', () => {
    expect(calendar.workingDaysBetween('2024-05-27', '2024-05-27')).toBe(0);
    expect(calendar.workingDaysBetween('2024-05-27', '2024-05-31')).toBe(4);
    expect(calendar.workingDaysBetween('2024-05-31', '2024-05-27')).toBe(-4);
    for (let n = 0; n < 30; n++) {
      const date = calendar.addWorkingDays('2024-12-20', n);
      expect(calendar.workingDaysBetween('2024-12-20', date)).toBe(n);
    }
  });

  it('refuses a negative or fractional count and an invalid date', () => {
    expect(() => calendar.addWorkingDays('2024-05-27', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2024-05-27', 1.5)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2024-02-30')).toThrow(RangeError);
  });

  it('takes another weekend (Sunday only)', () => {
    const sixDays = createWorkingCalendar({ weekend: [7] });
    expect(sixDays.isWorkingDay('2024-05-25')).toBe(true);
    expect(sixDays.nextWorkingDayAfter('2024-05-25')).toBe('2024-05-27');
  });

  it('takes every-year holidays and can drop the fixed ones', () => {
    const local = createWorkingCalendar({ fixedHolidays: [], holidays: ['12-22'] });
    expect(local.isWorkingDay('2025-01-01')).toBe(true);
    expect(local.isWorkingDay('2025-12-22')).toBe(false);
    expect(local.isWorkingDay('2026-12-22')).toBe(false);
  });

  it('refuses bad options', () => {
    expect(() => createWorkingCalendar({ holidays: ['2025-13-01'] })).toThrow(/2025-13-01/);
    expect(() => createWorkingCalendar({ holidays: ['30/04'] })).toThrow(/wrong form/);
    expect(() => createWorkingCalendar({ weekend: [0] })).toThrow(/1 to 7/);
    expect(() => createWorkingCalendar({ weekend: [1, 2, 3, 4, 5, 6, 7] })).toThrow(/no working/);
  });
});

describe('submissionDeadline', () => {
  it('is the next Monday when the cut-off is a Friday (nd09 first half 2024)', () => {
    const h1 = periodOf({ type: 'first_half', year: 2024 }, { convention: 'nd09' });
    if (h1 instanceof DomainError) throw new Error(h1.message);
    expect(h1.end).toBe('2024-06-14');
    expect(calendar.submissionDeadline(h1.end)).toBe('2024-06-17');
  });

  it('is the next Monday when the cut-off is a Saturday', () => {
    expect(calendar.submissionDeadline('2024-09-14')).toBe('2024-09-16');
  });

  it('is the next working day on an ordinary weekday', () => {
    expect(calendar.submissionDeadline('2024-05-14')).toBe('2024-05-15');
  });

  it('skips holidays right after the cut-off', () => {
    expect(calendar.submissionDeadline('2024-04-29')).toBe('2024-05-02');
    expect(calendar.submissionDeadline('2024-12-31')).toBe('2025-01-02');
    expect(calendar.submissionDeadline('2025-01-24')).toBe('2025-02-03');
    // Quốc khánh 2024: Mon 2/9 is fixed, Tue 3/9 was that year's extra day.
    const withExtraDay = createWorkingCalendar({ holidays: ['2024-09-03'] });
    expect(withExtraDay.submissionDeadline('2024-08-30')).toBe('2024-09-04');
  });
});

describe('parseHolidayList', () => {
  it('reads comma-separated dates, trimming spaces and empty entries', () => {
    expect(parseHolidayList(' 2025-01-28, 2025-01-29,,12-22, ')).toEqual([
      '2025-01-28',
      '2025-01-29',
      '12-22',
    ]);
    expect(parseHolidayList('')).toEqual([]);
    expect(parseHolidayList('02-29')).toEqual(['02-29']);
  });

  it.each([
    ['2025-01-28,2025-02-30', 2, /no such day/],
    ['28/01/2025', 1, /wrong form/],
    ['2025-01-28;2025-01-29', 1, /wrong form/],
    ['13-01', 1, /no such month/],
    ['02-30', 1, /no such day/],
  ])('rejects %p at entry %p', (text, position, reason) => {
    const result = parseHolidayList(text);
    expect(result).toBeInstanceOf(DomainError);
    const error = result as DomainError;
    expect(error.code).toBe('invalid_holiday_list');
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(`entry ${position}`);
    expect(error.messageVi).toMatch(`Ngày nghỉ thứ ${position}`);
    expect(error.details).toMatchObject({ position });
  });
});
