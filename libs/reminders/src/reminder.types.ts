/**
 * The shapes every part of reminders shares: the rules' answer (which reminders are due), the
 * settings that tune them, and the messages the channels carry.
 */

// The rules and audiences are the domain's: TaskReminderIssued records them.
import type { AutomaticReminderRule, ReminderAudience } from '@chidao/domain';

export type { AutomaticReminderRule, ReminderAudience, ReminderRule } from '@chidao/domain';

/** One reminder the rules say is due today. */
export interface DueReminder {
  readonly taskId: string;
  readonly rule: AutomaticReminderRule;
  /**
   * Which occurrence of the rule for this task: the same string on every run until the next
   * occurrence, so (taskId, rule, occurrence) is decided once. E.g. the deadline for
   * before_deadline, `2027-02-28#2` for the second overdue reminder of that deadline.
   */
  readonly occurrence: string;
  readonly audience: readonly ReminderAudience[];
  /** Days overdue today (overdue rule), days silent (no_report…), days waiting…: for the text. */
  readonly days: number;
}

/** The rules' numbers: a deployment's defaults, overridable per assigning body. */
export interface ReminderSettings {
  /** Working days before the deadline for the first reminder (3). */
  readonly beforeDeadlineWorkingDays: number;
  /** Remind on the deadline day itself (true). */
  readonly onDeadline: boolean;
  /** Calendar days between overdue reminders after day 1 (7). */
  readonly overdueEveryDays: number;
  /** Days overdue from which the agency's head and the leader in charge are told too (30). */
  readonly escalateAfterOverdueDays: number;
  /** Days with no report before a task with no deadline is flagged (90). */
  readonly noDeadlineSilentDays: number;
  /** Days with no report before any open task is flagged (30). */
  readonly openSilentDays: number;
  /** Working days a completion may wait for confirmation before the tracking office is reminded (3). */
  readonly confirmationWaitingWorkingDays: number;
  /** Working days a deadline change request may wait for a decision (3). */
  readonly deadlineDecisionWaitingWorkingDays: number;
  /** ISO day of the week the tracking office gets its weekly overdue list (1 = Monday). */
  readonly weeklyOverdueListDay: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  beforeDeadlineWorkingDays: 3,
  onDeadline: true,
  overdueEveryDays: 7,
  escalateAfterOverdueDays: 30,
  noDeadlineSilentDays: 90,
  openSilentDays: 30,
  confirmationWaitingWorkingDays: 3,
  deadlineDecisionWaitingWorkingDays: 3,
  weeklyOverdueListDay: 1,
};

/** One e-mail: a person's daily digest. */
export interface OutgoingEmail {
  /**
   * The Message-ID header without angle brackets, fixed when the message is decided, so a
   * resend after a crash carries the same one and mail clients see a duplicate, not news.
   */
  readonly messageId: string;
  readonly to: readonly { readonly name: string; readonly address: string }[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One short message (SMS, Zalo-style) through an HTTP gateway. */
export interface OutgoingShortMessage {
  /** Sent to the gateway as an idempotency key where its API takes one. */
  readonly messageId: string;
  /** A phone number as entered, normalised to +84… */
  readonly to: string;
  readonly text: string;
}

/**
 * A channel refused or failed a message. `retryable` says whether to try again later (server
 * down, timeout, 4xx temporary, 5xx) or never (address refused permanently).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Sends e-mail; throws DeliveryError. */
export interface MailSender {
  send(mail: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

/** Sends short messages; throws DeliveryError. */
export interface ShortMessageGateway {
  send(message: OutgoingShortMessage): Promise<void>;
}
