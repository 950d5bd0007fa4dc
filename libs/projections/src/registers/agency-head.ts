import type { AgencyRegisterView, AgencyState, UserState } from '@chidao/domain';

/**
 * Who heads the agency now, for reminders: the head assigned (AgencyHeadAssigned), as long as
 * they are still an enabled user of that very agency. The assignment was checked when decided;
 * a head disabled or moved away since is no longer reached for the agency, until the
 * administrator assigns another.
 */
export function currentHeadOf(
  agency: AgencyState | undefined,
  userOf: (userId: string) => UserState | undefined,
): UserState | null {
  if (!agency?.headUserId) return null;
  const head = userOf(agency.headUserId);
  return head && head.exists && head.active && head.agency === agency.code ? head : null;
}

/**
 * The register as AssignAgencyHead and the alias rules decide on it: agencies, users as head
 * candidates, and every agency's names.
 */
export const agencyRegisterView = (
  agencyOf: (code: string) => AgencyState | undefined,
  userOf: (userId: string) => UserState | undefined,
  all: () => readonly AgencyState[],
): AgencyRegisterView => ({
  get: agencyOf,
  agencies: all,
  user: (userId) => {
    const user = userOf(userId);
    return user?.exists ? user : undefined;
  },
});
