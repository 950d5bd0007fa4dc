import { hasRole, type Actor } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { auditorsReadOnly, forbidden, isOnlyAuditor } from './access.errors';

/** Users and the agency register are managed by administrators only. */
export function authorizeAdministration(
  actor: Actor,
  what: 'users' | 'agencies',
): DomainError | null {
  if (hasRole(actor, 'admin')) return null;
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ what });
  return what === 'users'
    ? forbidden('Only administrators manage users.', 'Chỉ quản trị viên được quản lý người dùng.')
    : forbidden(
        'Only administrators manage the agency register.',
        'Chỉ quản trị viên được quản lý danh mục cơ quan, đơn vị.',
      );
}
