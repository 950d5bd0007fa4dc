import type { DomainEvent } from '../shared/domain-event';
import { STREAMS } from '../streams';
import type { DirectiveState } from './directive.state';

/**
 * Numbers restart per issuing body and year, and every district's committee writes "…/KH-UBND":
 * a document is one (issuing body, year, number, symbol). Registering it also appends this event
 * to that key's own stream with expected version `no_stream`, in the same transaction, so the
 * log refuses a second registration of the same document.
 */
export type DirectiveReferenceReserved = DomainEvent<
  'DirectiveReferenceReserved',
  { documentKey: string; directiveId: string }
>;

export const DIRECTIVE_RESERVATION_SCHEMA_VERSIONS: Record<
  DirectiveReferenceReserved['type'],
  number
> = { DirectiveReferenceReserved: 1 };

/** The reservation stream and event of a directive just registered (dated `occurredOn`). */
export function directiveReservation(
  registered: DirectiveState,
  occurredOn: string,
): { readonly streamId: string; readonly event: DirectiveReferenceReserved } {
  const { issuer, directiveId } = registered;
  const documentKey = registered.documentKey ?? '';
  return {
    streamId: STREAMS.directiveKey.of(`${issuer.toLocaleLowerCase('vi')}|${documentKey}`),
    event: {
      type: 'DirectiveReferenceReserved',
      schemaVersion: 1,
      data: { documentKey, directiveId },
      occurredOn,
    },
  };
}
