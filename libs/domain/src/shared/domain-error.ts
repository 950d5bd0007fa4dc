/**
 * A rule said no. Carries a stable code for programs and the reason in Vietnamese (for the
 * clerk in front of the screen) and English (for logs and developers).
 */
export class DomainError {
  readonly kind = 'DomainError' as const;

  constructor(
    readonly code: string,
    readonly message: string,
    readonly messageVi: string,
    readonly details?: Record<string, unknown>,
  ) {}
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** What a decide function answers: the events to append, or the reason it refuses. */
export type Decision<E> = E[] | DomainError;

/** Narrows a decision that is known to succeed; throws the domain error otherwise (tests, seeding). */
export function expectEvents<E>(decision: Decision<E>): E[] {
  if (isDomainError(decision)) {
    throw new Error(`${decision.code}: ${decision.message}`);
  }
  return decision;
}
