import type { Role } from '../shared/actor';
import { DEFAULT_CONTACT_CHANNELS } from './contact-channels';
import type { UserContact } from './user-contact';

export interface UserState extends UserContact {
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
  /**
   * Moves at every change that must end the user's login sessions: a new password, other roles
   * or agency, disabling, an explicit revocation. A token names the epoch it was issued in and is
   * refused once the epoch has moved on, on every API instance, whoever made the change.
   */
  readonly sessionEpoch: number;
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
  sessionEpoch: 0,
  email: null,
  phone: null,
  channels: DEFAULT_CONTACT_CHANNELS,
};
