/**
 * The `urge_counts` read model: how many manual urges (TaskUrged) and automatic reminders
 * (TaskReminderIssued) one task had on one business date for one lead agency. The urge
 * statistics sum a range of dates from it instead of reading every task's stream.
 *
 * One document per (task, date, agency) rather than per (agency, date): a document fed by one
 * stream only is what the Kafka consumers need (partitionedBy: 'stream'), and a day rarely
 * holds more than one urge of a task, so there are about as many documents as urge days.
 */
import { isTaskEvent, STREAMS } from '@chidao/domain';
import type { RecordedEvent } from '@chidao/event-store';
import { sourceOf, withSource } from '../fingerprint';
import { defineProjection } from '../projection';

export interface UrgeCountDocument {
  readonly taskId: string;
  /** The business date (occurredOn) of the urges counted. */
  readonly date: string;
  /** The lead agency they were addressed to (recorded in each event). */
  readonly agency: string;
  readonly manual: number;
  readonly automatic: number;
}

/** `<task>|<date>|<agency>` for an urge or a reminder; null for any other event. */
function urgeCountIdOf(event: RecordedEvent): string | null {
  if (!isTaskEvent(event)) return null;
  if (event.type !== 'TaskUrged' && event.type !== 'TaskReminderIssued') return null;
  const taskId = STREAMS.task.idOf(event.streamId) ?? event.streamId;
  return `${taskId}|${event.occurredOn}|${event.data.leadAgency}`;
}

function evolveUrgeCount(
  doc: UrgeCountDocument | null,
  event: RecordedEvent,
): UrgeCountDocument | null {
  if (!isTaskEvent(event)) return doc;
  if (event.type !== 'TaskUrged' && event.type !== 'TaskReminderIssued') return doc;
  const count = doc ?? {
    taskId: STREAMS.task.idOf(event.streamId) ?? event.streamId,
    date: event.occurredOn,
    agency: event.data.leadAgency,
    manual: 0,
    automatic: 0,
  };
  return event.type === 'TaskUrged'
    ? { ...count, manual: count.manual + 1 }
    : { ...count, automatic: count.automatic + 1 };
}

export const urgeCountsProjection = defineProjection<UrgeCountDocument>({
  name: 'urge_counts',
  version: 1,
  // Every document counts the events of one `task-<id>` stream.
  partitionedBy: 'stream',
  documents: {
    idOf: withSource((event) => urgeCountIdOf(event), sourceOf(urgeCountIdOf)),
    evolve: withSource((doc, event) => evolveUrgeCount(doc, event), sourceOf(evolveUrgeCount)),
  },
  columns: [
    // The statistics read a range of dates (the stream's key column: never null).
    { name: 'occurred_on', type: 'text', of: (d) => d.date, index: true },
    { name: 'lead_agency', type: 'text', of: (d) => d.agency, index: true },
  ],
});
