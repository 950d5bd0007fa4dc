import type { UserEvent } from './user.events';
import { initialUserState, type UserState } from './user.state';

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated':
      return { ...state, exists: true, active: true, ...event.data };
    case 'UserRolesChanged':
      return { ...state, roles: event.data.roles };
    case 'UserAgencyChanged':
      return { ...state, agency: event.data.agency };
    case 'UserDisplayNameChanged':
      return { ...state, displayName: event.data.displayName };
    case 'UserDisabled':
      return { ...state, active: false };
    case 'UserEnabled':
      return { ...state, active: true };
    case 'UserPasswordSet':
      return { ...state, credentialId: event.data.credentialId };
    case 'UserLoginLocked':
      return { ...state, loginLockedUntil: event.data.until };
    case 'UserLoginUnlocked':
      return { ...state, loginLockedUntil: null };
    default:
      return state;
  }
}

export const foldUser = (events: readonly UserEvent[]): UserState =>
  events.reduce(evolveUser, initialUserState);
