import { hasRole, type Actor } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { auditorsReadOnly, forbidden, isOnlyAuditor } from './access.errors';

type Administered = 'users' | 'agencies' | 'projections';

const REFUSALS: Record<Administered, [string, string]> = {
  users: ['Only administrators manage users.', 'Chỉ quản trị viên được quản lý người dùng.'],
  agencies: [
    'Only administrators manage the agency register.',
    'Chỉ quản trị viên được quản lý danh mục cơ quan, đơn vị.',
  ],
  projections: [
    'Only administrators rebuild read models.',
    'Chỉ quản trị viên được dựng lại dữ liệu tổng hợp.',
  ],
};

/** Users, the agency register and read-model operations are managed by administrators only. */
export function authorizeAdministration(actor: Actor, what: Administered): DomainError | null {
  if (hasRole(actor, 'admin')) return null;
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ what });
  const [message, messageVi] = REFUSALS[what];
  return forbidden(message, messageVi);
}

/**
 * An assigning body's reminder settings: administrators change any body's, its own tracking office
 * changes its body's; its leaders read them; auditors read every body's.
 */
export function authorizeReminderSettings(
  actor: Actor,
  code: string,
  access: 'read' | 'change',
): DomainError | null {
  if (hasRole(actor, 'admin')) return null;
  const own = actor.agency === code;
  if (own && hasRole(actor, 'tracker')) return null;
  if (access === 'read' && (hasRole(actor, 'auditor') || (own && hasRole(actor, 'leader')))) {
    return null;
  }
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ what: 'reminder_settings' });
  return forbidden(
    "Only administrators and the assigning body's own tracking office set its reminder settings.",
    'Chỉ quản trị viên và văn phòng theo dõi của chính cơ quan giao nhiệm vụ được cài đặt nhắc việc của cơ quan đó.',
  );
}

/**
 * Importing an office's list: the leadership and the tracking office of a body bring in the
 * tasks that body assigned; staff report on tasks, administrators keep the register, auditors
 * only read.
 */
export function authorizeImport(actor: Actor): DomainError | null {
  if ((hasRole(actor, 'leader') || hasRole(actor, 'tracker')) && actor.agency !== null) return null;
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ what: 'imports' });
  return forbidden(
    'Only the leadership and the tracking office of an assigning body import its task lists.',
    'Chỉ lãnh đạo và văn phòng theo dõi của cơ quan giao nhiệm vụ được nhập danh sách nhiệm vụ.',
  );
}

/**
 * The names an office's lists use for agencies, mapped once while importing: administrators and
 * whoever imports (leadership and trackers of a body) map and unmap them, for any agency since a
 * list names bodies of the whole province; auditors read them, as they read everything.
 */
export function authorizeAgencyAliases(
  actor: Actor,
  access: 'read' | 'change',
): DomainError | null {
  if (hasRole(actor, 'admin') || authorizeImport(actor) === null) return null;
  if (access === 'read' && hasRole(actor, 'auditor')) return null;
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ what: 'agency_aliases' });
  return forbidden(
    'Only administrators and the leadership and tracking office of an assigning body map the names of agencies in imported lists.',
    'Chỉ quản trị viên, lãnh đạo và văn phòng theo dõi của cơ quan giao nhiệm vụ được khai báo tên gọi khác của cơ quan, đơn vị trong danh sách nhập.',
  );
}

/** Operational status (projection positions, lag, errors): administrators and auditors. */
export function authorizeOperationsRead(actor: Actor): DomainError | null {
  if (hasRole(actor, 'admin') || hasRole(actor, 'auditor')) return null;
  return forbidden(
    'Only administrators and auditors see the state of the read models.',
    'Chỉ quản trị viên và kiểm toán, thanh tra được xem trạng thái dữ liệu tổng hợp.',
  );
}

/** Anyone may end their own login sessions; an administrator may end anyone's. */
export function authorizeSessionRevocation(actor: Actor, userId: string): DomainError | null {
  if (actor.userId === userId || hasRole(actor, 'admin')) return null;
  return forbidden(
    'Only administrators end the login sessions of someone else.',
    'Chỉ quản trị viên được thu hồi phiên đăng nhập của người khác.',
  );
}

/**
 * Everyone sets how they are reminded (an auditor too: it writes nothing but their own
 * contact); an administrator sets anyone's, for staff who never log in to do it.
 */
export function authorizeContactChange(actor: Actor, userId: string): DomainError | null {
  if (actor.userId === userId || hasRole(actor, 'admin')) return null;
  return forbidden(
    'Only administrators change the contact details of someone else.',
    'Chỉ quản trị viên được thay đổi thông tin liên hệ của người khác.',
  );
}
