import { EventDecodingError, toCurrentEvent } from '@chidao/domain';
import type { StoredEvent } from '../event-store.port';
import type { RecordedEvent } from './recorded-event';

/** An event of the log this code cannot read, with where it is: the process must be upgraded. */
export class UndecodableEventError extends Error {
  override readonly name = 'UndecodableEventError';
  readonly code = 'undecodable_event';

  constructor(
    readonly position: number,
    readonly streamId: string,
    override readonly cause: EventDecodingError,
  ) {
    super(`Event at position ${position} (stream ${streamId}): ${cause.message}`);
  }
}

/**
 * The one place a stored event becomes a domain event: upcast to the current schema version of
 * its type (the same object when it is current). Data is trusted as the log is; an event of a
 * type or version this code does not know throws UndecodableEventError rather than being
 * skipped, because skipping it would silently change read models, time travel and reports.
 */
export function decodeEvent(stored: StoredEvent): RecordedEvent {
  try {
    return toCurrentEvent<StoredEvent>(stored);
  } catch (error) {
    if (error instanceof EventDecodingError) {
      throw new UndecodableEventError(stored.position, stored.streamId, error);
    }
    throw error;
  }
}
