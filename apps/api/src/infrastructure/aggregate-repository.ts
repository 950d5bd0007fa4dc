import { Inject, Injectable } from '@nestjs/common';
import { isDomainError, type Decision, type DomainEvent } from '@chidao/domain';
import type { EventMetadata, EventStore, NewEvent, StoredEvent } from '@chidao/event-store';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { PreconditionFailedException } from '../common/precondition-failed.exception';
import type { RequestContext } from '../common/request-context';
import { EVENT_STORE } from './event-store.providers';
import { EventUpcaster } from './event-upcaster';

/** How to fold one kind of aggregate from its events. */
export interface AggregateDefinition<S, E extends DomainEvent> {
  readonly initial: S;
  readonly evolve: (state: S, event: E) => S;
}

export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

export interface Appended<E> {
  readonly version: number;
  readonly position: number;
  readonly events: readonly E[];
}

export function metadataOf(ctx: RequestContext): EventMetadata {
  return {
    actor: ctx.actor.userId,
    actorRoles: ctx.actor.roles,
    agency: ctx.actor.agency,
    correlationId: ctx.correlationId,
    causationId: null,
    ...(ctx.clientIp ? { clientIp: ctx.clientIp } : {}),
  };
}

export const toNewEvents = (events: readonly DomainEvent[], metadata: EventMetadata): NewEvent[] =>
  events.map(({ type, schemaVersion, data, occurredOn }) => ({
    type,
    schemaVersion,
    data,
    metadata,
    occurredOn,
  }));

/**
 * Load → decide → append with the loaded version as expected version. A command that names
 * the version it saw (`If-Match`) is refused with 412 when the stream has moved on.
 */
@Injectable()
export class AggregateRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly upcaster: EventUpcaster,
  ) {}

  async load<S, E extends DomainEvent>(
    streamId: string,
    definition: AggregateDefinition<S, E>,
  ): Promise<Loaded<S>> {
    const events = await this.readStream(streamId);
    return {
      state: events.reduce(
        (state, event) => definition.evolve(state, event as unknown as E),
        definition.initial,
      ),
      version: events.length === 0 ? 0 : events[events.length - 1].streamVersion,
    };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return (await this.store.readStream(streamId)).map((event) => this.upcaster.upcast(event));
  }

  async execute<S, E extends DomainEvent>(options: {
    streamId: string;
    definition: AggregateDefinition<S, E>;
    ctx: RequestContext;
    ifMatch?: number;
    decide: (state: S, version: number) => Decision<E>;
  }): Promise<Appended<E> & { state: S }> {
    const { streamId, definition, ctx, ifMatch } = options;
    const { state, version } = await this.load(streamId, definition);
    if (ifMatch !== undefined && ifMatch !== version) {
      throw new PreconditionFailedException(streamId, ifMatch, version);
    }
    const decision = options.decide(state, version);
    if (isDomainError(decision)) throw new DomainException(decision);
    const result = await this.store.append(streamId, toNewEvents(decision, metadataOf(ctx)), {
      expectedVersion: version === 0 ? 'no_stream' : version,
    });
    return {
      version: result.nextExpectedVersion,
      position: result.lastPosition,
      events: decision,
      state: decision.reduce(definition.evolve, state),
    };
  }

  /** Server time as ISO, for `receivedAt`. */
  now(): string {
    return this.clock.now().toISOString();
  }
}
