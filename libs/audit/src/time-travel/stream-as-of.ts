/**
 * One stream (a task's, a directive's) read at a point of both times: the events that count at
 * asOf as known at K, and those dated on or before asOf that were entered after K. A stream is
 * one aggregate's events (tens, not thousands), so it is read whole. The events are folded as
 * domain events (decoded, upcast); the history shows each as it is stored in the log, less any
 * password hash an old log holds (withoutCredentials).
 */
import {
  decodeEvent,
  type EventStore,
  type RecordedEvent,
  type StoredEvent,
  withoutCredentials,
} from '@chidao/event-store';
import { knownBy, type TimeTravelPoint } from './known-at';

/** An event as an auditor reads it: who entered what, dated when, recorded when. */
export interface AuditedEvent {
  readonly position: number;
  readonly streamVersion: number;
  readonly type: string;
  /** Business date the user gave. */
  readonly occurredOn: string;
  /** Server time it was stored. */
  readonly recordedAt: string;
  readonly actor: string;
  /** The actor's agency when it was entered; null for system entries and agency-less users. */
  readonly agency: string | null;
  readonly data: unknown;
}

const auditedEventOf = (event: StoredEvent): AuditedEvent => ({
  position: event.position,
  streamVersion: event.streamVersion,
  type: event.type,
  occurredOn: event.occurredOn,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  agency: event.metadata.agency ?? null,
  data: withoutCredentials(event.data),
});

export interface LaterBackdated {
  readonly count: number;
  /** In log order. */
  readonly events: readonly AuditedEvent[];
}

interface StreamAsOf {
  /** False when no event of the stream was recorded at or before K. */
  readonly known: boolean;
  /** Recorded ≤ K and dated ≤ asOf, in log order: what a reader at K folded for asOf. */
  readonly counted: readonly RecordedEvent[];
  /** The same events as stored (data at the schema version they were written with). */
  readonly history: readonly AuditedEvent[];
  /** Dated ≤ asOf but recorded after K: what a later reader sees and the reader at K did not. */
  readonly laterBackdated: LaterBackdated;
  /** The last position of the stream recorded ≤ K (0 when unknown). */
  readonly position: number;
}

export async function readStreamAsOf(
  eventStore: EventStore,
  streamId: string,
  point: TimeTravelPoint,
): Promise<StreamAsOf> {
  const known = knownBy(point.knownAt);
  const counted: RecordedEvent[] = [];
  const history: AuditedEvent[] = [];
  const later: AuditedEvent[] = [];
  let position = 0;
  for (const event of await eventStore.readStream(streamId)) {
    const dated = event.occurredOn <= point.asOf;
    if (known(event)) {
      position = Math.max(position, event.position);
      if (dated) {
        counted.push(decodeEvent(event));
        history.push(auditedEventOf(event));
      }
    } else if (dated) {
      later.push(auditedEventOf(event));
    }
  }
  return {
    known: position > 0,
    counted,
    history,
    laterBackdated: { count: later.length, events: later },
    position,
  };
}
