import type { FailurePolicy } from './failure-policy';
import { DEFAULT_MAX_IDENTICAL_FAILURES } from './failure-policy';
import type { RetryOptions } from './retry-backoff';

/** How every background worker of a process retries and when it gives up. */
export interface WorkerSettings {
  readonly retry: RetryOptions;
  readonly failurePolicy: Pick<FailurePolicy, 'maxIdenticalFailures'>;
}

/**
 * Reads CHIDAO_WORKER_MAX_FAILURES (identical failures in a row before a worker gives up,
 * default 10) and CHIDAO_WORKER_RETRY_MAX_MS (longest back-off, default 30 000). Problems come
 * back one line each naming the variable, for the caller's ConfigError.
 */
export function readWorkerSettings(env: NodeJS.ProcessEnv): {
  settings: WorkerSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  return {
    settings: {
      failurePolicy: {
        maxIdenticalFailures: whole(
          'CHIDAO_WORKER_MAX_FAILURES',
          DEFAULT_MAX_IDENTICAL_FAILURES,
          1,
          1_000_000,
        ),
      },
      retry: { maxDelayMs: whole('CHIDAO_WORKER_RETRY_MAX_MS', 30_000, 100, 3_600_000) },
    },
    problems,
  };
}
