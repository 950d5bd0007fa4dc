import { forbidden, hasRole, type Actor, type DomainError } from '@chidao/domain';
import type { ReportScope } from '@chidao/reporting';
import type { AgencyDirectory } from '@chidao/projections';

/** Snapshots are taken by leadership and tracking offices (DESIGN.md: the tracking office takes period snapshots). */
export function authorizeTakeReport(actor: Actor): DomainError | null {
  if ((hasRole(actor, 'leader') || hasRole(actor, 'tracker')) && actor.agency !== null) return null;
  return forbidden(
    'Only leadership and tracking offices take report snapshots.',
    'Chỉ lãnh đạo và văn phòng theo dõi được chụp số liệu báo cáo kỳ.',
  );
}

/**
 * Who may read a snapshot: auditors all; leadership and tracking offices those of their body
 * and the agencies below it (a province-wide one when their body has no parent); staff those
 * of their own agency.
 */
export function canReadReport(
  actor: Actor,
  scope: Pick<ReportScope, 'agency'>,
  agencies: AgencyDirectory,
): boolean {
  if (hasRole(actor, 'auditor')) return true;
  const own = actor.agency;
  if (own === null) return false;
  if (hasRole(actor, 'leader') || hasRole(actor, 'tracker')) {
    if (scope.agency === null) return agencies.get(own)?.parent === null;
    return agencies.isSameOrBelow(scope.agency, own);
  }
  return hasRole(actor, 'staff') && scope.agency === own;
}
