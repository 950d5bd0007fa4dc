import type { DomainEvent } from '../shared/domain-event';
import type { Role } from '../shared/actor';
import type { ContactChannel } from './contact-channels';

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
/**
 * That a password was set (by whom and when: the event's metadata), never the password nor its
 * hash: the hash is kept in the credential store under `credentialId`, beside the log, because
 * everything in the log is read by auditors, exports, the CLI and the Kafka topic, forever.
 */
export type UserPasswordSet = DomainEvent<
  'UserPasswordSet',
  { userId: string; credentialId: string }
>;
/**
 * Too many wrong passwords: logins to the account are refused until `until` (ISO instant).
 * Only the lock is recorded, not each failure, so that guessing cannot flood the log.
 */
export type UserLoginLocked = DomainEvent<
  'UserLoginLocked',
  { userId: string; until: string; failures: number }
>;
/** An administrator lifted the account's login lock before it ended. */
export type UserLoginUnlocked = DomainEvent<'UserLoginUnlocked', { userId: string }>;
/**
 * Every login session of the user ends: the user logged out everywhere, or an administrator
 * revoked them (the envelope's actor says which). Sessions are kept beside the log; this event
 * moves the user's session epoch (user.state.ts), which every token names.
 */
export type UserSessionsRevoked = DomainEvent<'UserSessionsRevoked', { userId: string }>;
/**
 * How the user is reached for reminders, whole: the e-mail address and phone number (+84…) or
 * null, and the channels they chose (`in_app` always among them). Set by the user themself or an
 * administrator, or at creation when an address was given. Users without this event have no
 * address and the default channels (contact-channels.ts).
 */
export type UserContactChanged = DomainEvent<
  'UserContactChanged',
  { userId: string; email: string | null; phone: string | null; channels: ContactChannel[] }
>;
/** Version 1 carried the KDF output itself; user.upcasters.ts drops it on read. */
export interface UserPasswordSetDataV1 {
  readonly userId: string;
  readonly passwordHash: string;
}

export type UserEvent =
  | UserCreated
  | UserRolesChanged
  | UserAgencyChanged
  | UserDisplayNameChanged
  | UserDisabled
  | UserEnabled
  | UserPasswordSet
  | UserLoginLocked
  | UserLoginUnlocked
  | UserSessionsRevoked
  | UserContactChanged;

export const USER_EVENT_SCHEMA_VERSIONS: Record<UserEvent['type'], number> = {
  UserCreated: 1,
  UserRolesChanged: 1,
  UserAgencyChanged: 1,
  UserDisplayNameChanged: 1,
  UserDisabled: 1,
  UserEnabled: 1,
  UserPasswordSet: 2,
  UserLoginLocked: 1,
  UserLoginUnlocked: 1,
  UserSessionsRevoked: 1,
  UserContactChanged: 1,
};
