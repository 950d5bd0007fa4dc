import { addDays, dayOfWeek, daysBetween, type CalendarDate } from '@chidao/domain';
import type { WorkingCalendar } from '@chidao/reporting';
import type { ReminderSettings } from '../reminder.types';

/**
 * The occurrence key (ISO week, `2027-W05`) of the tracking office's weekly list of overdue
 * tasks when it is due on `today`, else null.
 *
 * It falls on `weeklyOverdueListDay`, or on the next working day of the same ISO week when that
 * is a holiday; a week whose remaining days are all off (Tết from Friday to the weekend, with
 * the list on Friday) has no list, and the next week's list covers it. Like the task reminders
 * it is a window: due on every working day from that day to the end of the week, so a run that
 * missed the day still sends it, once (the caller records the key).
 */
export function weeklyOverdueListDue(
  today: string,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): string | null {
  if (!calendar.isWorkingDay(today)) return null;
  const day = today as CalendarDate;
  const monday = addDays(day, 1 - dayOfWeek(day));
  const listDay = addDays(monday, settings.weeklyOverdueListDay - 1);
  // Today is a working day of this week: a list day deferred beyond it is not due yet (or, past
  // Sunday, not at all this week).
  return calendar.addWorkingDays(listDay, 0) <= day ? isoWeekOf(day) : null;
}

/** The ISO 8601 week of a day, `YYYY-Www`: weeks start on Monday, week 1 holds 4 January. */
export function isoWeekOf(date: string): string {
  const day = date as CalendarDate;
  // The year of a week is the year of its Thursday.
  const thursday = addDays(day, 4 - dayOfWeek(day));
  const year = thursday.slice(0, 4);
  const week = 1 + Math.floor(daysBetween(`${year}-01-01` as CalendarDate, thursday) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
