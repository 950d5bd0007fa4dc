import type { Role } from '../shared/actor';

export interface UserState {
  readonly exists: boolean;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly agency: string | null;
  readonly active: boolean;
  /** Where the credential store keeps the current password hash; null: no password yet. */
  readonly credentialId: string | null;
  /** Until when logins are refused after too many wrong passwords (ISO instant); null: never. */
  readonly loginLockedUntil: string | null;
}

export const initialUserState: UserState = {
  exists: false,
  userId: '',
  username: '',
  displayName: '',
  roles: [],
  agency: null,
  active: false,
  credentialId: null,
  loginLockedUntil: null,
};
