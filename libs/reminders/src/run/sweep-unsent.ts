/**
 * What a stopped process left unsent, found by the daily run in the log since the last run's mark:
 *
 * - urges: a person's urge is queued right after TaskUrged is in the log, so a process that
 *   stopped (or a store that failed) between the two leaves the urge unsent; queueUrgeMessages
 *   names each message by the urge, so the ones already queued are found taken;
 * - runs started and never finished (a POST /api/reminders/run, or a day's run never resumed,
 *   whose process died between recording reminders and queueing them): their reminders, as
 *   recorded on the tasks, are gathered into the digests the run would have queued, under the
 *   same ids, and the run is closed. A run started less than STALE_RUN_MS ago may still be
 *   running elsewhere: it is left, and the mark stays before it so the next sweep sees it again.
 *
 * Memory holds the unfinished runs' digests (at most DIGEST_LINES lines per person and channel).
 */
import {
  foldWith,
  isReminderRunEvent,
  isTaskAssigned,
  isTaskEvent,
  STREAMS,
  taskDecider,
  type CalendarDate,
  type TaskEvent,
} from '@chidao/domain';
import {
  readDomainEvents,
  type EventMetadata,
  type EventStore,
  type StoredEvent,
} from '@chidao/event-store';
import { queueUrgeMessages } from './queue-urge';
import type { ReminderPeople, ReminderPerson } from './reminder-people';
import { recordRunFinished, STALE_RUN_MS } from './run-record';
import { addToInbox, queueInbox, type Inbox } from './run-reminders';

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
  /** Runs found started and never finished, whose digests were queued and which were closed. */
  readonly runsResumed: number;
  /** Digests of those runs queued now. */
  readonly runMessagesQueued: number;
  /**
   * Where the next sweep starts: `upTo`, or just before the first run still in flight (started
   * less than STALE_RUN_MS ago and not finished), so that run is looked at again.
   */
  readonly checkedUpTo: number;
}

interface OpenRun {
  readonly on: CalendarDate;
  readonly startedAt: number;
  readonly position: number;
  readonly inbox: Inbox;
  reminders: number;
}

/** The log after `after` and up to `upTo` (positions): urges sent on, unfinished runs closed. */
export async function sweepUnsent(
  store: EventStore,
  people: UrgeSweepPeople & Pick<ReminderPeople, 'person'>,
  options: {
    readonly after: number;
    readonly upTo: number;
    readonly metadata: EventMetadata;
    readonly today: CalendarDate;
    readonly now: Date;
    /** The run sweeping: its own start is in the window, and it is not finished yet. */
    readonly currentRunId: string;
  },
): Promise<UrgeSweepSummary> {
  const open = new Map<string, OpenRun>();
  let urgesChecked = 0;
  let messagesQueued = 0;
  for await (const batch of store.readAll({ after: options.after, upTo: options.upTo })) {
    for (const event of batch) {
      if (isReminderRunEvent(event)) {
        if (event.type === 'ReminderRunFinished') open.delete(event.data.runId);
        else if (event.data.runId !== options.currentRunId) {
          open.set(event.data.runId, {
            on: event.data.on as CalendarDate,
            startedAt: Date.parse(event.data.startedAt),
            position: event.position,
            inbox: new Map(),
            reminders: 0,
          });
        }
        continue;
      }
      if (!isTaskEvent(event)) continue;
      if (event.type === 'TaskReminderIssued') {
        const run = open.get(event.data.runId);
        if (!run) continue;
        run.reminders += 1;
        addToInbox(run.inbox, STREAMS.task.idOf(event.streamId) ?? event.streamId, event.data);
      } else if (event.type === 'TaskUrged') {
        urgesChecked += 1;
        messagesQueued += await sendOnUrge(store, people, event, options);
      }
    }
  }
  let runsResumed = 0;
  let runMessagesQueued = 0;
  let checkedUpTo = options.upTo;
  for (const [runId, run] of open) {
    if (options.now.getTime() - run.startedAt < STALE_RUN_MS) {
      checkedUpTo = Math.min(checkedUpTo, run.position - 1);
      continue;
    }
    const run_ = { runId, today: run.on, metadata: options.metadata };
    const queued = await queueInbox({ store, people }, run_, run.inbox);
    runMessagesQueued += queued.queued;
    runsResumed += 1;
    await recordRunFinished(
      store,
      run.on,
      { runId, remindersIssued: run.reminders, messagesQueued: queued.queued },
      options.metadata,
    );
  }
  return { urgesChecked, messagesQueued, runsResumed, runMessagesQueued, checkedUpTo };
}

/** An urge sent on to the lead agency's staff, with the task as it was when urged. */
async function sendOnUrge(
  store: EventStore,
  people: UrgeSweepPeople,
  event: StoredEvent & Extract<TaskEvent, { type: 'TaskUrged' }>,
  options: { readonly metadata: EventMetadata; readonly today: CalendarDate },
): Promise<number> {
  const history = (await readDomainEvents(store).readStream(event.streamId)).filter(
    (e) => e.streamVersion <= event.streamVersion,
  );
  const task = foldWith(taskDecider, history);
  if (!isTaskAssigned(task)) return 0;
  return queueUrgeMessages(
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
