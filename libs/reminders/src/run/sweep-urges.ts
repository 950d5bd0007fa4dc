/**
 * Urges whose messages were never queued: a person's urge is queued right after TaskUrged is in
 * the log, so a process that stopped (or a store that failed) between the two leaves the urge in
 * the task's history unsent. The daily run looks again at the urges of the log since the last
 * sweep and queues what is missing; queueUrgeMessages names each message by the urge, so the
 * ones already queued are found taken and nothing goes twice.
 */
import {
  foldWith,
  isTaskAssigned,
  isTaskEvent,
  taskDecider,
  type CalendarDate,
} from '@chidao/domain';
import { readDomainEvents, type EventMetadata, type EventStore } from '@chidao/event-store';
import { queueUrgeMessages } from './queue-urge';
import type { ReminderPerson } from './reminder-people';

export interface UrgeSweepPeople {
  /** The staff an urge to this lead agency reaches (as the register has them now). */
  staffOf(agency: string): readonly ReminderPerson[];
  /** Who urged, as the message names them: "Name, Agency". */
  urgedBy(userId: string, agency: string | null): string;
}

export interface UrgeSweepSummary {
  readonly urgesChecked: number;
  /** Messages queued now: the urge had not been sent on to these people and channels. */
  readonly messagesQueued: number;
}

/** The urges appended after `after` and up to `upTo` (log positions), each sent on once. */
export async function sweepUrges(
  store: EventStore,
  people: UrgeSweepPeople,
  options: {
    readonly after: number;
    readonly upTo: number;
    readonly metadata: EventMetadata;
    readonly today: CalendarDate;
  },
): Promise<UrgeSweepSummary> {
  const reader = readDomainEvents(store);
  let urgesChecked = 0;
  let messagesQueued = 0;
  for await (const batch of store.readAll({ after: options.after, upTo: options.upTo })) {
    for (const event of batch) {
      if (!isTaskEvent(event) || event.type !== 'TaskUrged') continue;
      urgesChecked += 1;
      // The task as it was when urged: the message quotes its title and deadline then.
      const history = (await reader.readStream(event.streamId)).filter(
        (e) => e.streamVersion <= event.streamVersion,
      );
      const task = foldWith(taskDecider, history);
      if (!isTaskAssigned(task)) continue;
      messagesQueued += await queueUrgeMessages(
        store,
        {
          taskId: task.id,
          task,
          version: event.streamVersion,
          kind: event.data.kind,
          message: event.data.message,
          urgedBy: people.urgedBy(event.metadata.actor, event.metadata.agency),
          recipients: people.staffOf(event.data.leadAgency),
        },
        options.metadata,
        options.today,
      );
    }
  }
  return { urgesChecked, messagesQueued };
}
