import type { DomainEvent } from '@chidao/domain';
import type { EventMetadata, NewEvent } from './event-store.port';

/** Decided domain events as the store takes them, all with the same metadata. */
export const toNewEvents = (events: readonly DomainEvent[], metadata: EventMetadata): NewEvent[] =>
  events.map(({ type, schemaVersion, data, occurredOn }) => ({
    type,
    schemaVersion,
    data,
    metadata,
    occurredOn,
  }));
