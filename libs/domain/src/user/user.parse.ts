import { parseCommandEnvelope, type CommandInput } from '../shared/command';
import { isDomainError, type DomainError } from '../shared/domain-error';
import { cleanText, type FieldLabel, type TextShape } from '../shared/text-input';
import { parseEmailAddress } from './email-address';
import { parsePhoneNumber } from './phone-number';
import { USER_COMMAND_TYPES, type UserCommand } from './user.commands';
import { parseContactChange, parseOptionalAddress } from './user-contact';
import { userErrors } from './user.errors';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
// An id, not a hash: anything shaped like a KDF output (with `$`) is refused, so a hash cannot
// slip into the log under another name.
const CREDENTIAL_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Turns a user command as it arrives into one decideUser can trust: the username in its stored
 * form, texts trimmed, roles a list of texts, a password hash a credential id. Which roles go
 * together, and with which agency, are rules (decideUser).
 */
export function parseUserCommand<T extends UserCommand['type']>(
  input: CommandInput<T>,
): Extract<UserCommand, { type: T }> | DomainError;
export function parseUserCommand(input: unknown): UserCommand | DomainError;
export function parseUserCommand(input: unknown): UserCommand | DomainError {
  const envelope = parseCommandEnvelope(input, USER_COMMAND_TYPES, {
    en: 'user',
    vi: 'người dùng',
  });
  if (isDomainError(envelope)) return envelope;
  const { type, meta, data: d } = envelope;
  switch (type) {
    case 'CreateUser': {
      if (typeof d.userId !== 'string' || d.userId.trim() === '') return userErrors.idRequired();
      const username = typeof d.username === 'string' ? normaliseUsername(d.username) : '';
      if (!USERNAME.test(username)) return userErrors.invalidUsername(d.username);
      const displayName = text(d.displayName, 'line', DISPLAY_NAME);
      if (isDomainError(displayName)) return displayName;
      if (!displayName) return userErrors.emptyDisplayName();
      const roles = roleList(d.roles);
      const agency = optionalCode(d.agency);
      const credentialId = d.credentialId ?? null;
      if (credentialId !== null && !isCredentialId(credentialId)) {
        return userErrors.invalidCredentialId();
      }
      const email = parseOptionalAddress(d.email ?? null, (v) => parseEmailAddress(v));
      if (isDomainError(email)) return email;
      const phone = parseOptionalAddress(d.phone ?? null, (v) => parsePhoneNumber(v));
      if (isDomainError(phone)) return phone;
      const data = {
        userId: d.userId,
        username,
        displayName,
        roles,
        agency,
        credentialId,
        email,
        phone,
      };
      return { type: 'CreateUser', data, meta };
    }
    case 'ChangeUserRoles':
      return { type: 'ChangeUserRoles', data: { roles: roleList(d.roles) }, meta };
    case 'ChangeUserAgency':
      return { type: 'ChangeUserAgency', data: { agency: optionalCode(d.agency) }, meta };
    case 'ChangeUserDisplayName': {
      const displayName = text(d.displayName, 'line', DISPLAY_NAME);
      if (isDomainError(displayName)) return displayName;
      if (!displayName) return userErrors.emptyDisplayName();
      return { type: 'ChangeUserDisplayName', data: { displayName }, meta };
    }
    case 'DisableUser': {
      const reason = text(d.reason, 'multiline', REASON);
      if (isDomainError(reason)) return reason;
      if (!reason) return userErrors.emptyReason();
      return { type: 'DisableUser', data: { reason }, meta };
    }
    case 'EnableUser':
      return { type: 'EnableUser', data: {}, meta };
    case 'SetUserPassword':
      if (!isCredentialId(d.credentialId)) return userErrors.invalidCredentialId();
      return { type: 'SetUserPassword', data: { credentialId: d.credentialId }, meta };
    case 'LockUserLogin': {
      // Set by the API's throttle, not typed by anyone: an instant and a count.
      const until = typeof d.until === 'string' ? new Date(d.until) : null;
      const failures = d.failures;
      if (!until || Number.isNaN(until.getTime()) || !Number.isInteger(failures)) {
        return userErrors.invalidLoginLock();
      }
      return {
        type: 'LockUserLogin',
        data: { until: until.toISOString(), failures: failures as number },
        meta,
      };
    }
    case 'UnlockUserLogin':
      return { type: 'UnlockUserLogin', data: {}, meta };
    case 'RevokeUserSessions':
      return { type: 'RevokeUserSessions', data: {}, meta };
    case 'ChangeUserContact': {
      const change = parseContactChange(d);
      if (isDomainError(change)) return change;
      return { type: 'ChangeUserContact', data: change, meta };
    }
  }
}

const DISPLAY_NAME: FieldLabel = { field: 'displayName', en: 'The name', vi: 'Họ và tên' };
const REASON: FieldLabel = { field: 'reason', en: 'The reason', vi: 'Lý do' };

/** Free text in its stored form; blank is ''. */
const text = (value: unknown, shape: TextShape, label: FieldLabel) =>
  cleanText(value, shape, label) ?? '';

// Not a list, or items that are not text: every item counts as an unknown role for decideUser.
const roleList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((role) => (typeof role === 'string' ? role : String(role))) : [];

const optionalCode = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

const isCredentialId = (value: unknown): value is string =>
  typeof value === 'string' && CREDENTIAL_ID.test(value);
