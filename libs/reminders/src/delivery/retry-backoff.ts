/**
 * When a failed message is tried again: 1 minute after the first failure, then 2, 4, 8 … up to
 * an hour; after `maxAttempts` attempts it is given up (null). A server down for a morning is
 * waited out (12 attempts ≈ 6 hours with the defaults), a permanent refusal is not retried at all.
 */
export const DEFAULT_MAX_ATTEMPTS = 12;
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

/** The back-off after attempt `attempt` (1 for the first) failed. */
export const backoffMs = (attempt: number): number =>
  Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));

/** When to try again after attempt `attempt` failed at `now`; null: give up. */
export function nextAttemptAt(
  attempt: number,
  now: Date,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
): string | null {
  if (attempt >= maxAttempts) return null;
  return new Date(now.getTime() + backoffMs(attempt)).toISOString();
}
