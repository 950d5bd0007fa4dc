import { eventGuard, type DomainEvent } from '../shared/domain-event';

/**
 * A reminder run's beginning and end, on `reminder-run-<runId>`. The daily run's id is derived
 * from the day: the process that appends ReminderRunStarted to the new stream runs that day's
 * reminders, any other finds the stream taken and leaves it; a run a person asked for is
 * recorded the same way under a random id. ReminderRunFinished says it ended; a run started long
 * ago and never finished is resumed (the daily run) or closed by the next daily run's sweep,
 * which queues the digests of what it recorded.
 */
export type ReminderRunStarted = DomainEvent<
  'ReminderRunStarted',
  {
    readonly runId: string;
    readonly on: string;
    /** When the process started it, by its clock: a run never finished is resumed from this. */
    readonly startedAt: string;
  }
>;

export type ReminderRunFinished = DomainEvent<
  'ReminderRunFinished',
  {
    readonly runId: string;
    readonly remindersIssued: number;
    readonly messagesQueued: number;
    /**
     * The log position up to which urges were checked for messages never queued (the next day's
     * run checks from here). Absent in runs recorded before the sweep existed.
     */
    readonly urgesCheckedUpTo?: number;
    /** Messages of urges the sweep found unsent and queued. */
    readonly urgeMessagesQueued?: number;
  }
>;

export type ReminderRunEvent = ReminderRunStarted | ReminderRunFinished;

export const REMINDER_RUN_EVENT_SCHEMA_VERSIONS: Record<ReminderRunEvent['type'], number> = {
  ReminderRunStarted: 1,
  ReminderRunFinished: 1,
};

export const isReminderRunEvent = eventGuard<ReminderRunEvent>(REMINDER_RUN_EVENT_SCHEMA_VERSIONS);
