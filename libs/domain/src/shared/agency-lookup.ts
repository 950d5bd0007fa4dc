import { DomainError } from './domain-error';

/** What rules need to know about the agency register: whether a code exists and is active. */
export interface AgencyLookup {
  get(code: string): { active: boolean } | undefined;
}

/** Work goes only to agencies that are registered and active; the first that is not is named. */
export function checkAgenciesUsable(
  agencies: AgencyLookup,
  codes: readonly string[],
): DomainError | null {
  for (const code of codes) {
    const agency = agencies.get(code);
    if (!agency) {
      return new DomainError(
        'rule_refused',
        'agency_not_found',
        `Agency ${code} is not registered.`,
        `Cơ quan, đơn vị ${code} chưa có trong danh mục.`,
        { agency: code },
      );
    }
    if (!agency.active) {
      return new DomainError(
        'rule_refused',
        'agency_inactive',
        `Agency ${code} is no longer active.`,
        `Cơ quan, đơn vị ${code} đã ngừng hoạt động.`,
        { agency: code },
      );
    }
  }
  return null;
}
