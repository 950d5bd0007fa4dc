/**
 * Completion statistics as a reader saw them at instant K: the log replayed into a scratch read
 * model with only the events recorded ≤ K, by the same projection code the application runs, and
 * counted by the same query GET /api/stats/completion uses. A back-dated entry made after K
 * changes the live figures for a past cut-off, never these.
 * Memory: one batch of events, one page of timelines and the counters (plus, for one directive,
 * the ids of its tasks).
 */
import { isTaskEvent, type StatsResult, type TaskTimeline } from '@chidao/domain';
import type { EventStore, RecordedEvent } from '@chidao/event-store';
import {
  completionStats,
  taskTimelineProjection,
  withScratchReadModel,
  type CompletionStatsQuery,
  type DocumentCollection,
} from '@chidao/projections';
import { knownBy, asRecordedInstant } from './known-at';

export interface StatsKnownAtQuery extends CompletionStatsQuery {
  /** An instant (ISO-8601): only events recorded at or before it count. */
  readonly knownAt: string | Date;
}

interface StatsKnownAtOptions {
  /** A directory for the scratch read model (created when missing; the file is removed after). */
  readonly scratchDir: string;
  /** Events per replay batch (default 1000). */
  readonly batchSize?: number;
}

export interface StatsKnownAt extends StatsResult {
  readonly knownAt: string;
  /** The last log position recorded ≤ knownAt (0 for none). */
  readonly position: number;
  /** Events the replay took (those recorded ≤ knownAt, and for a directive only its tasks'). */
  readonly eventsReplayed: number;
}

export async function completionStatsKnownAt(
  eventStore: EventStore,
  query: StatsKnownAtQuery,
  options: StatsKnownAtOptions,
): Promise<StatsKnownAt> {
  const knownAt = asRecordedInstant(query.knownAt);
  const known = knownBy(knownAt);
  const ofScope = query.directiveId === undefined ? null : tasksOfDirective(query.directiveId);
  let position = 0;
  // Called for every event in log order (possibly more than once): all it keeps is idempotent.
  const include = (event: RecordedEvent): boolean => {
    if (!known(event)) return false;
    if (event.position > position) position = event.position;
    return ofScope === null || ofScope(event);
  };
  const statsQuery: CompletionStatsQuery = {
    from: query.from,
    to: query.to,
    asOf: query.asOf,
    leadAgencies: query.leadAgencies,
    directiveId: query.directiveId,
    groupBy: query.groupBy,
  };
  return withScratchReadModel(
    eventStore,
    {
      scratchDir: options.scratchDir,
      upTo: await eventStore.headPosition(),
      include,
      batchSize: options.batchSize,
    },
    async ({ store, eventsReplayed }) => {
      const tasks: DocumentCollection<TaskTimeline> = store.documents(taskTimelineProjection.name);
      const result = await completionStats(tasks, statsQuery);
      return { ...result, knownAt, position, eventsReplayed };
    },
  );
}

/**
 * Accepts the events of the tasks assigned to one directive and nothing else. A task's
 * TaskAssigned comes first in its stream, and so in the log, so the set is complete for every
 * later event of the task. The query still filters on the directive: a task moved to another
 * directive by a second TaskAssigned is replayed but not counted.
 */
function tasksOfDirective(directiveId: string): (event: RecordedEvent) => boolean {
  const streams = new Set<string>();
  return (event) => {
    if (
      isTaskEvent(event) &&
      event.type === 'TaskAssigned' &&
      event.data.directiveId === directiveId
    ) {
      streams.add(event.streamId);
    }
    return streams.has(event.streamId);
  };
}
