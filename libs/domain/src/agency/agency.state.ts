import type { ReminderSettingsOverride } from '../reminder/reminder-settings';
import type { AgencyKind } from './agency.commands';

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
};
