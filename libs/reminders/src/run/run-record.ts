/**
 * A run's beginning and end in the log (`reminder-run-<runId>`): the daily run claims its day with
 * ReminderRunStarted, a run asked for by a person records it too, and ReminderRunFinished closes
 * both. A run started and never finished (its process died between recording reminders and
 * queueing them) is found by the daily run's sweep (sweep-unsent.ts), which queues its digests.
 */
import {
  STREAMS,
  vietnamDateOf,
  type CalendarDate,
  type ReminderRunEvent,
  type ReminderRunFinished,
} from '@chidao/domain';
import {
  isConcurrencyError,
  type EventMetadata,
  type EventStore,
  toNewEvents,
} from '@chidao/event-store';
import { runReminders, type ReminderRunSummary, type RunRemindersDeps } from './run-reminders';

/** A run started this long ago and never finished is taken to have died with its process. */
export const STALE_RUN_MS = 30 * 60_000;

/** Appends ReminderRunStarted to the run's new stream; 'taken': another process did first. */
export async function recordRunStarted(
  store: EventStore,
  run: { readonly runId: string; readonly on: CalendarDate; readonly now: Date },
  metadata: EventMetadata,
): Promise<'started' | 'taken'> {
  const started: ReminderRunEvent = {
    type: 'ReminderRunStarted',
    schemaVersion: 1,
    data: { runId: run.runId, on: run.on, startedAt: run.now.toISOString() },
    occurredOn: run.on,
  };
  try {
    await store.append(STREAMS.reminderRun.of(run.runId), toNewEvents([started], metadata), {
      expectedVersion: 'no_stream',
    });
    return 'started';
  } catch (error) {
    if (isConcurrencyError(error)) return 'taken';
    throw error;
  }
}

/** Appends ReminderRunFinished ('any': a resumed run and the one it took over may both finish). */
export async function recordRunFinished(
  store: EventStore,
  on: CalendarDate,
  data: ReminderRunFinished['data'],
  metadata: EventMetadata,
): Promise<void> {
  const finished: ReminderRunEvent = {
    type: 'ReminderRunFinished',
    schemaVersion: 1,
    data,
    occurredOn: on,
  };
  await store.append(STREAMS.reminderRun.of(data.runId), toNewEvents([finished], metadata), {
    expectedVersion: 'any',
  });
}

/**
 * A run a person asked for (POST /api/reminders/run), recorded like the daily run: should its
 * process die before queueing, the next daily run's sweep queues what it recorded.
 */
export async function runRecordedReminders(
  deps: RunRemindersDeps,
  options: { readonly runId: string; readonly now: Date; readonly metadata: EventMetadata },
): Promise<ReminderRunSummary> {
  const today = vietnamDateOf(options.now);
  await recordRunStarted(
    deps.store,
    { runId: options.runId, on: today, now: options.now },
    options.metadata,
  );
  const summary = await runReminders(deps, {
    runId: options.runId,
    today,
    metadata: options.metadata,
  });
  await recordRunFinished(
    deps.store,
    today,
    {
      runId: options.runId,
      remindersIssued: summary.remindersIssued,
      messagesQueued: summary.messagesQueued,
    },
    options.metadata,
  );
  return summary;
}
