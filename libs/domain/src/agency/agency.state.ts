import type { ReminderSettingsOverride } from '../reminder/reminder-settings';
import type { AgencyKind } from './agency.commands';

/** A name the office's lists use for the agency, and the business day it was mapped. */
export interface AgencyAlias {
  readonly alias: string;
  readonly addedOn: string;
}

export interface AgencyState {
  readonly exists: boolean;
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
  readonly kind: AgencyKind | null;
  readonly active: boolean;
  /** The user who heads it, as last assigned (see AgencyHeadAssigned); null: none. */
  readonly headUserId: string | null;
  /** Its reminder settings for the tasks it assigns (AgencyReminderSettingsChanged); {}: the deployment's. */
  readonly reminderSettings: ReminderSettingsOverride;
  /** The names imports recognise it by besides its own (AgencyAliasAdded), in the order added. */
  readonly aliases: readonly AgencyAlias[];
}

export const initialAgencyState: AgencyState = {
  exists: false,
  code: '',
  name: '',
  parent: null,
  kind: null,
  active: false,
  headUserId: null,
  reminderSettings: {},
  aliases: [],
};
