/**
 * A directive as it stood at the end of business date D, as the log held it at instant K: its
 * own state folded from its stream, and the completion statistics of its tasks at D from a replay
 * of the events recorded ≤ K.
 */
import {
  foldDirective,
  isDirectiveEvent,
  STREAMS,
  type DirectiveState,
  type StatsGroupBy,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { resolveTimeTravel, type TimeTravelOptions } from './known-at';
import { completionStatsKnownAt, type StatsKnownAt } from './stats-known-at';
import { readStreamAsOf, type AuditedEvent, type LaterBackdated } from './stream-as-of';

/** The first day a business date may have (parseCalendarDate refuses earlier ones). */
const EARLIEST_DATE = '1945-01-01';

interface DirectiveAsOfOptions extends TimeTravelOptions {
  readonly scratchDir: string;
  /** How the tasks' statistics are grouped (default: by lead agency at asOf). */
  readonly groupBy?: StatsGroupBy;
  readonly batchSize?: number;
}

export interface DirectiveAsOf {
  readonly directiveId: string;
  readonly asOf: string;
  readonly knownAt: string;
  /** Folded from the events dated ≤ asOf and recorded ≤ knownAt (status `none`: not yet registered at asOf). */
  readonly state: DirectiveState;
  readonly history: readonly AuditedEvent[];
  readonly laterBackdated: LaterBackdated;
  /** The last position of the directive's stream recorded ≤ knownAt. */
  readonly position: number;
  /** Its tasks (assigned on or before asOf) classified at asOf, as known at knownAt. */
  readonly tasks: StatsKnownAt;
}

/** null when no event of the directive was recorded at or before knownAt. */
export async function directiveAsOf(
  eventStore: EventStore,
  directiveId: string,
  options: DirectiveAsOfOptions,
): Promise<DirectiveAsOf | null> {
  const point = resolveTimeTravel(options);
  const stream = await readStreamAsOf(eventStore, STREAMS.directive.of(directiveId), point);
  if (!stream.known) return null;
  const tasks = await completionStatsKnownAt(
    eventStore,
    {
      from: EARLIEST_DATE,
      to: point.asOf,
      asOf: point.asOf,
      directiveId,
      groupBy: options.groupBy ?? 'agency',
      knownAt: point.knownAt,
    },
    { scratchDir: options.scratchDir, batchSize: options.batchSize },
  );
  return {
    directiveId,
    asOf: point.asOf,
    knownAt: point.knownAt,
    state: foldDirective(stream.counted.filter(isDirectiveEvent)),
    history: stream.history,
    laterBackdated: stream.laterBackdated,
    position: stream.position,
    tasks,
  };
}
