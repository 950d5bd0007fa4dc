import type { DomainEvent } from '../shared/domain-event';
import { STREAMS } from '../streams';
import type { UserState } from './user.state';

/**
 * Two users cannot take one name: creating a user also appends this event to the name's own
 * stream with expected version `no_stream`, in the same transaction.
 */
export type UsernameReserved = DomainEvent<
  'UsernameReserved',
  { username: string; userId: string }
>;

export const USERNAME_RESERVATION_SCHEMA_VERSIONS: Record<UsernameReserved['type'], number> = {
  UsernameReserved: 1,
};

/** The reservation stream and event of a user just created (dated `occurredOn`). */
export function usernameReservation(
  created: UserState,
  occurredOn: string,
): { readonly streamId: string; readonly event: UsernameReserved } {
  const { username, userId } = created;
  return {
    streamId: STREAMS.username.of(username),
    event: {
      type: 'UsernameReserved',
      schemaVersion: 1,
      data: { username, userId },
      occurredOn,
    },
  };
}
