import type { AssignedTaskState, CalendarDate } from '@chidao/domain';
import type { EventMetadata, EventStore } from '@chidao/event-store';
import { messageIdOf } from './message-id';
import { queueMessage } from './queue-message';
import { channelsOf, type ReminderPerson } from './reminder-people';
import { urgeText } from './urge-text';

/**
 * Queues a person's urge for everyone it concerns, by each of their channels: one message per
 * person and channel, named by the task and the urge's place in it (its stream version), so a
 * second attempt after a crash queues nothing twice.
 */
export async function queueUrgeMessages(
  store: EventStore,
  urge: {
    readonly taskId: string;
    readonly task: AssignedTaskState;
    readonly version: number;
    readonly kind: string;
    readonly message: string | null;
    readonly urgedBy: string;
    readonly recipients: readonly ReminderPerson[];
  },
  metadata: EventMetadata,
  on: CalendarDate,
): Promise<number> {
  let queued = 0;
  for (const person of urge.recipients) {
    const { subject, text } = urgeText({
      recipientName: person.displayName,
      urgedBy: urge.urgedBy,
      title: urge.task.title,
      directiveReference: urge.task.directiveReference,
      deadline: urge.task.deadline,
      kind: urge.kind,
      message: urge.message,
    });
    for (const channel of channelsOf(person)) {
      const address = channel === 'email' ? person.email : channel === 'sms' ? person.phone : null;
      const messageId = messageIdOf(
        'urge',
        urge.taskId,
        String(urge.version),
        person.userId,
        channel,
      );
      const data = {
        messageId,
        runId: null,
        userId: person.userId,
        channel,
        address,
        subject,
        text,
        taskIds: [urge.taskId],
      };
      if ((await queueMessage(store, data, metadata, on)) === 'queued') queued += 1;
    }
  }
  return queued;
}
