import type { AgencyState } from '@chidao/domain';

export interface AgencyView {
  code: string;
  name: string;
  parent: string | null;
  kind: string | null;
  active: boolean;
  /** The user id of its head, as last assigned; null: none. */
  headUserId: string | null;
}

export const toAgencyView = ({
  code,
  name,
  parent,
  kind,
  active,
  headUserId,
}: AgencyState): AgencyView => ({ code, name, parent, kind, active, headUserId });
