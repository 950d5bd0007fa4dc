import type { Decider } from '../shared/decider';
import { eventGuard } from '../shared/domain-event';
import { STREAMS } from '../streams';
import type { AgencyCommand } from './agency.commands';
import { decideAgency, type AgencyRegisterView } from './agency.decide';
import { AGENCY_EVENT_SCHEMA_VERSIONS, type AgencyEvent } from './agency.events';
import { evolveAgency } from './agency.evolve';
import { initialAgencyState, type AgencyState } from './agency.state';

/** An agency event of this code: a known type at its current schema version. */
export const isAgencyEvent = eventGuard<AgencyEvent>(AGENCY_EVENT_SCHEMA_VERSIONS);

/** One stream per agency (`agency-<CODE>`); rules look at the rest of the register. */
export const agencyDecider: Decider<AgencyCommand, AgencyState, AgencyEvent, AgencyRegisterView> = {
  initialState: initialAgencyState,
  decide: decideAgency,
  evolve: evolveAgency,
  isEvent: isAgencyEvent,
  stream: STREAMS.agency,
};
