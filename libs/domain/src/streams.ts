import { streamCategories } from './shared/stream-category';

/**
 * Every stream of the log, in one place. An aggregate's decider names its category; readers
 * (projections, time travel, the audit) parse stream ids with `idOf`/`streamCategoryOf` here.
 */
const log = streamCategories({
  task: 'task',
  directive: 'directive',
  /** One per (issuing body, year, number, symbol): a second registration of a document fails. */
  directiveKey: 'directive-key',
  agency: 'agency',
  user: 'user',
  /** One per username: two users cannot take the same name. */
  username: 'username',
  /** One stream (`administrators-active`): removals of administrators conflict on it. */
  administrators: 'administrators',
  auditorReads: 'auditor-reads',
  /** One per (schedule, period): the scheduler that appends first takes the snapshot. */
  reportClaim: 'report-schedule',
  /** The day a report schedule began. */
  reportScheduleStart: 'report-schedule-start',
  /** One per reminder message (a person's digest by one channel, or an urge). */
  reminderMessage: 'reminder-message',
  /** One per daily reminder run: the process that starts it first runs it. */
  reminderRun: 'reminder-run',
  /** One per import of a task list (its dry run, then its commit). */
  taskListImport: 'task-list-import',
});

export const STREAMS = log.categories;

type StreamCategoryKey = keyof typeof STREAMS;

/** The category of a stream id, or null for a stream no Chidao code writes. */
export const streamCategoryOf = (streamId: string): StreamCategoryKey | null =>
  log.categoryOf(streamId);
