import {
  decideQueueMessage,
  initialReminderMessageState,
  isDomainError,
  STREAMS,
  type CalendarDate,
  type ReminderMessageQueuedData,
} from '@chidao/domain';
import {
  isConcurrencyError,
  type EventMetadata,
  type EventStore,
  toNewEvents,
} from '@chidao/event-store';

/**
 * Queues one message in its own new stream. 'already': a message of that id is in the log (a
 * resumed run, a second process): it is never queued twice.
 */
export async function queueMessage(
  store: EventStore,
  data: ReminderMessageQueuedData,
  metadata: EventMetadata,
  on: CalendarDate,
): Promise<'queued' | 'already'> {
  const decision = decideQueueMessage(initialReminderMessageState, data, on);
  if (isDomainError(decision)) return 'already';
  try {
    await store.append(
      STREAMS.reminderMessage.of(data.messageId),
      toNewEvents(decision, metadata),
      {
        expectedVersion: 'no_stream',
      },
    );
    return 'queued';
  } catch (error) {
    if (!isConcurrencyError(error)) throw error;
    return 'already';
  }
}
