import type { UserEvent } from './user.events';
import { initialUserState, type UserState } from './user.state';

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated':
      return { ...state, exists: true, active: true, ...event.data };
    case 'UserRolesChanged':
      return { ...endSessions(state), roles: event.data.roles };
    case 'UserAgencyChanged':
      return { ...endSessions(state), agency: event.data.agency };
    case 'UserDisplayNameChanged':
      return { ...state, displayName: event.data.displayName };
    case 'UserDisabled':
      return { ...endSessions(state), active: false };
    case 'UserEnabled':
      return { ...state, active: true };
    case 'UserPasswordSet':
      return { ...endSessions(state), credentialId: event.data.credentialId };
    case 'UserLoginLocked':
      return { ...state, loginLockedUntil: event.data.until };
    case 'UserLoginUnlocked':
      return { ...state, loginLockedUntil: null };
    case 'UserSessionsRevoked':
      return endSessions(state);
    case 'UserContactChanged': {
      const { email, phone, channels } = event.data;
      return { ...state, email, phone, channels };
    }
    default:
      return state;
  }
}

// Tokens issued before carry the old epoch: what they were issued for no longer holds.
const endSessions = (state: UserState): UserState => ({
  ...state,
  sessionEpoch: state.sessionEpoch + 1,
});

export const foldUser = (events: readonly UserEvent[]): UserState =>
  events.reduce(evolveUser, initialUserState);
