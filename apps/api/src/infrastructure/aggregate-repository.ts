import { Inject, Injectable } from '@nestjs/common';
import {
  canonicalId,
  foldWith,
  isDomainError,
  type Decider,
  type Decision,
  type DomainEvent,
} from '@chidao/domain';
import {
  toNewEvents,
  type EventMetadata,
  type EventReader,
  type EventStore,
  type RecordedEvent,
} from '@chidao/event-store';
import { DomainException } from '../common/domain.exception';
import { PreconditionFailedException } from '../common/precondition-failed.exception';
import type { RequestContext } from '../common/request-context';
import { DOMAIN_EVENTS, EVENT_STORE } from './event-store.providers';

/** What loading needs of a decider: where its streams are, and how to fold them. */
type Foldable<S, E extends DomainEvent> = Pick<
  Decider<never, S, E, never>,
  'initialState' | 'evolve' | 'isEvent' | 'stream'
>;

interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

interface Appended<E> {
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
    // With the actor, names the request a retry after a crash looks for (IdempotencyInterceptor).
    ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}),
  };
}

// Where decided events become stored ones (also the reminders' run and the CLI's writers).
export { toNewEvents };

/**
 * Load → decide → append with the loaded version as expected version, through an aggregate's
 * decider. Streams are read as typed, current-version domain events. A command that names the
 * version it saw (`If-Match`) is refused with 412 when the stream has moved on.
 */
@Injectable()
export class AggregateRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOMAIN_EVENTS) private readonly events: EventReader<RecordedEvent>,
  ) {}

  async load<S, E extends DomainEvent>(decider: Foldable<S, E>, id: string): Promise<Loaded<S>> {
    return fold(decider, (await this.readEntity(decider, id)).events);
  }

  /**
   * The stream an id names: as spelled, or else in its canonical (lower-case) form, the form
   * new ids are stored in. Ids written before in another case stay reachable as spelled.
   */
  async readEntity(
    decider: Pick<Foldable<unknown, DomainEvent>, 'stream'>,
    id: string,
  ): Promise<{ streamId: string; events: RecordedEvent[] }> {
    const spelled = decider.stream.of(id);
    const events = await this.readStream(spelled);
    const canonical = canonicalId(id);
    if (events.length > 0 || canonical === id) return { streamId: spelled, events };
    const streamId = decider.stream.of(canonical);
    return { streamId, events: await this.readStream(streamId) };
  }

  /** A stream's events, decoded; what a history shows. */
  readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.events.readStream(streamId);
  }

  async execute<S, E extends DomainEvent>(options: {
    decider: Foldable<S, E>;
    id: string;
    ctx: RequestContext;
    ifMatch?: number;
    decide: (state: S, version: number) => Decision<E>;
  }): Promise<Appended<E> & { state: S }> {
    const { decider, id, ctx, ifMatch } = options;
    const { streamId, events } = await this.readEntity(decider, id);
    const { state, version } = fold(decider, events);
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
      state: decision.reduce(decider.evolve, state),
    };
  }
}

/** The state after a stream's events, and the stream's version. */
export function fold<S, E extends DomainEvent>(
  decider: Foldable<S, E>,
  events: readonly RecordedEvent[],
): Loaded<S> {
  const version = events.length === 0 ? 0 : events[events.length - 1].streamVersion;
  return { state: foldWith(decider, events), version };
}
