/**
 * An event as the domain sees it. Stored events carry more (position, stream, metadata,
 * recordedAt, hash) but are structurally compatible, so `evolve` folds either.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: D;
  /** Business date (YYYY-MM-DD, Vietnam time) the user says this happened on. */
  readonly occurredOn: string;
}

/**
 * Builds an aggregate's events dated `occurredOn`, typed by event name, at the current schema
 * version of its type (`versions`; 1 when the aggregate gives none).
 */
export const eventsOn =
  <E extends DomainEvent>(occurredOn: string, versions?: Readonly<Record<E['type'], number>>) =>
  <T extends E['type']>(type: T, data: Extract<E, { type: T }>['data']): E =>
    ({ type, schemaVersion: versions?.[type] ?? 1, data, occurredOn }) as unknown as E;

/**
 * The guard of one aggregate's events: a known type at its current schema version. Events read
 * through the decoding reader are always current; an older one here was never decoded.
 */
export function eventGuard<E extends DomainEvent>(
  versions: Readonly<Record<E['type'], number>>,
): <T extends { readonly type: string; readonly schemaVersion: number }>(
  event: T,
) => event is T & E {
  const known = (type: string): type is E['type'] =>
    Object.prototype.hasOwnProperty.call(versions, type);
  return <T extends { readonly type: string; readonly schemaVersion: number }>(
    event: T,
  ): event is T & E => known(event.type) && versions[event.type] === event.schemaVersion;
}
