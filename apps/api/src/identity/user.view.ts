import type { UserState } from '@chidao/domain';

/**
 * A user as the API shows it: never the password hash. Only the user themself and administrators
 * are ever answered with it (login, me, the users screen), so the contact goes in it too.
 */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  agency: string | null;
  active: boolean;
  hasPassword: boolean;
  /** Logins refused until then after too many wrong passwords (ISO instant; may be past). */
  loginLockedUntil: string | null;
  /** How the person is reminded: addresses as stored (phone +84…), channels chosen. */
  email: string | null;
  phone: string | null;
  channels: readonly string[];
}

export const toUserView = (user: UserState): UserView => ({
  id: user.userId,
  username: user.username,
  displayName: user.displayName,
  roles: user.roles,
  agency: user.agency,
  active: user.active,
  hasPassword: user.credentialId !== null,
  loginLockedUntil: user.loginLockedUntil,
  email: user.email,
  phone: user.phone,
  channels: user.channels,
});
