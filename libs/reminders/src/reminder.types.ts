/**
 * The shapes every part of reminders shares: the rules' answer (which reminders are due), the
 * settings that tune them, and the messages the channels carry.
 */

// The rules and audiences are the domain's: TaskReminderIssued records them.
import type { AutomaticReminderRule, ReminderAudience } from '@chidao/domain';

export type { AutomaticReminderRule, ReminderAudience, ReminderRule } from '@chidao/domain';
// The settings are the domain's too: an assigning body's overrides are in its agency's stream.
export { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '@chidao/domain';

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
