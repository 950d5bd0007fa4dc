import { parseReminderSettingsOverride } from '../reminder/reminder-settings';
import { parseAgencyCode } from '../shared/agency-code';
import { parseCommandEnvelope, type CommandInput } from '../shared/command';
import { isDomainError, type DomainError } from '../shared/domain-error';
import { cleanText } from '../shared/text-input';
import { AGENCY_COMMAND_TYPES, isAgencyKind, type AgencyCommand } from './agency.commands';
import { aliasKey } from '../import/agency-matcher';
import { AGENCY_ALIAS_MAX_LENGTH, AGENCY_NAME_MAX_LENGTH, agencyErrors } from './agency.errors';

/**
 * Turns an agency command as it arrives into one decideAgency can trust: codes in register form,
 * the name on one line and within its limit, a known kind. Whether the parent exists is a rule.
 */
export function parseAgencyCommand<T extends AgencyCommand['type']>(
  input: CommandInput<T>,
): Extract<AgencyCommand, { type: T }> | DomainError;
export function parseAgencyCommand(input: unknown): AgencyCommand | DomainError;
export function parseAgencyCommand(input: unknown): AgencyCommand | DomainError {
  const envelope = parseCommandEnvelope(input, AGENCY_COMMAND_TYPES, {
    en: 'agency',
    vi: 'cơ quan, đơn vị',
  });
  if (isDomainError(envelope)) return envelope;
  const { type, meta, data: d } = envelope;
  switch (type) {
    case 'RegisterAgency': {
      const code = parseAgencyCode(d.code);
      if (isDomainError(code)) return code;
      const name = checkName(d.name);
      if (isDomainError(name)) return name;
      const kind = d.kind ?? null;
      if (kind !== null && !isAgencyKind(kind)) return agencyErrors.invalidKind(kind);
      const parent = parentCode(d.parent);
      if (isDomainError(parent)) return parent;
      return { type: 'RegisterAgency', data: { code, name, parent, kind }, meta };
    }
    case 'RenameAgency': {
      const name = checkName(d.name);
      if (isDomainError(name)) return name;
      return { type: 'RenameAgency', data: { name }, meta };
    }
    case 'MoveAgency': {
      const parent = parentCode(d.parent);
      if (isDomainError(parent)) return parent;
      return { type: 'MoveAgency', data: { parent }, meta };
    }
    case 'DeactivateAgency': {
      const reason = cleanText(d.reason, 'multiline', {
        field: 'reason',
        en: 'The reason',
        vi: 'Lý do',
      });
      if (isDomainError(reason)) return reason;
      return { type: 'DeactivateAgency', data: { reason }, meta };
    }
    case 'ReactivateAgency':
      return { type: 'ReactivateAgency', data: {}, meta };
    case 'AssignAgencyHead': {
      // null removes the head; an id must be given otherwise (whether it names a user is a rule).
      const { headUserId } = d;
      if (headUserId === null) return { type: 'AssignAgencyHead', data: { headUserId }, meta };
      if (typeof headUserId !== 'string' || !USER_ID.test(headUserId.trim())) {
        return agencyErrors.invalidHead();
      }
      return { type: 'AssignAgencyHead', data: { headUserId: headUserId.trim() }, meta };
    }
    case 'SetAgencyReminderSettings': {
      // Null and absent fields follow the deployment; kept out so the log holds only what is set.
      const settings = parseReminderSettingsOverride(d.settings as Record<string, unknown>);
      if (isDomainError(settings)) return settings;
      return { type: 'SetAgencyReminderSettings', data: { settings }, meta };
    }
    case 'AddAgencyAlias':
    case 'RemoveAgencyAlias': {
      const alias = checkAlias(d.alias);
      if (isDomainError(alias)) return alias;
      return { type, data: { alias }, meta };
    }
  }
}

/** One line, no controls, 1–200 characters, and something left once folded ("---" is no name). */
function checkAlias(value: unknown): string | DomainError {
  const alias = cleanText(value, 'line', { field: 'alias', en: 'The alias', vi: 'Tên gọi khác' });
  if (isDomainError(alias)) return alias;
  if (!alias || aliasKey(alias) === '') return agencyErrors.aliasRequired();
  if ([...alias].length > AGENCY_ALIAS_MAX_LENGTH) return agencyErrors.aliasTooLong();
  return alias;
}

function checkName(value: unknown): string | DomainError {
  const name = cleanText(value, 'line', {
    field: 'name',
    en: 'The name',
    vi: 'Tên cơ quan, đơn vị',
  });
  if (isDomainError(name)) return name;
  if (!name) return agencyErrors.nameRequired();
  if ([...name].length > AGENCY_NAME_MAX_LENGTH) return agencyErrors.nameTooLong();
  return name;
}

// A user id as the register keeps it: no spaces, controls or invisible characters.
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

/** null or undefined: at the top of the register. */
function parentCode(value: unknown): string | null | DomainError {
  if (value === null || value === undefined) return null;
  const parent = parseAgencyCode(value);
  return isDomainError(parent) ? parent.withDetails({ field: 'parent' }) : parent;
}
