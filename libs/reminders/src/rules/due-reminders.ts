import {
  addDays,
  classifyTaskAt,
  daysBetween,
  type CalendarDate,
  type TaskClassification,
  type TaskTimeline,
} from '@chidao/domain';
import type { WorkingCalendar } from '@chidao/reporting';
import type {
  DueReminder,
  ReminderAudience,
  ReminderRule,
  AutomaticReminderRule,
  ReminderSettings,
} from '../reminder.types';

/**
 * Which reminders are due for one task on one day (DOMAIN.md, "Reminders"). Pure: the task's
 * timeline document, the day (`YYYY-MM-DD`, Vietnam), the settings of its assigning body and
 * the working calendar decide everything.
 *
 * Due is a window, not a day. Each occurrence of a rule falls on a nominal day; if that is not a
 * working day it is due on the next working day, and it stays due on every working day after
 * that until the next occurrence of the same rule falls due or the rule no longer applies. The
 * caller records each (taskId, rule, occurrence) once and sends only what it has not recorded,
 * so a run that is repeated sends nothing twice and a scheduler that missed days (a server
 * down over Tết) sends the latest occurrence once, never a burst of stale ones: at most one
 * occurrence per rule is returned, the latest one due. Nothing is returned on a day that is
 * not a working day.
 *
 * The rules (all dates and day counts as the statistics count them, through classifyTaskAt):
 * - Nothing for a task not yet assigned, cancelled or withdrawn, done (completion confirmed),
 *   or on hold on that day. A completion reported and awaiting confirmation gives only
 *   awaiting_confirmation.
 * - before_deadline: from the `beforeDeadlineWorkingDays`-th working day before the deadline in
 *   force (skipped when that is before the assignment; 0 turns the rule off) until the day
 *   before the on_deadline day (or before the deadline when onDeadline is off), so the two
 *   never stand on the same day. Occurrence: the deadline, so an extension gives a new one.
 * - on_deadline: on the deadline if it is a working day, else on the last working day before
 *   it (the last day at work to finish; the next working day is already overdue day ≥ 1 and
 *   the overdue rule speaks then). Skipped when that day is before the assignment.
 * - overdue: day 1 overdue, then every `overdueEveryDays` calendar days: occurrence
 *   `${deadline}#${n}`. When an occurrence is deferred past a holiday run as long as the
 *   interval, it falls due on the same day as the next one and only the next one goes out
 *   (one message with the true days overdue, rather than two). Escalated (agency_head, and
 *   leader_in_charge when the task names one) when the days overdue on the occurrence's due day
 *   reach `escalateAfterOverdueDays`: fixed per occurrence, so it reads the same on every day
 *   of its window; with the defaults (7, 30) the first escalated reminder is the one of day 36.
 * - no_deadline_silent (task without a deadline) and no_report (task with one, overdue or not:
 *   it fires independently of the deadline rules): a silent window every
 *   `noDeadlineSilentDays` / `openSilentDays` calendar days since the silence began, occurrence
 *   `${silenceStart}#${k}`. A task without a deadline never gets no_report. See silenceStart
 *   for when a silence begins.
 * - awaiting_confirmation: a completion reported more than `confirmationWaitingWorkingDays`
 *   working days ago; occurrence: its reportedOn.
 * - awaiting_deadline_decision: a deadline change request waiting more than
 *   `deadlineDecisionWaitingWorkingDays` working days; occurrence: its requestId.
 *
 * `days` in each reminder is in the unit REMINDER_DAYS_UNIT gives.
 *
 * Refused and returned tasks are open tasks like any other (the statistics count them as not
 * done), so their lead agency is reminded too.
 */
export function dueReminders(
  task: TaskTimeline,
  today: string,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): DueReminder[] {
  const days = workingDays(calendar);
  const day = today as CalendarDate;
  if (!days.isWorking(day)) return [];
  const at = classifyTaskAt(task, today);
  if (at === null || at.onHold || DONE.has(at.class)) return [];

  if (at.awaitingConfirmation) {
    const waiting = awaitingConfirmation(task, day, settings, days);
    return waiting ? [waiting] : [];
  }

  const due: (DueReminder | null)[] = [];
  if (at.deadline === null) {
    due.push(silence(task, day, 'no_deadline_silent', settings.noDeadlineSilentDays));
  } else {
    const deadline = at.deadline as CalendarDate;
    due.push(
      beforeDeadline(task, day, deadline, settings, days),
      onDeadline(task, day, deadline, settings, days),
      overdue(task, at, settings, days),
      silence(task, day, 'no_report', settings.openSilentDays),
    );
  }
  due.push(awaitingDeadlineDecision(task, day, settings, days));
  return due.filter((reminder): reminder is DueReminder => reminder !== null);
}

/**
 * What `days` counts for each rule, for the text of the message: calendar days to the deadline
 * (before_deadline, on_deadline: 0 on the deadline, more when moved before a weekend), calendar
 * days overdue, calendar days silent, working days waiting. manual carries 0.
 */
export const REMINDER_DAYS_UNIT: Readonly<Record<ReminderRule, 'calendar' | 'working'>> = {
  before_deadline: 'calendar',
  on_deadline: 'calendar',
  overdue: 'calendar',
  no_deadline_silent: 'calendar',
  no_report: 'calendar',
  awaiting_confirmation: 'working',
  awaiting_deadline_decision: 'working',
  manual: 'calendar',
};

/**
 * The day a task's current silence began: the last of its assignment, its lead's last report
 * (progress or completion), a reassignment (the new lead starts afresh), a resumption from hold
 * and a completion returned (neither the hold nor the wait for a decision is the agency's
 * silence). Only days on or before `today` count.
 */
export function silenceStart(task: TaskTimeline, today: string): string {
  let start = task.assignedOn;
  const consider = (date: string | null) => {
    if (date !== null && date <= today && date > start) start = date;
  };
  consider(task.lastReportedOn);
  task.leadAgencies.forEach((lead) => consider(lead.from));
  task.holds.forEach((hold) => consider(hold.to));
  task.completions.forEach((completion) => consider(completion.returnedOn));
  return start;
}

const DONE = new Set<TaskClassification['class']>([
  'done_on_time',
  'done_late',
  'done_no_deadline',
]);

const LEAD: readonly ReminderAudience[] = ['lead_agency'];

const reminder = (
  task: TaskTimeline,
  rule: AutomaticReminderRule,
  occurrence: string,
  audience: readonly ReminderAudience[],
  days: number,
): DueReminder => ({ taskId: task.id, rule, occurrence, audience, days });

/**
 * Working-day arithmetic over the calendar's own isWorkingDay, remembered per calendar: a run
 * over many tasks asks about the same few hundred days again and again (the calendar parses
 * every date it is given). Bounded, in case a process lives for years.
 */
interface WorkingDays {
  isWorking(date: CalendarDate): boolean;
  /** The first working day on or after `date` (the day a reminder falling on `date` is due). */
  onOrAfter(date: CalendarDate): CalendarDate;
  /** The last working day on or before `date`. */
  onOrBefore(date: CalendarDate): CalendarDate;
  /** The n-th working day strictly before `date` (n ≥ 1). */
  nthBefore(date: CalendarDate, n: number): CalendarDate;
  /** Working days in (from, to], as calendar.workingDaysBetween counts them (from ≤ to). */
  countAfter(from: CalendarDate, to: CalendarDate): number;
}

const REMEMBERED_DAYS = 20_000;
const remembered = new WeakMap<WorkingCalendar, Map<string, boolean>>();

function workingDays(calendar: WorkingCalendar): WorkingDays {
  const memo = remembered.get(calendar) ?? new Map<string, boolean>();
  remembered.set(calendar, memo);
  const isWorking = (date: CalendarDate): boolean => {
    let working = memo.get(date);
    if (working === undefined) {
      if (memo.size >= REMEMBERED_DAYS) memo.clear();
      working = calendar.isWorkingDay(date);
      memo.set(date, working);
    }
    return working;
  };
  // A calendar always has working days (createWorkingCalendar refuses one without), so the
  // walks below end.
  const walk = (date: CalendarDate, step: 1 | -1): CalendarDate => {
    let day = date;
    while (!isWorking(day)) day = addDays(day, step);
    return day;
  };
  return {
    isWorking,
    onOrAfter: (date) => walk(date, 1),
    onOrBefore: (date) => walk(date, -1),
    nthBefore: (date, n) => {
      let day = date;
      for (let counted = 0; counted < n;) {
        day = addDays(day, -1);
        if (isWorking(day)) counted++;
      }
      return day;
    },
    countAfter: (from, to) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
        if (isWorking(day)) count++;
      }
      return count;
    },
  };
}

/** The day on_deadline falls on, or null when the setting is off. */
function onDeadlineDay(
  deadline: CalendarDate,
  settings: ReminderSettings,
  days: WorkingDays,
): CalendarDate | null {
  return settings.onDeadline ? days.onOrBefore(deadline) : null;
}

function beforeDeadline(
  task: TaskTimeline,
  today: CalendarDate,
  deadline: CalendarDate,
  settings: ReminderSettings,
  days: WorkingDays,
): DueReminder | null {
  const n = settings.beforeDeadlineWorkingDays;
  if (n <= 0 || today >= deadline) return null;
  const end = onDeadlineDay(deadline, settings, days) ?? deadline;
  if (today >= end) return null;
  const start = days.nthBefore(deadline, n);
  if (start < task.assignedOn || today < start) return null;
  return reminder(task, 'before_deadline', deadline, LEAD, daysBetween(today, deadline));
}

function onDeadline(
  task: TaskTimeline,
  today: CalendarDate,
  deadline: CalendarDate,
  settings: ReminderSettings,
  days: WorkingDays,
): DueReminder | null {
  // A working today in [on-deadline day, deadline] is the on-deadline day itself.
  if (today > deadline) return null;
  const day = onDeadlineDay(deadline, settings, days);
  if (day === null || day !== today || day < task.assignedOn) return null;
  return reminder(task, 'on_deadline', deadline, LEAD, daysBetween(today, deadline));
}

function overdue(
  task: TaskTimeline,
  at: TaskClassification,
  settings: ReminderSettings,
  days: WorkingDays,
): DueReminder | null {
  if (at.class !== 'not_done_overdue' || at.deadline === null) return null;
  const deadline = at.deadline as CalendarDate;
  const every = settings.overdueEveryDays;
  // Today is a working day, so every occurrence whose nominal day has come is due by now (a
  // deferred one falls due on or before today): the latest due is the latest nominal.
  const n = 1 + Math.floor((at.daysOverdue - 1) / every);
  const dueOn = days.onOrAfter(addDays(deadline, 1 + (n - 1) * every));
  const escalated = daysBetween(deadline, dueOn) >= settings.escalateAfterOverdueDays;
  const audience: readonly ReminderAudience[] = escalated
    ? [
        'lead_agency',
        'agency_head',
        ...(task.leaderInCharge !== null ? (['leader_in_charge'] as const) : []),
      ]
    : LEAD;
  return reminder(task, 'overdue', `${deadline}#${n}`, audience, at.daysOverdue);
}

function silence(
  task: TaskTimeline,
  today: CalendarDate,
  rule: 'no_deadline_silent' | 'no_report',
  every: number,
): DueReminder | null {
  const start = silenceStart(task, today);
  const silent = daysBetween(start as CalendarDate, today);
  // As for overdue: on a working day the latest window begun is the one due.
  const k = Math.floor(silent / every);
  if (k < 1) return null;
  const audience: readonly ReminderAudience[] =
    rule === 'no_deadline_silent' ? ['lead_agency', 'tracking_office'] : LEAD;
  return reminder(task, rule, `${start}#${k}`, audience, silent);
}

function awaitingConfirmation(
  task: TaskTimeline,
  today: CalendarDate,
  settings: ReminderSettings,
  days: WorkingDays,
): DueReminder | null {
  // The report awaiting a decision at `today`, as classifyTaskAt finds it awaiting.
  const open = [...task.completions]
    .reverse()
    .find(
      (c) =>
        c.reportedOn <= today &&
        (c.confirmedOn === null || c.confirmedOn > today) &&
        (c.returnedOn === null || c.returnedOn > today),
    );
  if (!open) return null;
  const waited = days.countAfter(open.reportedOn as CalendarDate, today);
  if (waited <= settings.confirmationWaitingWorkingDays) return null;
  return reminder(task, 'awaiting_confirmation', open.reportedOn, ['tracking_office'], waited);
}

function awaitingDeadlineDecision(
  task: TaskTimeline,
  today: CalendarDate,
  settings: ReminderSettings,
  days: WorkingDays,
): DueReminder | null {
  const request = task.pendingRequest;
  if (request === null || request.requestedOn > today) return null;
  const waited = days.countAfter(request.requestedOn as CalendarDate, today);
  if (waited <= settings.deadlineDecisionWaitingWorkingDays) return null;
  return reminder(
    task,
    'awaiting_deadline_decision',
    request.requestId,
    ['tracking_office'],
    waited,
  );
}
