import type { DomainEvent } from '../shared/domain-event';
import type { Role } from '../shared/actor';

export type UserCreated = DomainEvent<
  'UserCreated',
  { userId: string; username: string; displayName: string; roles: Role[]; agency: string | null }
>;
export type UserRolesChanged = DomainEvent<'UserRolesChanged', { userId: string; roles: Role[] }>;
export type UserAgencyChanged = DomainEvent<
  'UserAgencyChanged',
  { userId: string; agency: string | null }
>;
export type UserDisplayNameChanged = DomainEvent<
  'UserDisplayNameChanged',
  { userId: string; displayName: string }
>;
export type UserDisabled = DomainEvent<'UserDisabled', { userId: string; reason: string }>;
export type UserEnabled = DomainEvent<'UserEnabled', { userId: string }>;
/** Carries only the KDF output (algorithm, parameters, salt, hash), never the password. */
export type UserPasswordSet = DomainEvent<
  'UserPasswordSet',
  { userId: string; passwordHash: string }
>;

export type UserEvent =
  | UserCreated
  | UserRolesChanged
  | UserAgencyChanged
  | UserDisplayNameChanged
  | UserDisabled
  | UserEnabled
  | UserPasswordSet;

export const USER_EVENT_SCHEMA_VERSIONS: Record<UserEvent['type'], number> = {
  UserCreated: 1,
  UserRolesChanged: 1,
  UserAgencyChanged: 1,
  UserDisplayNameChanged: 1,
  UserDisabled: 1,
  UserEnabled: 1,
  UserPasswordSet: 1,
};
