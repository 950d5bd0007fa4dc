import type { AgencyState } from '@chidao/domain';

export interface AgencyView {
  code: string;
  name: string;
  parent: string | null;
  kind: string | null;
  active: boolean;
}

export const toAgencyView = ({ code, name, parent, kind, active }: AgencyState): AgencyView => ({
  code,
  name,
  parent,
  kind,
  active,
});
