import type { ChidaoEvent, DomainEvent } from '@chidao/domain';
import type { StoredEvent } from '../event-store.port';

/** What the log says about an event besides its type and data: where, when, who, its hash. */
export type EventEnvelope = Omit<StoredEvent, 'type' | 'schemaVersion' | 'data'>;

/** A stored event read as the domain event `E` (distributes over unions, so `type` narrows `data`). */
export type Recorded<E extends DomainEvent> = E extends unknown ? EventEnvelope & E : never;

/** Any event of Chidao's log, typed and at its current schema version. */
export type RecordedEvent = Recorded<ChidaoEvent>;
