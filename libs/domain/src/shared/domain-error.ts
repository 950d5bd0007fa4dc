/**
 * What kind of refusal an error is. The API maps kinds (never codes) to HTTP statuses, so a
 * code can be renamed without changing what a client sees.
 * - `invalid_input`: the request is malformed or misses something required (400)
 * - `not_found`: what the request is addressed to does not exist (404)
 * - `conflict`: it would duplicate something that exists (a number, an id, a name) (409)
 * - `forbidden`: the actor may not do it (403)
 * - `rule_refused`: well-formed, but a rule of the domain says no in the current state (422)
 */
export const ERROR_KINDS = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'rule_refused',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * A rule said no. Carries its kind, a stable code for programs and the reason in Vietnamese (for
 * the clerk in front of the screen) and English (for logs and developers).
 */
export class DomainError {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly message: string,
    readonly messageVi: string,
    readonly details?: Record<string, unknown>,
  ) {}

  /**
   * The same refusal said of one part of a larger request ("Nhiệm vụ thứ 2: …", "Ngày ban
   * hành: …"): kind and code stay, the texts get the prefix and the details are added to.
   */
  within(part: { en: string; vi: string }, details?: Record<string, unknown>): DomainError {
    return new DomainError(
      this.kind,
      this.code,
      `${part.en}: ${this.message}`,
      `${part.vi}: ${this.messageVi}`,
      details === undefined ? this.details : { ...this.details, ...details },
    );
  }

  /** The same refusal with more details (e.g. which field it is about). */
  withDetails(details: Record<string, unknown>): DomainError {
    return new DomainError(this.kind, this.code, this.message, this.messageVi, {
      ...this.details,
      ...details,
    });
  }
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
