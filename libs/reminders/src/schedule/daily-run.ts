import {
  addDays,
  isReminderRunEvent,
  STREAMS,
  vietnamDateOf,
  type CalendarDate,
} from '@chidao/domain';
import { readDomainEvents, type EventMetadata } from '@chidao/event-store';
import { messageIdOf } from '../run/message-id';
import { recordRunFinished, recordRunStarted, STALE_RUN_MS } from '../run/run-record';
import { runReminders, type ReminderRunSummary, type RunRemindersDeps } from '../run/run-reminders';
import { sweepUnsent, type UrgeSweepPeople, type UrgeSweepSummary } from '../run/sweep-unsent';

export type DailyRunOutcome =
  | { readonly result: 'not_due' | 'taken' | 'finished'; readonly day: string }
  | {
      readonly result: 'ran';
      readonly day: string;
      readonly summary: ReminderRunSummary;
      /** Urges and unfinished runs looked at again since the last run (null: no earlier run says where it stopped). */
      readonly urges: UrgeSweepSummary | null;
    };

/** How far back the daily run looks for the last run that swept the urges. */
const SWEEP_LOOKBACK_DAYS = 31;

/** The day's run id: the same in every process, so the first to start it holds it. */
export const dailyRunIdOf = (day: string): string => messageIdOf('daily-reminder-run', day);

/**
 * The day's reminders, once: due from `at` (HH:MM, Vietnam) on working days. The process that
 * appends ReminderRunStarted to the day's new run stream runs it and records ReminderRunFinished;
 * another finds it taken. A run started over STALE_RUN_MS ago and never finished is run again
 * under the same id (a run is safe to repeat: reminders and messages are never recorded twice).
 */
export async function runDailyReminders(
  deps: RunRemindersDeps & { readonly urges?: UrgeSweepPeople },
  options: { readonly now: Date; readonly at: string; readonly metadata: EventMetadata },
): Promise<DailyRunOutcome> {
  const day = vietnamDateOf(options.now);
  const clock = new Date(options.now.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
  if (!deps.calendar.isWorkingDay(day) || clock < options.at) return { result: 'not_due', day };
  const runId = dailyRunIdOf(day);
  const events = (
    await readDomainEvents(deps.store).readStream(STREAMS.reminderRun.of(runId))
  ).filter(isReminderRunEvent);
  if (events.some((event) => event.type === 'ReminderRunFinished')) {
    return { result: 'finished', day };
  }
  if (events.length === 0) {
    const claim = await recordRunStarted(
      deps.store,
      { runId, on: day, now: options.now },
      options.metadata,
    );
    if (claim === 'taken') return { result: 'taken', day };
  } else if (
    events[0].type === 'ReminderRunStarted' &&
    options.now.getTime() - Date.parse(events[0].data.startedAt) < STALE_RUN_MS
  ) {
    return { result: 'taken', day };
  }
  // What was appended up to here is swept by this run; what comes later by the next one.
  const upTo = await deps.store.headPosition();
  const summary = await runReminders(deps, { runId, today: day, metadata: options.metadata });
  const after = deps.urges ? await lastSweptPosition(deps, day) : null;
  const swept =
    deps.urges && after !== null
      ? await sweepUnsent(
          deps.store,
          { ...deps.urges, person: (id) => deps.people.person(id) },
          {
            after,
            upTo,
            metadata: options.metadata,
            today: day,
            now: options.now,
            currentRunId: runId,
          },
        )
      : null;
  await recordRunFinished(
    deps.store,
    day,
    {
      runId,
      remindersIssued: summary.remindersIssued,
      messagesQueued: summary.messagesQueued,
      ...(deps.urges
        ? {
            urgesCheckedUpTo: swept?.checkedUpTo ?? upTo,
            urgeMessagesQueued: swept?.messagesQueued ?? 0,
          }
        : {}),
    },
    options.metadata,
  );
  return { result: 'ran', day, summary, urges: swept };
}

/**
 * Where the last finished daily run stopped looking at urges: the latest of the days before
 * `day` (up to SWEEP_LOOKBACK_DAYS back) whose run recorded it. Null: none did (the first run,
 * or the scheduler was off for longer); this run then starts the sweeps from its own position.
 */
async function lastSweptPosition(
  deps: RunRemindersDeps,
  day: CalendarDate,
): Promise<number | null> {
  const reader = readDomainEvents(deps.store);
  for (let back = 1; back <= SWEEP_LOOKBACK_DAYS; back += 1) {
    const before = addDays(day, -back);
    if (!deps.calendar.isWorkingDay(before)) continue;
    const events = await reader.readStream(STREAMS.reminderRun.of(dailyRunIdOf(before)));
    for (const event of [...events].reverse()) {
      if (
        isReminderRunEvent(event) &&
        event.type === 'ReminderRunFinished' &&
        event.data.urgesCheckedUpTo !== undefined
      ) {
        return event.data.urgesCheckedUpTo;
      }
    }
  }
  return null;
}
