import { daysBetween, type CalendarDate } from '../shared/calendar-date';
import type { TaskTimeline } from './task-timeline';

/**
 * Classifies a task at a cut-off date T (the "tính đến ngày …" of a report), as DOMAIN.md's
 * table does. T is a `YYYY-MM-DD` business date and means the end of that day: everything dated
 * T has happened. It is not validated here (this runs once per task per report); callers parse
 * it once.
 *
 * Choices where DOMAIN.md is silent:
 * - A task is counted from its assignment day (assignedOn ≤ T) until it is cancelled or
 *   withdrawn: a task closed on or before T is left out entirely, even if it was overdue; one
 *   closed after T is counted as it stood at T.
 * - Refused, waiting for reassignment, on hold, returned: all "not done", and classified by the
 *   deadline in force like any open task (a hold does not stop the clock unless the assigner
 *   sets a new deadline on resumption). `onHold` says so for the reader.
 * - "Deadline in force" and "lead agency" at T: the last change in log order dated ≤ T; a change
 *   approved after T is not yet in force at T.
 * - A done task is judged on time against the deadline in force at T. A confirmed task accepts
 *   no more commands, so that is the deadline in force when it was confirmed.
 * - A completion reported but not yet confirmed (or confirmed after T) is not done at T; a
 *   returned one is not done until a later report is confirmed.
 * - daysOverdue counts calendar days from the deadline to T (deadline 31/3, T = 1/4 → 1 day),
 *   not working days: DOMAIN.md ages overdue tasks in days without saying which.
 */

export const TASK_CLASSES = [
  'done_on_time',
  'done_late',
  'done_no_deadline',
  'not_done_within_deadline',
  'not_done_overdue',
  'not_done_no_deadline',
] as const;
export type TaskClass = (typeof TASK_CLASSES)[number];

export interface TaskClassification {
  readonly class: TaskClass;
  /** The lead agency at T. */
  readonly leadAgency: string;
  /** The deadline in force at T; null = không thời hạn. */
  readonly deadline: string | null;
  readonly originalDeadline: string | null;
  /** An extension approved, or a resumption with a new deadline, on or before T. */
  readonly deadlineChanged: boolean;
  /** Completion reported on or before T, neither confirmed nor returned by T. */
  readonly awaitingConfirmation: boolean;
  /** On hold at T (put on hold on or before T, not resumed by T). */
  readonly onHold: boolean;
  /** T − deadline in days for an overdue task; 0 otherwise. */
  readonly daysOverdue: number;
  /** The work date of a done task; null otherwise. */
  readonly completedOn: string | null;
}

export function classifyTaskAt(timeline: TaskTimeline, asOf: string): TaskClassification | null {
  if (timeline.assignedOn > asOf) return null;
  if (timeline.closed !== null && timeline.closed.on <= asOf) return null;

  const deadlineEntry = lastOnOrBefore(timeline.deadlines, asOf);
  // assignedOn ≤ T and the first entry is dated assignedOn, so it is always found.
  const deadline = deadlineEntry ? deadlineEntry.deadline : timeline.deadlines[0].deadline;
  const common = {
    leadAgency: (lastOnOrBefore(timeline.leadAgencies, asOf) ?? timeline.leadAgencies[0]).agency,
    deadline,
    originalDeadline: timeline.deadlines[0].deadline,
    deadlineChanged: timeline.deadlines.some((d, i) => i > 0 && d.from <= asOf),
    onHold: timeline.holds.some((h) => h.from <= asOf && (h.to === null || h.to > asOf)),
  };

  const confirmed = timeline.completions.find(
    (c) => c.confirmedOn !== null && c.confirmedOn <= asOf,
  );
  if (confirmed) {
    return {
      ...common,
      class:
        deadline === null
          ? 'done_no_deadline'
          : confirmed.completedOn <= deadline
            ? 'done_on_time'
            : 'done_late',
      awaitingConfirmation: false,
      daysOverdue: 0,
      completedOn: confirmed.completedOn,
    };
  }

  const awaitingConfirmation = timeline.completions.some(
    (c) =>
      c.reportedOn <= asOf &&
      (c.confirmedOn === null || c.confirmedOn > asOf) &&
      (c.returnedOn === null || c.returnedOn > asOf),
  );
  const overdue = deadline !== null && deadline < asOf;
  return {
    ...common,
    class:
      deadline === null
        ? 'not_done_no_deadline'
        : overdue
          ? 'not_done_overdue'
          : 'not_done_within_deadline',
    awaitingConfirmation,
    daysOverdue: overdue ? daysBetween(deadline as CalendarDate, asOf as CalendarDate) : 0,
    completedOn: null,
  };
}

/** The last entry in log order dated on or before T (see TaskTimeline). */
function lastOnOrBefore<E extends { readonly from: string }>(
  entries: readonly E[],
  asOf: string,
): E | undefined {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    if (entries[i].from <= asOf) return entries[i];
  }
  return undefined;
}
