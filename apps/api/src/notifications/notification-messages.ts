import {
  evolveReminderMessage,
  initialReminderMessageState,
  isReminderMessageEvent,
  STREAMS,
} from '@chidao/domain';
import { apiError } from '../common/api-error';

/** The reminder message stream as AggregateRepository loads it (there is no command decider). */
export const reminderMessageStream = {
  initialState: initialReminderMessageState,
  evolve: evolveReminderMessage,
  isEvent: isReminderMessageEvent,
  stream: STREAMS.reminderMessage,
};

/**
 * A message id as the path carries it: what a queued message's id can be (a UUID or a name made
 * of the run, the person and the channel), nothing that could not name a stream.
 */
export const NOTIFICATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;

export const malformedNotificationId = (id: string) =>
  apiError(
    'notification_id_malformed',
    `"${id.slice(0, 60)}" is not a notification id.`,
    'Mã thông báo không hợp lệ.',
  );
