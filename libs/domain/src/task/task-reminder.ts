import type { CalendarDate } from '../shared/calendar-date';
import type { Decision } from '../shared/domain-error';
import type { ContactChannel } from '../user/contact-channels';
import { taskErrors as errors } from './task.errors';
import type { TaskReminderIssued } from './task.events';
import type { TaskState } from './task.state';

/** Why a reminder goes out (DOMAIN.md, "Reminders"; docs/reminders.md has the table). */
export const REMINDER_RULES = [
  'before_deadline',
  'on_deadline',
  'overdue',
  'no_deadline_silent',
  'no_report',
  'awaiting_confirmation',
  'awaiting_deadline_decision',
] as const;
/** The rules the run applies by itself; a person's urge is `TaskUrged`. */
export type AutomaticReminderRule = (typeof REMINDER_RULES)[number];
export type ReminderRule = AutomaticReminderRule | 'manual';

/** Who a reminder is for; people are found from these by role and agency. */
export type ReminderAudience =
  'lead_agency' | 'agency_head' | 'leader_in_charge' | 'tracking_office';

/** One person a reminder goes to, and by which channels. */
export interface ReminderRecipient {
  readonly userId: string;
  readonly channels: readonly ContactChannel[];
}

export interface TaskReminderIssuedData {
  readonly rule: AutomaticReminderRule;
  /** Which occurrence of the rule: the same on every run until the next one (docs/reminders.md). */
  readonly occurrence: string;
  /** The run that decided it; its messages carry the same id. */
  readonly runId: string;
  readonly leadAgency: string;
  /** Days overdue, silent or waiting, as the sentence says them. */
  readonly days: number;
  readonly audience: readonly ReminderAudience[];
  readonly recipients: readonly ReminderRecipient[];
  /** The sentence the digest shows for this task. */
  readonly text: string;
}

/**
 * Records that a reminder was decided for the task: once per (rule, occurrence), never for a
 * task closed or on hold. The aggregate is the authority: a second run, a second process or a
 * stale read model gets a refusal, not a second reminder.
 */
export function decideTaskReminder(
  state: TaskState,
  data: TaskReminderIssuedData,
  on: CalendarDate,
): Decision<TaskReminderIssued> {
  if (state.status === 'not_assigned') return errors.taskNotFound();
  if (state.status === 'cancelled' || state.status === 'withdrawn') {
    return errors.taskClosed(state.status, state.closedOn);
  }
  if (state.status === 'completed') {
    return errors.taskAlreadyCompleted(state.completion?.confirmedOn ?? null);
  }
  if (state.status === 'on_hold') return errors.taskOnHold();
  if (on < state.assignedOn) return errors.dateBeforeAssignment('occurredOn', on, state.assignedOn);
  if (state.lastReminders?.[data.rule] === data.occurrence) {
    return errors.reminderAlreadyIssued(data.rule, data.occurrence);
  }
  return [
    {
      type: 'TaskReminderIssued',
      schemaVersion: 1,
      data,
      occurredOn: on,
    },
  ];
}

/** Why, in words, with the days the rule counts: "quá hạn 8 ngày". */
export function reminderRuleWords(
  rule: ReminderRule,
  days: number,
): { readonly vi: string; readonly en: string } {
  switch (rule) {
    case 'before_deadline':
      return { vi: 'sắp đến hạn', en: 'deadline near' };
    case 'on_deadline':
      return { vi: 'đến hạn hôm nay', en: 'due today' };
    case 'overdue':
      return { vi: `quá hạn ${days} ngày`, en: `${days} days overdue` };
    case 'no_deadline_silent':
      return {
        vi: `không thời hạn, ${days} ngày chưa báo cáo`,
        en: `no deadline, no report for ${days} days`,
      };
    case 'no_report':
      return { vi: `${days} ngày chưa báo cáo tiến độ`, en: `no progress report for ${days} days` };
    case 'awaiting_confirmation':
      return {
        vi: `báo cáo hoàn thành chờ xác nhận ${days} ngày làm việc`,
        en: `completion awaiting confirmation for ${days} working days`,
      };
    case 'awaiting_deadline_decision':
      return {
        vi: `đề nghị điều chỉnh thời hạn chờ quyết định ${days} ngày làm việc`,
        en: `deadline change request awaiting a decision for ${days} working days`,
      };
    case 'manual':
      return { vi: 'đôn đốc', en: 'urged' };
  }
}
