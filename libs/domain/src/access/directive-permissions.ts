import { hasRole, type Actor } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { auditorsReadOnly, forbidden, isOnlyAuditor } from './access.errors';
import type { AgencyScope } from './agency-scope';

export type DirectiveAction = 'register' | 'correct' | 'revoke';

/**
 * Directives are entered by leadership or by the tracking office on its behalf; the body they
 * act for (the actor's agency) becomes the assigning agency. Corrections are made by that body
 * or a body above it, as leadership acts "for its body and the agencies below it".
 */
export function authorizeDirectiveAction(
  actor: Actor,
  action: DirectiveAction,
  scope: AgencyScope,
  directive?: { assigningAgency: string },
): DomainError | null {
  const assigner = (hasRole(actor, 'leader') || hasRole(actor, 'tracker')) && actor.agency !== null;
  if (assigner && (!directive || scope.isSameOrBelow(directive.assigningAgency, actor.agency))) {
    return null;
  }
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ action });
  return forbidden(
    'Only the leadership of the assigning body or its tracking office may enter or change directives.',
    'Chỉ lãnh đạo cơ quan ban hành hoặc văn phòng theo dõi được nhập, sửa văn bản chỉ đạo.',
    { action },
  );
}

/**
 * Who may read a directive: auditors; leadership and tracking offices of the body that issued
 * it, of bodies above it and of bodies below it (they receive its tasks); staff of the issuing
 * body and of the agencies below it. Another province's documents stay with that province.
 */
export function authorizeDirectiveRead(
  actor: Actor,
  scope: AgencyScope,
  directive: { assigningAgency: string },
): DomainError | null {
  if (hasRole(actor, 'auditor')) return null;
  const own = actor.agency;
  const issuer = directive.assigningAgency;
  if (own !== null) {
    const overseer = hasRole(actor, 'leader') || hasRole(actor, 'tracker');
    if (overseer && scope.isSameOrBelow(issuer, own)) return null;
    if ((overseer || hasRole(actor, 'staff')) && scope.isSameOrBelow(own, issuer)) return null;
  }
  return forbidden(
    'The directive was issued outside your agency’s line.',
    'Văn bản chỉ đạo không thuộc phạm vi cơ quan, đơn vị của bạn.',
    { action: 'read' },
  );
}
