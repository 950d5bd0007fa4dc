import type { DomainEvent } from '../shared/domain-event';
import { STREAMS } from '../streams';
import type { DirectiveState } from './directive.state';

/**
 * Numbers restart per issuing body and year, and every district's committee writes "…/KH-UBND":
 * a document is one (issuing body, year, number, symbol). Registering it also appends this event
 * to that key's own stream, in the same transaction, expecting the stream to be new (or its last
 * event a release), so the log refuses a second registration of the same document.
 */
export type DirectiveReferenceReserved = DomainEvent<
  'DirectiveReferenceReserved',
  { documentKey: string; directiveId: string }
>;

/** The directive holding the number was withdrawn (registered in error): the number is free. */
export type DirectiveReferenceReleased = DomainEvent<
  'DirectiveReferenceReleased',
  { documentKey: string; directiveId: string }
>;

type DirectiveReservationEvent = DirectiveReferenceReserved | DirectiveReferenceReleased;

export const DIRECTIVE_RESERVATION_SCHEMA_VERSIONS: Record<
  DirectiveReservationEvent['type'],
  number
> = { DirectiveReferenceReserved: 1, DirectiveReferenceReleased: 1 };

/** The stream that holds a document's number: one per (issuing body as written, documentKey). */
export const directiveKeyStreamOf = (issuer: string, documentKey: string): string =>
  STREAMS.directiveKey.of(`${issuer.toLocaleLowerCase('vi')}|${documentKey}`);

const reservationStreamOf = ({ issuer, documentKey }: DirectiveState) =>
  directiveKeyStreamOf(issuer, documentKey ?? '');

/** The reservation stream and event of a directive just registered (dated `occurredOn`). */
export function directiveReservation(
  registered: DirectiveState,
  occurredOn: string,
): { readonly streamId: string; readonly event: DirectiveReferenceReserved } {
  const { directiveId } = registered;
  const documentKey = registered.documentKey ?? '';
  return {
    streamId: reservationStreamOf(registered),
    event: {
      type: 'DirectiveReferenceReserved',
      schemaVersion: 1,
      data: { documentKey, directiveId },
      occurredOn,
    },
  };
}

/** The release of a withdrawn directive's number: same stream as its reservation. */
export function directiveReservationRelease(
  withdrawn: DirectiveState,
  occurredOn: string,
): { readonly streamId: string; readonly event: DirectiveReferenceReleased } {
  const { directiveId } = withdrawn;
  const documentKey = withdrawn.documentKey ?? '';
  return {
    streamId: reservationStreamOf(withdrawn),
    event: {
      type: 'DirectiveReferenceReleased',
      schemaVersion: 1,
      data: { documentKey, directiveId },
      occurredOn,
    },
  };
}

/**
 * What a registration must expect of the reservation stream, from the types of its events in
 * order: `no_stream` when none, the stream's version when the number was last released, and
 * `taken` while a directive holds it.
 */
export function reservationExpectation(
  eventTypes: readonly string[],
): 'no_stream' | 'taken' | number {
  if (eventTypes.length === 0) return 'no_stream';
  return eventTypes[eventTypes.length - 1] === 'DirectiveReferenceReleased'
    ? eventTypes.length
    : 'taken';
}
