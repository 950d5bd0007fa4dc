/**
 * What a worker does with a failure. Three kinds:
 * - transient: a server unreachable, a connection dropped, a lock or serialisation conflict.
 *   Retried with back-off for as long as it lasts: a broker outage must not need an operator;
 *   the worker says `retrying` (so /ready says degraded) meanwhile.
 * - fatal: retrying the same input cannot fix it (a malformed message, an unpartitionable
 *   projection). The worker stops at once as `failed`.
 * - anything else: retried, but after `maxIdenticalFailures` failures in a row with the same
 *   error at the same position (a poison event, a missing table) the worker stops as `failed`
 *   and says why, instead of looping silently forever.
 */
export interface FailurePolicy {
  /** Identical failures in a row, at one position, before the worker gives up (default 10). */
  readonly maxIdenticalFailures: number;
  readonly isTransient: (error: unknown) => boolean;
  readonly isFatal: (error: unknown) => boolean;
}

export type FailureVerdict = 'transient' | 'retry' | 'fail';

/** About a minute of doubling back-off from 100 ms before giving up on the same error. */
export const DEFAULT_MAX_IDENTICAL_FAILURES = 10;

/** Node's socket errors: the other side is not there (yet), or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // SQLite: another connection holds the lock.
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/**
 * PostgreSQL SQLSTATEs a later attempt can get past: connection exceptions (08), server
 * shutting down or restarting (57P01–57P03), too many connections (53300), serialisation
 * failures and deadlocks (40001, 40P01), lock not available (55P03).
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01|55P03)$/;

/** kafkajs's errors for a broker not there or not ready (leader moving, coordinator loading). */
const TRANSIENT_KAFKA = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSServerDoesNotSupportApiKey',
]);

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly retriable?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
  readonly errors?: unknown;
}

/** The error and the ones it wraps (cause, kafkajs's originalError, AggregateError's errors). */
function* chainOf(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 16) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const like = current as ErrorLike;
    yield like;
    queue.push(like.cause, like.originalError);
    if (Array.isArray(like.errors)) queue.push(...(like.errors as unknown[]));
  }
}

/** A connection-level failure anywhere in the chain: retry as long as it lasts. */
export function isTransientFailure(error: unknown): boolean {
  for (const link of chainOf(error)) {
    if (typeof link.code === 'string') {
      if (NETWORK_CODES.has(link.code) || TRANSIENT_SQLSTATE.test(link.code)) return true;
    }
    if (typeof link.name === 'string' && TRANSIENT_KAFKA.has(link.name)) return true;
    // node-postgres says so in words when a connection ends under a query.
    if (typeof link.message === 'string' && /^Connection terminated/.test(link.message)) {
      return true;
    }
  }
  return false;
}

export function failurePolicy(overrides: Partial<FailurePolicy> = {}): FailurePolicy {
  const maxIdenticalFailures = overrides.maxIdenticalFailures ?? DEFAULT_MAX_IDENTICAL_FAILURES;
  if (!Number.isInteger(maxIdenticalFailures) || maxIdenticalFailures < 1) {
    throw new TypeError(
      `maxIdenticalFailures must be a whole number ≥ 1, got ${maxIdenticalFailures}`,
    );
  }
  return {
    maxIdenticalFailures,
    isTransient: overrides.isTransient ?? isTransientFailure,
    isFatal: overrides.isFatal ?? (() => false),
  };
}

/** What makes two failures "the same": the error's kind and message. */
export const failureKey = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
