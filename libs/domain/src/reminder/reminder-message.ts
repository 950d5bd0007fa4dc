import { DomainError, type Decision } from '../shared/domain-error';
import type { CalendarDate } from '../shared/calendar-date';
import type { ContactChannel } from '../user/contact-channels';
import type {
  ReminderMessageEvent,
  ReminderMessageFailed,
  ReminderMessageQueuedData,
} from './reminder-message.events';

/** Where a message stands: nothing yet, waiting to go (again), sent, or given up. */
export type ReminderMessageState =
  | { readonly status: 'none' }
  | {
      readonly status: 'queued' | 'delivered' | 'given_up';
      readonly messageId: string;
      readonly userId: string;
      readonly channel: ContactChannel;
      /** In the app: when its recipient read it; null until then (and for other channels). */
      readonly readOn: string | null;
      readonly attempts: number;
      /** When the next attempt may go; null: now (queued) or never (delivered, given up). */
      readonly nextAttemptAt: string | null;
    };

export const initialReminderMessageState: ReminderMessageState = Object.freeze({
  status: 'none' as const,
});

export function evolveReminderMessage(
  state: ReminderMessageState,
  event: ReminderMessageEvent,
): ReminderMessageState {
  switch (event.type) {
    case 'ReminderMessageQueued':
      return {
        status: 'queued',
        messageId: event.data.messageId,
        userId: event.data.userId,
        channel: event.data.channel,
        readOn: null,
        attempts: 0,
        nextAttemptAt: null,
      };
    case 'ReminderMessageRead':
      return state.status === 'none' ? state : { ...state, readOn: event.occurredOn };
    case 'ReminderMessageDelivered':
      return state.status === 'none'
        ? state
        : { ...state, status: 'delivered', attempts: event.data.attempt, nextAttemptAt: null };
    case 'ReminderMessageFailed':
      return state.status === 'none'
        ? state
        : {
            ...state,
            status: event.data.nextAttemptAt === null ? 'given_up' : 'queued',
            attempts: event.data.attempt,
            nextAttemptAt: event.data.nextAttemptAt,
          };
  }
}

const messageError = (code: string, en: string, vi: string) =>
  new DomainError('rule_refused', code, en, vi);

/** Queues a message once: its stream is new (the caller appends with `no_stream` too). */
export function decideQueueMessage(
  state: ReminderMessageState,
  data: ReminderMessageQueuedData,
  on: CalendarDate,
): Decision<ReminderMessageEvent> {
  if (state.status !== 'none') {
    return messageError(
      'message_already_queued',
      `Message ${data.messageId} is already queued.`,
      'Tin nhắc việc này đã được xếp gửi.',
    );
  }
  return [{ type: 'ReminderMessageQueued', schemaVersion: 1, data, occurredOn: on }];
}

/**
 * Records how an attempt went. Only a message still waiting takes an outcome: a delivered or
 * abandoned one refuses, so two workers racing on it record one outcome.
 */
export function decideDeliveryOutcome(
  state: ReminderMessageState,
  outcome:
    | { readonly delivered: true }
    | { readonly delivered: false; readonly reason: string; readonly nextAttemptAt: string | null },
  on: CalendarDate,
): Decision<ReminderMessageEvent> {
  if (state.status !== 'queued') {
    return messageError(
      'message_not_waiting',
      `The message is ${state.status === 'none' ? 'not queued' : state.status}; no attempt is due.`,
      'Tin nhắc việc này không còn chờ gửi.',
    );
  }
  const attempt = state.attempts + 1;
  if (outcome.delivered) {
    return [
      {
        type: 'ReminderMessageDelivered',
        schemaVersion: 1,
        data: { messageId: state.messageId, attempt },
        occurredOn: on,
      },
    ];
  }
  const failed: ReminderMessageFailed = {
    type: 'ReminderMessageFailed',
    schemaVersion: 1,
    data: {
      messageId: state.messageId,
      attempt,
      reason: outcome.reason.slice(0, 500),
      nextAttemptAt: outcome.nextAttemptAt,
    },
    occurredOn: on,
  };
  return [failed];
}

/**
 * Marks an in-app message read by its recipient. Reading it again changes nothing (no event);
 * someone else's message, or one sent by e-mail or SMS, is not found for them.
 */
export function decideMarkRead(
  state: ReminderMessageState,
  userId: string,
  on: CalendarDate,
): Decision<ReminderMessageEvent> {
  if (state.status === 'none' || state.userId !== userId || state.channel !== 'in_app') {
    return new DomainError(
      'not_found',
      'notification_not_found',
      'No such notification for you.',
      'Không tìm thấy thông báo này trong danh sách của bạn.',
    );
  }
  if (state.readOn !== null) return [];
  return [
    {
      type: 'ReminderMessageRead',
      schemaVersion: 1,
      data: { messageId: state.messageId, userId },
      occurredOn: on,
    },
  ];
}
