import type { Command } from '../shared/command';
import type { EmailAddress } from './email-address';
import type { PhoneNumber } from './phone-number';
import type { ContactChange } from './user-contact';

/** Commands of the User aggregate, as parseUserCommand returns them. */
export type CreateUser = Command<
  'CreateUser',
  {
    userId: string;
    username: string;
    displayName: string;
    roles: readonly string[];
    agency: string | null;
    /** The credential store's id of the hash just stored, when a password was given. */
    credentialId: string | null;
    /** Optional at creation; the channels are then the default ones. */
    email: EmailAddress | null;
    phone: PhoneNumber | null;
  }
>;
export type ChangeUserRoles = Command<'ChangeUserRoles', { roles: readonly string[] }>;
export type ChangeUserAgency = Command<'ChangeUserAgency', { agency: string | null }>;
export type ChangeUserDisplayName = Command<'ChangeUserDisplayName', { displayName: string }>;
export type DisableUser = Command<'DisableUser', { reason: string }>;
export type EnableUser = Command<'EnableUser', Record<string, never>>;
export type SetUserPassword = Command<'SetUserPassword', { credentialId: string }>;
export type LockUserLogin = Command<'LockUserLogin', { until: string; failures: number }>;
export type UnlockUserLogin = Command<'UnlockUserLogin', Record<string, never>>;
export type RevokeUserSessions = Command<'RevokeUserSessions', Record<string, never>>;
/** Fields left out are kept; null removes an address. */
export type ChangeUserContact = Command<'ChangeUserContact', ContactChange>;

export type UserCommand =
  | CreateUser
  | ChangeUserRoles
  | ChangeUserAgency
  | ChangeUserDisplayName
  | DisableUser
  | EnableUser
  | SetUserPassword
  | LockUserLogin
  | UnlockUserLogin
  | RevokeUserSessions
  | ChangeUserContact;

export const USER_COMMAND_TYPES: readonly UserCommand['type'][] = [
  'CreateUser',
  'ChangeUserRoles',
  'ChangeUserAgency',
  'ChangeUserDisplayName',
  'DisableUser',
  'EnableUser',
  'SetUserPassword',
  'LockUserLogin',
  'UnlockUserLogin',
  'RevokeUserSessions',
  'ChangeUserContact',
];
