import { hasRole, type Actor } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { forbidden } from './access.errors';
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
  if (assigner && (!directive || scope.isSameOrBelow(directive.assigningAgency, actor.agency!))) {
    return null;
  }
  if (actor.roles.length === 1 && actor.roles[0] === 'auditor') {
    return forbidden(
      'Auditors read only and never write.',
      'Kiểm toán, thanh tra chỉ được xem, không được thay đổi dữ liệu.',
      { action },
    );
  }
  return forbidden(
    'Only the leadership of the assigning body or its tracking office may enter or change directives.',
    'Chỉ lãnh đạo cơ quan ban hành hoặc văn phòng theo dõi được nhập, sửa văn bản chỉ đạo.',
    { action },
  );
}
