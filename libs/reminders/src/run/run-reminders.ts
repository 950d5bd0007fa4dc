/**
 * A reminder run: the rules over every open task, each reminder due recorded on its task once
 * (TaskReminderIssued), then one message per person and channel queued in the log
 * (ReminderMessageQueued). Sending is the delivery worker's. Run again with the same run id
 * after a crash, it finds what it already recorded and queues what it had not.
 */
import {
  decideTaskReminder,
  foldWith,
  isDomainError,
  isTaskEvent,
  STREAMS,
  taskDecider,
  type CalendarDate,
  type ContactChannel,
  type TaskEvent,
  type TaskReminderIssuedData,
  type TaskTimeline,
} from '@chidao/domain';
import {
  isConcurrencyError,
  readDomainEvents,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
  type StreamWrite,
  toNewEvents,
} from '@chidao/event-store';
import type { DocumentCollection, TaskRemindersDocument } from '@chidao/projections';
import type { WorkingCalendar } from '@chidao/reporting';
import type { DueReminder, ReminderSettings } from '../reminder.types';
import { dueReminders } from '../rules/due-reminders';
import { messageIdOf } from './message-id';
import { queueMessage } from './queue-message';
import { recipientsOf, type ReminderPeople } from './reminder-people';
import { digestText, reminderLine } from './reminder-text';
import { createWeeklyOverdueLists } from './weekly-overdue-lists';

/** Statuses the rules may find something due for; the others never remind. */
const OPEN_STATUSES = ['assigned', 'refused', 'in_progress', 'returned', 'awaiting_confirmation'];
/** Task documents read per page: memory holds a page and its reminders, never the model. */
const PAGE = 500;

export interface RunRemindersDeps {
  readonly store: EventStore;
  readonly tasks: DocumentCollection<TaskTimeline>;
  readonly taskReminders: DocumentCollection<TaskRemindersDocument>;
  readonly people: ReminderPeople;
  readonly settingsFor: (assigningAgency: string) => ReminderSettings;
  readonly calendar: WorkingCalendar;
}

export interface RunRemindersOptions {
  readonly runId: string;
  /** The day in Vietnam the run is for. */
  readonly today: CalendarDate;
  /** Who the log names as the actor (`system:reminders`, or the person who asked for the run). */
  readonly metadata: EventMetadata;
}

export interface ReminderRunSummary {
  readonly runId: string;
  readonly today: string;
  readonly tasksScanned: number;
  /** Reminders recorded by this run (including ones a crashed attempt of it recorded). */
  readonly remindersIssued: number;
  /** Due but recorded before, or refused by the task (closed meanwhile). */
  readonly remindersSkipped: number;
  readonly messagesQueued: number;
  /** Messages of this run already queued (a resumed run). */
  readonly messagesAlreadyQueued: number;
  /** Weekly overdue lists queued to tracking offices (once a week per person and channel). */
  readonly weeklyListsQueued: number;
}

/**
 * What a person gets from this run, by channel: the tasks and their lines. A digest lists at most
 * DIGEST_LINES tasks and counts the rest, so memory is bounded by people, not by tasks.
 */
export type Inbox = Map<string, { taskIds: string[]; lines: string[]; more: number }>;
export const DIGEST_LINES = 100;

export async function runReminders(
  deps: RunRemindersDeps,
  options: RunRemindersOptions,
): Promise<ReminderRunSummary> {
  const inbox: Inbox = new Map();
  const weekly = createWeeklyOverdueLists(deps, options.today);
  let tasksScanned = 0;
  let issued = 0;
  let skipped = 0;
  let page: TaskTimeline[] = [];
  const flush = async () => {
    const result = await remindPage(deps, options, page, inbox);
    issued += result.issued;
    skipped += result.skipped;
    page = [];
  };
  const where = { status: { in: OPEN_STATUSES } };
  for await (const { doc } of deps.tasks.stream({ where, pageSize: PAGE })) {
    tasksScanned += 1;
    weekly.add(doc);
    page.push(doc);
    if (page.length >= PAGE) await flush();
  }
  if (page.length > 0) await flush();
  const queued = await queueInbox(deps, options, inbox);
  const lists = await weekly.queue(deps.store, options.runId, options.metadata);
  return {
    runId: options.runId,
    today: options.today,
    tasksScanned,
    remindersIssued: issued,
    remindersSkipped: skipped,
    messagesQueued: queued.queued,
    messagesAlreadyQueued: queued.already,
    weeklyListsQueued: lists.queued,
  };
}

interface Due {
  readonly task: TaskTimeline;
  readonly reminder: DueReminder;
}

/** A page's reminders: decided task by task, appended in one transaction. */
async function remindPage(
  deps: RunRemindersDeps,
  options: RunRemindersOptions,
  tasks: readonly TaskTimeline[],
  inbox: Inbox,
): Promise<{ issued: number; skipped: number }> {
  const due = tasks.flatMap((task) =>
    dueReminders(task, options.today, deps.settingsFor(task.assigningAgency), deps.calendar).map(
      (reminder) => ({ task, reminder }),
    ),
  );
  if (due.length === 0) return { issued: 0, skipped: 0 };
  const known = new Map(
    (
      await deps.taskReminders.find({
        where: { task_id: { in: [...new Set(due.map((d) => d.task.id))] } },
      })
    ).map(({ doc }) => [doc.taskId, doc]),
  );
  let skipped = 0;
  const byTask = new Map<string, Due[]>();
  for (const entry of due) {
    const before = known.get(entry.task.id);
    const rule = entry.reminder.rule;
    // Issued by another run: nothing to do, and no need to load the task to know it.
    if (
      before?.lastReminders[rule] === entry.reminder.occurrence &&
      before.lastRuns[rule] !== options.runId
    ) {
      skipped += 1;
      continue;
    }
    byTask.set(entry.task.id, [...(byTask.get(entry.task.id) ?? []), entry]);
  }
  let outcome = await decidePage(deps, options, [...byTask.values()]);
  try {
    if (outcome.writes.length > 0) await deps.store.appendMany(outcome.writes);
  } catch (error) {
    if (!isConcurrencyError(error)) throw error;
    // A task moved meanwhile: each task on its own, deciding again on what it is now.
    outcome = { writes: [], recorded: [], refused: 0 };
    for (const group of byTask.values()) {
      for (const { task, reminder } of group) {
        const data = await issueReminder(deps, options, task, reminder);
        if (data) outcome.recorded.push({ task, data });
        else outcome.refused += 1;
      }
    }
  }
  for (const { task, data } of outcome.recorded) addToInbox(inbox, task.id, data);
  return { issued: outcome.recorded.length, skipped: skipped + outcome.refused };
}

/** Each task's reminders decided on its stream; the writes for one transaction. */
async function decidePage(
  deps: RunRemindersDeps,
  options: RunRemindersOptions,
  groups: readonly (readonly Due[])[],
): Promise<{
  writes: StreamWrite[];
  recorded: { task: TaskTimeline; data: TaskReminderIssuedData }[];
  refused: number;
}> {
  const reader = readDomainEvents(deps.store);
  const writes: StreamWrite[] = [];
  const recorded: { task: TaskTimeline; data: TaskReminderIssuedData }[] = [];
  let refused = 0;
  for (const group of groups) {
    const task = group[0].task;
    const streamId = STREAMS.task.of(task.id);
    const events = await reader.readStream(streamId);
    let state = foldWith(taskDecider, events);
    const fresh: TaskEvent[] = [];
    for (const { reminder } of group) {
      const mine = ownReminder(events, options.runId, reminder);
      if (mine) {
        recorded.push({ task, data: mine });
        continue;
      }
      const data = reminderData(deps, options, task, reminder);
      const decision = decideTaskReminder(state, data, options.today);
      if (isDomainError(decision)) {
        refused += 1;
        continue;
      }
      state = decision.reduce(taskDecider.evolve, state);
      fresh.push(...decision);
      recorded.push({ task, data });
    }
    if (fresh.length > 0) {
      const version = events.length === 0 ? 0 : events[events.length - 1].streamVersion;
      writes.push({
        streamId,
        events: toNewEvents(fresh, options.metadata),
        expectedVersion: version === 0 ? 'no_stream' : version,
      });
    }
  }
  return { writes, recorded, refused };
}

/** A recorded reminder into its people's digests, by channel. */
export function addToInbox(inbox: Inbox, taskId: string, data: TaskReminderIssuedData): void {
  for (const recipient of data.recipients) {
    for (const channel of recipient.channels) {
      const key = `${recipient.userId}\u0000${channel}`;
      const entry = inbox.get(key) ?? { taskIds: [], lines: [], more: 0 };
      if (entry.lines.length < DIGEST_LINES) {
        entry.taskIds.push(taskId);
        entry.lines.push(data.text);
      } else {
        entry.more += 1;
      }
      inbox.set(key, entry);
    }
  }
}

/** The reminder an earlier attempt of this same run recorded on the task, if any. */
function ownReminder(
  events: readonly RecordedEvent[],
  runId: string,
  reminder: DueReminder,
): TaskReminderIssuedData | null {
  for (const event of events) {
    if (
      isTaskEvent(event) &&
      event.type === 'TaskReminderIssued' &&
      event.data.runId === runId &&
      event.data.rule === reminder.rule &&
      event.data.occurrence === reminder.occurrence
    ) {
      return event.data;
    }
  }
  return null;
}

function reminderData(
  deps: RunRemindersDeps,
  options: RunRemindersOptions,
  task: TaskTimeline,
  reminder: DueReminder,
): TaskReminderIssuedData {
  const leadAgency =
    task.leadAgencies.length === 0 ? '' : task.leadAgencies[task.leadAgencies.length - 1].agency;
  return {
    rule: reminder.rule,
    occurrence: reminder.occurrence,
    runId: options.runId,
    leadAgency,
    days: reminder.days,
    audience: reminder.audience,
    recipients: recipientsOf(deps.people, task, reminder.audience),
    text: reminderLine(task, reminder, deps.people.agencyName(leadAgency)),
  };
}

/**
 * Records one reminder on its task, or finds it recorded by an earlier attempt of this run.
 * Null: the task refuses it (recorded by another run, closed, on hold meanwhile).
 */
async function issueReminder(
  deps: RunRemindersDeps,
  options: RunRemindersOptions,
  task: TaskTimeline,
  reminder: DueReminder,
): Promise<TaskReminderIssuedData | null> {
  const streamId = STREAMS.task.of(task.id);
  const reader = readDomainEvents(deps.store);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const events = await reader.readStream(streamId);
    const mine = ownReminder(events, options.runId, reminder);
    if (mine) return mine;
    const data = reminderData(deps, options, task, reminder);
    const decision = decideTaskReminder(foldWith(taskDecider, events), data, options.today);
    if (isDomainError(decision)) return null;
    const version = events.length === 0 ? 0 : events[events.length - 1].streamVersion;
    try {
      await deps.store.append(streamId, toNewEvents(decision, options.metadata), {
        expectedVersion: version === 0 ? 'no_stream' : version,
      });
      return data;
    } catch (error) {
      if (!isConcurrencyError(error)) throw error;
    }
  }
  return null;
}

/**
 * Queues a run's digests, one per person and channel, each named by the run, the person and the
 * channel: whoever queues a run's digest (the run, a resumed run, the sweep) queues it once.
 */
export async function queueInbox(
  deps: { readonly store: EventStore; readonly people: Pick<ReminderPeople, 'person'> },
  options: RunRemindersOptions,
  inbox: Inbox,
): Promise<{ queued: number; already: number }> {
  let queued = 0;
  let already = 0;
  for (const [key, entry] of inbox) {
    const [userId, channel] = key.split('\u0000') as [string, ContactChannel];
    const person = deps.people.person(userId);
    if (!person) continue;
    const address = channel === 'email' ? person.email : channel === 'sms' ? person.phone : null;
    if (channel !== 'in_app' && !address) continue;
    const messageId = messageIdOf('run', options.runId, userId, channel);
    const { subject, text } = digestText(
      person.displayName,
      options.today,
      entry.lines,
      entry.more,
    );
    const data = {
      messageId,
      runId: options.runId,
      userId,
      channel,
      address,
      subject,
      text,
      taskIds: entry.taskIds,
    };
    if ((await queueMessage(deps.store, data, options.metadata, options.today)) === 'queued') {
      queued += 1;
    } else {
      already += 1;
    }
  }
  return { queued, already };
}
