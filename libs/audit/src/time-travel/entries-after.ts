/**
 * What changed a period's figures after an instant K: the task entries recorded after K whose
 * business date lies in the period. Figures "as known at K" leave them out and today's figures
 * count them, so listing them explains the difference between the two.
 */
import { streamCategoryOf, STREAMS } from '@chidao/domain';
import { decodeEvent, type EventStore, type RecordedEvent } from '@chidao/event-store';
import { asRecordedInstant } from './known-at';

export interface EntriesAfterQuery {
  /** The instant (ISO-8601) the earlier figures were known at. */
  readonly knownAt: string;
  /** Business dates (occurredOn) from … to, inclusive, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  /** Last position read (default: the head now), so both figures and the list see one log. */
  readonly upTo?: number;
  /** At most this many listed (default 200); `count` still counts them all. */
  readonly limit?: number;
}

export interface EntriesAfter {
  readonly count: number;
  /** In log order, at most `limit`. */
  readonly events: readonly (RecordedEvent & { readonly taskId: string })[];
  readonly truncated: boolean;
}

export async function taskEntriesRecordedAfter(
  eventStore: EventStore,
  query: EntriesAfterQuery,
): Promise<EntriesAfter> {
  const knownAt = Date.parse(asRecordedInstant(query.knownAt));
  const limit = query.limit ?? 200;
  const upTo = query.upTo ?? (await eventStore.headPosition());
  const events: (RecordedEvent & { taskId: string })[] = [];
  let count = 0;
  // The stored envelope answers the three tests; only the few events kept are decoded.
  for await (const batch of eventStore.readAll({ upTo, batchSize: 1000 })) {
    for (const stored of batch) {
      if (Date.parse(stored.recordedAt) <= knownAt) continue;
      if (stored.occurredOn < query.from || stored.occurredOn > query.to) continue;
      if (streamCategoryOf(stored.streamId) !== 'task') continue;
      count += 1;
      const taskId = STREAMS.task.idOf(stored.streamId);
      if (events.length < limit && taskId !== null) {
        events.push({ ...decodeEvent(stored), taskId });
      }
    }
  }
  return { count, events, truncated: count > events.length };
}
