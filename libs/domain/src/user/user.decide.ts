import { eventsOn } from '../shared/domain-event';
import { isRole, type Role } from '../shared/actor';
import { checkAgenciesUsable, type AgencyLookup } from '../shared/agency-lookup';
import { DomainError, type Decision } from '../shared/domain-error';
import { DEFAULT_CONTACT_CHANNELS } from './contact-channels';
import type { UserCommand } from './user.commands';
import { contactAfter, sameContact } from './user-contact';
import { userErrors } from './user.errors';
import { USER_EVENT_SCHEMA_VERSIONS, type UserEvent } from './user.events';
import type { UserState } from './user.state';

// These roles act for an agency; admins and auditors may stand outside any.
const ROLES_NEEDING_AGENCY: readonly Role[] = ['leader', 'tracker', 'staff'];

export function decideUser(
  command: UserCommand,
  state: UserState,
  agencies: AgencyLookup,
): Decision<UserEvent> {
  const event = eventsOn<UserEvent>(command.meta.occurredOn, USER_EVENT_SCHEMA_VERSIONS);

  if (command.type === 'CreateUser') {
    if (state.exists) return userErrors.alreadyExists();
    const { userId, username, displayName, agency, credentialId, email, phone } = command.data;
    const roles = checkRoles(command.data.roles, agency);
    if (roles instanceof DomainError) return roles;
    const agencyError = agency === null ? null : checkAgenciesUsable(agencies, [agency]);
    if (agencyError) return agencyError;
    const created = event('UserCreated', {
      userId,
      username,
      displayName,
      roles,
      agency,
    });
    // An address given at creation is a contact like any later one, in its own event, so that
    // UserCreated keeps its one shape and every reader of contacts reads one event type.
    const contact =
      email === null && phone === null
        ? []
        : [
            event('UserContactChanged', {
              userId,
              email,
              phone,
              channels: [...DEFAULT_CONTACT_CHANNELS],
            }),
          ];
    const password =
      credentialId === null ? [] : [event('UserPasswordSet', { userId, credentialId })];
    return [created, ...contact, ...password];
  }

  if (!state.exists) return userErrors.notFound();
  const userId = state.userId;

  switch (command.type) {
    case 'ChangeUserRoles': {
      if (!state.active) return userErrors.disabled();
      const roles = checkRoles(command.data.roles, state.agency);
      if (roles instanceof DomainError) return roles;
      if (sameRoles(roles, state.roles)) return userErrors.unchanged();
      return [event('UserRolesChanged', { userId, roles })];
    }
    case 'ChangeUserAgency': {
      if (!state.active) return userErrors.disabled();
      const { agency } = command.data;
      if (agency === state.agency) return userErrors.unchanged();
      const roles = checkRoles(state.roles, agency);
      if (roles instanceof DomainError) return roles;
      const agencyError = agency === null ? null : checkAgenciesUsable(agencies, [agency]);
      if (agencyError) return agencyError;
      return [event('UserAgencyChanged', { userId, agency })];
    }
    case 'ChangeUserDisplayName': {
      if (!state.active) return userErrors.disabled();
      const { displayName } = command.data;
      if (displayName === state.displayName) return userErrors.unchanged();
      return [event('UserDisplayNameChanged', { userId, displayName })];
    }
    case 'DisableUser': {
      if (!state.active) return userErrors.disabled();
      return [event('UserDisabled', { userId, reason: command.data.reason })];
    }
    case 'EnableUser':
      if (state.active) return userErrors.notDisabled();
      return [event('UserEnabled', { userId })];
    case 'SetUserPassword':
      if (!state.active) return userErrors.disabled();
      return [event('UserPasswordSet', { userId, credentialId: command.data.credentialId })];
    case 'LockUserLogin':
      return [event('UserLoginLocked', { userId, ...command.data })];
    case 'UnlockUserLogin':
      if (state.loginLockedUntil === null) return userErrors.notLoginLocked();
      return [event('UserLoginUnlocked', { userId })];
    case 'RevokeUserSessions':
      // A disabled user's sessions ended with the disabling.
      if (!state.active) return userErrors.disabled();
      return [event('UserSessionsRevoked', { userId })];
    case 'ChangeUserContact': {
      if (!state.active) return userErrors.disabled();
      const contact = contactAfter(state, command.data);
      if (contact instanceof DomainError) return contact;
      if (sameContact(contact, state)) return userErrors.unchanged();
      const { email, phone, channels } = contact;
      return [event('UserContactChanged', { userId, email, phone, channels: [...channels] })];
    }
  }
}

function checkRoles(roles: readonly string[], agency: string | null): Role[] | DomainError {
  if (roles.length === 0) return userErrors.noRoles();
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined) return userErrors.invalidRole(unknown);
  const needing = roles.find((role) => ROLES_NEEDING_AGENCY.includes(role as Role));
  if (needing !== undefined && agency === null) return userErrors.agencyRequired(needing);
  // Auditors read everything and write nothing: a second role would let them write.
  if (roles.includes('auditor') && new Set(roles).size > 1) return userErrors.auditorOnly();
  return [...new Set(roles as Role[])].sort();
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));
