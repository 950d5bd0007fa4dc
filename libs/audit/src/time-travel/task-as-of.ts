/**
 * A task as it stood at the end of business date D, as the log held it at instant K: folded by
 * the domain's own foldTask and foldTaskTimeline from the task's stream, never from a read model.
 */
import {
  classifyTaskAt,
  foldTask,
  foldTaskTimeline,
  isTaskEvent,
  STREAMS,
  type TaskClassification,
  type TaskState,
  type TaskTimeline,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { resolveTimeTravel, type TimeTravelOptions } from './known-at';
import { readStreamAsOf, type AuditedEvent, type LaterBackdated } from './stream-as-of';

export interface TaskAsOf {
  readonly taskId: string;
  readonly asOf: string;
  readonly knownAt: string;
  /**
   * The task folded from the events dated ≤ asOf and recorded ≤ knownAt; `not_assigned` when it
   * was known at K but assigned after asOf.
   */
  readonly state: TaskState;
  /** The same events folded into a timeline; null when not assigned by asOf. */
  readonly timeline: TaskTimeline | null;
  /**
   * Its class at asOf (classifyTaskAt), as a report taken at K would have counted it; null when
   * it was not counted (not assigned by asOf, or cancelled or withdrawn by then).
   */
  readonly classification: TaskClassification | null;
  /** The events folded, in log order. */
  readonly history: readonly AuditedEvent[];
  readonly laterBackdated: LaterBackdated;
  /** The last position of the task's stream recorded ≤ knownAt. */
  readonly position: number;
}

/** null when no event of the task was recorded at or before knownAt (unknown to a reader at K). */
export async function taskAsOf(
  eventStore: EventStore,
  taskId: string,
  options: TimeTravelOptions = {},
): Promise<TaskAsOf | null> {
  const point = resolveTimeTravel(options);
  const stream = await readStreamAsOf(eventStore, STREAMS.task.of(taskId), point);
  if (!stream.known) return null;
  const events = stream.counted.filter(isTaskEvent);
  const timeline = foldTaskTimeline(events);
  return {
    taskId,
    asOf: point.asOf,
    knownAt: point.knownAt,
    state: foldTask(events),
    timeline,
    classification: timeline === null ? null : classifyTaskAt(timeline, point.asOf),
    history: stream.history,
    laterBackdated: stream.laterBackdated,
    position: stream.position,
  };
}
