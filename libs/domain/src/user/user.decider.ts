import type { AgencyLookup } from '../shared/agency-lookup';
import type { Decider } from '../shared/decider';
import { eventGuard } from '../shared/domain-event';
import { STREAMS } from '../streams';
import type { UserCommand } from './user.commands';
import { decideUser } from './user.decide';
import { USER_EVENT_SCHEMA_VERSIONS, type UserEvent } from './user.events';
import { evolveUser } from './user.evolve';
import { initialUserState, type UserState } from './user.state';

/** A user event of this code: a known type at its current schema version. */
export const isUserEvent = eventGuard<UserEvent>(USER_EVENT_SCHEMA_VERSIONS);

/** One stream per user (`user-<id>`); the agency a user acts for must be registered. */
export const userDecider: Decider<UserCommand, UserState, UserEvent, AgencyLookup> = {
  initialState: initialUserState,
  decide: decideUser,
  evolve: evolveUser,
  isEvent: isUserEvent,
  stream: STREAMS.user,
};
