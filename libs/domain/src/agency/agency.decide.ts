import { eventsOn } from '../shared/domain-event';
import { DomainError, type Decision } from '../shared/domain-error';
import type { AgencyCommand } from './agency.commands';
import { agencyErrors } from './agency.errors';
import type { AgencyEvent } from './agency.events';
import type { AgencyState } from './agency.state';
import { wouldCreateCycleVia } from './agency-tree';

/** A read-only view of the whole register, as the decision sees it (other agencies' streams). */
export interface AgencyRegisterView {
  get(code: string): { parent: string | null; active: boolean } | undefined;
}

/** The rules of the register, on a command from parseAgencyCommand. */
export function decideAgency(
  command: AgencyCommand,
  state: AgencyState,
  register: AgencyRegisterView,
): Decision<AgencyEvent> {
  const event = eventsOn<AgencyEvent>(command.meta.occurredOn);

  if (command.type === 'RegisterAgency') {
    const { code, name, kind } = command.data;
    if (state.exists || register.get(code)) return agencyErrors.alreadyRegistered(code);
    const parent = checkParent(command.data.parent, code, register);
    if (parent instanceof DomainError) return parent;
    return [event('AgencyRegistered', { code, name, parent, kind })];
  }

  if (!state.exists) return agencyErrors.notFound();
  const { code } = state;

  switch (command.type) {
    case 'RenameAgency': {
      if (!state.active) return agencyErrors.inactive(code);
      const { name } = command.data;
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
      return [event('AgencyDeactivated', { code, reason: command.data.reason })];
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

function checkParent(
  parent: string | null,
  code: string,
  register: AgencyRegisterView,
): string | null | DomainError {
  if (parent === null) return null;
  if (parent === code) return agencyErrors.cycle(code, parent);
  const found = register.get(parent);
  if (!found) return agencyErrors.parentNotFound(parent);
  if (!found.active) return agencyErrors.parentInactive(parent);
  const parentOf = (c: string) => register.get(c)?.parent;
  if (wouldCreateCycleVia(parentOf, code, parent)) return agencyErrors.cycle(code, parent);
  return parent;
}
