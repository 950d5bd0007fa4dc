import {
  DEFAULT_REMINDER_SETTINGS,
  isoWeekOf,
  weeklyOverdueListDue,
  type ReminderSettings,
} from '../../src';
import { calendar2027, daysFrom } from './task-history';

const onDay = (weeklyOverdueListDay: number): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  weeklyOverdueListDay,
});

const due = (day: string, s = DEFAULT_REMINDER_SETTINGS) =>
  weeklyOverdueListDue(day, s, calendar2027);

/** What a scheduler running every day sends: `day key`, each key once. */
function sent(days: readonly string[], s = DEFAULT_REMINDER_SETTINGS): string[] {
  const recorded = new Set<string>();
  const out: string[] = [];
  for (const day of days) {
    const key = due(day, s);
    if (key === null || recorded.has(key)) continue;
    recorded.add(key);
    out.push(`${day} ${key}`);
  }
  return out;
}

describe('weeklyOverdueListDue', () => {
  it('is due on Monday, and stays due through the week for a run that missed it', () => {
    expect(due('2027-03-15')).toBe('2027-W11');
    expect(due('2027-03-17')).toBe('2027-W11');
    expect(due('2027-03-19')).toBe('2027-W11');
    // Nothing on the weekend.
    expect(due('2027-03-20')).toBeNull();
    expect(due('2027-03-21')).toBeNull();
  });

  it('moves to the next working day of the week when the day is a holiday (Tết)', () => {
    // Monday 08/02/2027 is in Tết (05/02 to 11/02): the list of week 6 goes on Friday 12/02.
    expect(sent(daysFrom('2027-02-01', '2027-02-14'))).toEqual([
      '2027-02-01 2027-W05',
      '2027-02-12 2027-W06',
    ]);
  });

  it('skips a week with no working day left after its day', () => {
    // On Fridays: Friday 05/02 is Tết and the weekend follows, so week 5 has no list.
    expect(sent(daysFrom('2027-01-25', '2027-02-14'), onDay(5))).toEqual([
      '2027-01-29 2027-W04',
      '2027-02-12 2027-W06',
    ]);
    expect(due('2027-02-04', onDay(5))).toBeNull(); // Thursday: not yet
  });

  it('names weeks as ISO 8601 does, across the turn of the year', () => {
    // 2026 has 53 ISO weeks; Friday 01/01/2027 (Tết Dương lịch) belongs to the last of them.
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2027-12-31')).toBe('2027-W52');
    expect(due('2026-12-28')).toBe('2026-W53');
    expect(due('2027-01-01')).toBeNull();
  });

  it('gives each week of 2027 one list, on a working day, never before its day', () => {
    for (const listDay of [1, 3, 5]) {
      const lists = sent(daysFrom('2027-01-04', '2027-12-31'), onDay(listDay));
      const weeks = lists.map((line) => line.split(' ')[1]);
      expect(new Set(weeks).size).toBe(weeks.length);
      for (const line of lists) {
        const [day, week] = line.split(' ');
        expect(calendar2027.isWorkingDay(day)).toBe(true);
        expect(isoWeekOf(day)).toBe(week);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
        expect(weekday).toBeGreaterThanOrEqual(listDay);
      }
      // 52 weeks; on Fridays less week 5 (Tết from Friday 05/02) and week 17 (Friday 30/04).
      expect(weeks.length).toBe(listDay === 5 ? 50 : 52);
    }
  });
});
