import type { DomainError } from '@chidao/domain';

/** Carries a domain refusal through NestJS to the error filter, which picks the HTTP status. */
export class DomainException extends Error {
  constructor(
    readonly error: DomainError,
    readonly status?: number,
  ) {
    super(error.message);
    this.name = 'DomainException';
  }
}

/** HTTP status for a refusal: 403 forbidden, 404 unknown target, 400 bad value, 409 taken, 422 rule or unknown agency. */
export function statusOfDomainError(error: DomainError): number {
  const { code } = error;
  if (code === 'forbidden') return 403;
  // An agency named in a body is a bad value, not a missing resource.
  if (
    code === 'agency_not_found' ||
    code === 'agency_inactive' ||
    code === 'agency_parent_not_found'
  ) {
    return 422;
  }
  if (code.endsWith('_not_found')) return 404;
  if (
    code.endsWith('_taken') ||
    code.endsWith('_already_exists') ||
    code.endsWith('_already_registered')
  ) {
    return 409;
  }
  if (
    code.startsWith('invalid_') ||
    code.endsWith('_required') ||
    code === 'business_date_in_future'
  ) {
    return 400;
  }
  return 422;
}
