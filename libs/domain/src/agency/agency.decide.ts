import { eventsOn } from '../shared/domain-event';
import { parseAgencyCode } from '../shared/agency-code';
import { checkBusinessDate } from '../shared/calendar-date';
import { DomainError, type Decision } from '../shared/domain-error';
import { isAgencyKind, type AgencyCommand } from './agency.commands';
import { AGENCY_NAME_MAX_LENGTH, agencyErrors } from './agency.errors';
import type { AgencyEvent } from './agency.events';
import type { AgencyState } from './agency.state';
import { wouldCreateCycleVia } from './agency-tree';

/** A read-only view of the whole register, as the decision sees it (other agencies' streams). */
export interface AgencyRegisterView {
  get(code: string): { parent: string | null; active: boolean } | undefined;
}

export function decideAgency(
  command: AgencyCommand,
  state: AgencyState,
  register: AgencyRegisterView,
): Decision<AgencyEvent> {
  const occurredOn = checkBusinessDate(command.meta.occurredOn, command.meta.receivedAt);
  if (occurredOn instanceof DomainError) return occurredOn;
  const event = eventsOn<AgencyEvent>(occurredOn);

  if (command.type === 'RegisterAgency') {
    const code = parseAgencyCode(command.data.code);
    if (code instanceof DomainError) return code;
    if (state.exists || register.get(code)) return agencyErrors.alreadyRegistered(code);
    const name = checkName(command.data.name);
    if (name instanceof DomainError) return name;
    const kind = command.data.kind ?? null;
    if (kind !== null && !isAgencyKind(kind)) return agencyErrors.invalidKind(kind);
    const parent = checkParent(command.data.parent, code, register);
    if (parent instanceof DomainError) return parent;
    return [event('AgencyRegistered', { code, name, parent, kind })];
  }

  if (!state.exists) return agencyErrors.notFound();
  const { code } = state;

  switch (command.type) {
    case 'RenameAgency': {
      if (!state.active) return agencyErrors.inactive(code);
      const name = checkName(command.data.name);
      if (name instanceof DomainError) return name;
      if (name === state.name) return agencyErrors.unchanged();
      return [event('AgencyRenamed', { code, name })];
    }
    case 'MoveAgency': {
      if (!state.active) return agencyErrors.inactive(code);
      const parent = checkParent(command.data.parent, code, register);
      if (parent instanceof DomainError) return parent;
      if (parent === state.parent) return agencyErrors.unchanged();
      return [event('AgencyMoved', { code, parent, previousParent: state.parent })];
    }
    case 'DeactivateAgency': {
      if (!state.active) return agencyErrors.inactive(code);
      const reason = command.data.reason?.normalize('NFC').trim() || null;
      return [event('AgencyDeactivated', { code, reason })];
    }
    case 'ReactivateAgency': {
      if (state.active) return agencyErrors.alreadyActive(code);
      // A unit cannot come back under a body that no longer exists; move it once active.
      if (state.parent !== null && !register.get(state.parent)?.active) {
        return agencyErrors.parentInactive(state.parent);
      }
      return [event('AgencyReactivated', { code })];
    }
  }
}

function checkName(value: string): string | DomainError {
  const name = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!name) return agencyErrors.nameRequired();
  if ([...name].length > AGENCY_NAME_MAX_LENGTH) return agencyErrors.nameTooLong();
  return name;
}

function checkParent(
  value: string | null,
  code: string,
  register: AgencyRegisterView,
): string | null | DomainError {
  if (value === null) return null;
  const parent = parseAgencyCode(value);
  if (parent instanceof DomainError) return parent.withDetails({ field: 'parent' });
  if (parent === code) return agencyErrors.cycle(code, parent);
  const found = register.get(parent);
  if (!found) return agencyErrors.parentNotFound(parent);
  if (!found.active) return agencyErrors.parentInactive(parent);
  const parentOf = (c: string) => register.get(c)?.parent;
  if (wouldCreateCycleVia(parentOf, code, parent)) return agencyErrors.cycle(code, parent);
  return parent;
}
