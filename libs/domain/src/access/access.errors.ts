import { DomainError } from '../shared/domain-error';

/** Refusals of the permission table; the API answers them with 403. */
export const forbidden = (reasonEn: string, reasonVi: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', 'forbidden', reasonEn, reasonVi, details);

/** Auditors read everything and never write; every refusal of a write says so the same way. */
export const auditorsReadOnly = (details?: Record<string, unknown>) =>
  forbidden(
    'Auditors read only and never write.',
    'Kiểm toán, thanh tra chỉ được xem, không được thay đổi dữ liệu.',
    details,
  );

export const isOnlyAuditor = (roles: readonly string[]): boolean =>
  roles.length > 0 && roles.every((role) => role === 'auditor');
