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
}

export const initialAgencyState: AgencyState = {
  exists: false,
  code: '',
  name: '',
  parent: null,
  kind: null,
  active: false,
  headUserId: null,
};
