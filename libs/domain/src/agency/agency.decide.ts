import { aliasKey, createAgencyMatcher } from '../import/agency-matcher';
import type { ReminderSettingsOverride } from '../reminder/reminder-settings';
import { eventsOn } from '../shared/domain-event';
import { DomainError, type Decision } from '../shared/domain-error';
import type { AgencyCommand } from './agency.commands';
import { agencyErrors } from './agency.errors';
import type { AgencyEvent } from './agency.events';
import type { AgencyAlias, AgencyState } from './agency.state';
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
  /**
   * Every agency of the register with the names it goes by, for the rule that one name maps to
   * one agency. Adding an alias with a view that lacks it is a wiring mistake, not a refusal.
   */
  agencies?(): readonly NamedAgency[];
}

/** An agency as the alias rule sees it. */
export interface NamedAgency {
  readonly code: string;
  readonly name: string;
  readonly active: boolean;
  readonly aliases: readonly Pick<AgencyAlias, 'alias'>[];
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
    case 'AddAgencyAlias': {
      if (!state.active) return agencyErrors.inactive(code);
      const { alias } = command.data;
      // Mapping a name twice (in any spelling that folds the same) changes nothing.
      if (findAlias(state, alias)) return [];
      const taken = aliasOwners(alias, code, register);
      if (taken.length > 0) return agencyErrors.aliasTaken(alias, code, taken);
      return [event('AgencyAliasAdded', { code, alias })];
    }
    case 'RemoveAgencyAlias': {
      // Allowed on an inactive agency too: it frees the name for the body that took over its work.
      const found = findAlias(state, command.data.alias);
      if (!found) return [];
      return [event('AgencyAliasRemoved', { code, alias: found.alias })];
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

const findAlias = (state: AgencyState, alias: string): AgencyAlias | undefined =>
  state.aliases.find((known) => aliasKey(known.alias) === aliasKey(alias));

/**
 * The other agencies an import would take `alias` for: the one whose code, name, abbreviation or
 * alias it is, or all of those it fits when it fits several and none is this one (fitting this
 * one among others is what mapping resolves). Names and codes count for active agencies (a merged
 * body's old name may go to its successor); aliases count for every agency, so none is shared.
 */
function aliasOwners(
  alias: string,
  code: string,
  register: AgencyRegisterView,
): { code: string; name: string }[] {
  if (!register.agencies) throw new Error('Deciding an alias needs the register of names.');
  const all = register.agencies();
  const others = new Map(
    all.flatMap((agency) =>
      agency.code === code ? [] : agency.aliases.map((a) => [a.alias, agency.code] as const),
    ),
  );
  const match = createAgencyMatcher(
    all.filter((agency) => agency.active),
    others,
  ).match(alias);
  const codes =
    match.kind === 'matched'
      ? [match.code]
      : match.kind === 'ambiguous' && !match.codes.includes(code)
        ? match.codes
        : [];
  return codes
    .filter((owner) => owner !== code)
    .map((owner) => ({ code: owner, name: all.find((a) => a.code === owner)?.name ?? owner }));
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
