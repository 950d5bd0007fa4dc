import type { AgencyEvent } from './agency.events';
import { initialAgencyState, type AgencyState } from './agency.state';

export function evolveAgency(state: AgencyState, event: AgencyEvent): AgencyState {
  switch (event.type) {
    case 'AgencyRegistered':
      return { ...state, exists: true, active: true, ...event.data };
    case 'AgencyRenamed':
      return { ...state, name: event.data.name };
    case 'AgencyMoved':
      return { ...state, parent: event.data.parent };
    case 'AgencyDeactivated':
      return { ...state, active: false };
    case 'AgencyReactivated':
      return { ...state, active: true };
    case 'AgencyHeadAssigned':
      return { ...state, headUserId: event.data.headUserId };
    case 'AgencyReminderSettingsChanged':
      return { ...state, reminderSettings: event.data.settings };
    case 'AgencyAliasAdded':
      return {
        ...state,
        aliases: [...state.aliases, { alias: event.data.alias, addedOn: event.occurredOn }],
      };
    case 'AgencyAliasRemoved':
      return { ...state, aliases: state.aliases.filter((a) => a.alias !== event.data.alias) };
    default:
      return state;
  }
}

export const foldAgency = (events: readonly AgencyEvent[]): AgencyState =>
  events.reduce(evolveAgency, initialAgencyState);
