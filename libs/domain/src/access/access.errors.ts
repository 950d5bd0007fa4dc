import { DomainError } from '../shared/domain-error';

/** Refusals of the permission table; the API answers them with 403. */
export const forbidden = (reasonEn: string, reasonVi: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', reasonEn, reasonVi, details);

export const isForbidden = (error: DomainError): boolean => error.code === 'forbidden';
