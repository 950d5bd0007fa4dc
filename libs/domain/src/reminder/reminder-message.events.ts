import { eventGuard, type DomainEvent } from '../shared/domain-event';
import type { ContactChannel } from '../user/contact-channels';

/**
 * One message to one person by one channel: a day's digest of reminders, or one urge. Queued in
 * the log before it is sent (who, by which channel, to which address, the text), then its
 * delivery recorded: delivered, or failed with the reason and whether it will be tried again.
 * The stream is the message's: `reminder-message-<messageId>`.
 */
export interface ReminderMessageQueuedData {
  readonly messageId: string;
  /** The run whose reminders it carries; null for a person's urge. */
  readonly runId: string | null;
  readonly userId: string;
  readonly channel: ContactChannel;
  /** The e-mail address or phone number it goes to; null in the app. */
  readonly address: string | null;
  readonly subject: string;
  readonly text: string;
  /** The tasks it speaks of, in the order it lists them. */
  readonly taskIds: readonly string[];
}

export type ReminderMessageQueued = DomainEvent<'ReminderMessageQueued', ReminderMessageQueuedData>;

export type ReminderMessageDelivered = DomainEvent<
  'ReminderMessageDelivered',
  { readonly messageId: string; readonly attempt: number }
>;

export type ReminderMessageFailed = DomainEvent<
  'ReminderMessageFailed',
  {
    readonly messageId: string;
    readonly attempt: number;
    /** What the server or gateway answered, in its words (never a secret). */
    readonly reason: string;
    /** null: given up, it will not be tried again. */
    readonly nextAttemptAt: string | null;
  }
>;

/** The person read it in the app (the bell's list): in-app messages only, by their recipient. */
export type ReminderMessageRead = DomainEvent<
  'ReminderMessageRead',
  { readonly messageId: string; readonly userId: string }
>;

export type ReminderMessageEvent =
  ReminderMessageQueued | ReminderMessageDelivered | ReminderMessageFailed | ReminderMessageRead;

export const REMINDER_MESSAGE_EVENT_SCHEMA_VERSIONS: Record<ReminderMessageEvent['type'], number> =
  {
    ReminderMessageQueued: 1,
    ReminderMessageDelivered: 1,
    ReminderMessageFailed: 1,
    ReminderMessageRead: 1,
  };

/** A reminder message event of this code: a known type at its current schema version. */
export const isReminderMessageEvent = eventGuard<ReminderMessageEvent>(
  REMINDER_MESSAGE_EVENT_SCHEMA_VERSIONS,
);
