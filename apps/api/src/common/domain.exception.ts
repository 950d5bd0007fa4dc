import type { DomainError, ErrorKind } from '@chidao/domain';

/** Carries a domain refusal through NestJS to the error filter, which answers it by its kind. */
export class DomainException extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainException';
  }
}

/** The one place a refusal becomes an HTTP status: by its kind, never by its code. */
export const HTTP_STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_refused: 422,
};

export const statusOfDomainError = (error: DomainError): number => HTTP_STATUS_OF_KIND[error.kind];
