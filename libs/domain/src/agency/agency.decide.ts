import type { ReminderSettingsOverride } from '../reminder/reminder-settings';
import { eventsOn } from '../shared/domain-event';
import { DomainError, type Decision } from '../shared/domain-error';
import type { AgencyCommand } from './agency.commands';
import { agencyErrors } from './agency.errors';
import type { AgencyEvent } from './agency.events';
import type { AgencyState } from './agency.state';
import { wouldCreateCycleVia } from './agency-tree';

/** What choosing a head must know of a person, from the user directory. */
export interface HeadCandidate {
  readonly active: boolean;
  readonly agency: string | null;
}

/** A read-only view of the whole register, as the decision sees it (other agencies' streams). */
export interface AgencyRegisterView {
  get(code: string): { parent: string | null; active: boolean } | undefined;
  /**
   * A user as the user directory knows them, like `get` for other agencies: a fact from other
   * streams, read before deciding. A view without users (the demo and fixture writers, which
   * assign no heads) refuses every head as unknown.
   */
  user?(userId: string): HeadCandidate | undefined;
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
    case 'AssignAgencyHead': {
      if (!state.active) return agencyErrors.inactive(code);
      const { headUserId } = command.data;
      if (headUserId === state.headUserId) return agencyErrors.unchanged();
      const problem = headUserId === null ? null : checkHead(headUserId, code, register);
      if (problem) return problem;
      return [event('AgencyHeadAssigned', { code, headUserId })];
    }
    case 'SetAgencyReminderSettings': {
      if (!state.active) return agencyErrors.inactive(code);
      const { settings } = command.data;
      if (sameSettings(settings, state.reminderSettings)) return agencyErrors.unchanged();
      return [event('AgencyReminderSettingsChanged', { code, settings })];
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

function sameSettings(a: ReminderSettingsOverride, b: ReminderSettingsOverride): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<
    keyof ReminderSettingsOverride
  >;
  return [...keys].every((key) => a[key] === b[key]);
}

/** The head must be an enabled user of this very agency (not of a unit below, nor above). */
function checkHead(userId: string, code: string, register: AgencyRegisterView): DomainError | null {
  const user = register.user?.(userId);
  if (!user) return agencyErrors.headNotFound();
  if (!user.active) return agencyErrors.headDisabled();
  if (user.agency !== code) return agencyErrors.headOutsideAgency(code);
  return null;
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
