/**
 * The `task_reminders` read model: for each task that was ever reminded, the last occurrence of
 * each rule (what TaskReminderIssued recorded). The reminder run reads it to skip, without
 * loading the task, the reminders it already issued; the task aggregate still has the last word.
 */
import { isTaskEvent, STREAMS, type AutomaticReminderRule } from '@chidao/domain';
import type { RecordedEvent } from '@chidao/event-store';
import { sourceOf, withSource } from '../fingerprint';
import { defineProjection } from '../projection';

export interface TaskRemindersDocument {
  readonly taskId: string;
  readonly lastReminders: Readonly<Partial<Record<AutomaticReminderRule, string>>>;
  /** The run that issued each rule's last occurrence (a run resumed after a crash finds its own). */
  readonly lastRuns: Readonly<Partial<Record<AutomaticReminderRule, string>>>;
  /** The day of the last automatic reminder. */
  readonly lastRemindedOn: string;
}

function remindedTaskOf(event: RecordedEvent): string | null {
  return isTaskEvent(event) && event.type === 'TaskReminderIssued'
    ? STREAMS.task.idOf(event.streamId)
    : null;
}

function evolveTaskReminders(
  doc: TaskRemindersDocument | null,
  event: RecordedEvent,
): TaskRemindersDocument | null {
  if (!isTaskEvent(event) || event.type !== 'TaskReminderIssued') return doc;
  return {
    taskId: STREAMS.task.idOf(event.streamId) ?? event.streamId,
    lastReminders: { ...doc?.lastReminders, [event.data.rule]: event.data.occurrence },
    lastRuns: { ...doc?.lastRuns, [event.data.rule]: event.data.runId },
    lastRemindedOn: event.occurredOn,
  };
}

export const taskRemindersProjection = defineProjection<TaskRemindersDocument>({
  name: 'task_reminders',
  version: 1,
  partitionedBy: 'stream',
  documents: {
    idOf: withSource((event) => remindedTaskOf(event), sourceOf(remindedTaskOf)),
    evolve: withSource(
      (doc, event) => evolveTaskReminders(doc, event),
      sourceOf(evolveTaskReminders),
    ),
  },
  columns: [{ name: 'task_id', type: 'text', of: (d) => d.taskId, index: true }],
});
