import type { WorkerStatus } from './worker-status';

/**
 * What /ready says of a process's background workers:
 * - `ready`: every worker is running (or ended on purpose, e.g. superseded by newer code);
 * - `degraded`: a worker is retrying after failures (a server away, a failing batch): the
 *   process still runs, but its read models or snapshots are not moving;
 * - `failed`: a worker gave up (its failure policy stopped it) and needs an operator.
 * Both of the last two answer 503, so a probe, a load balancer and an operator all see them.
 */
export type Readiness = 'ready' | 'degraded' | 'failed';

export function readinessOf(workers: readonly WorkerStatus[]): Readiness {
  if (workers.some((worker) => worker.state === 'failed')) return 'failed';
  if (workers.some((worker) => worker.state === 'retrying')) return 'degraded';
  return 'ready';
}

/** A worker as /ready shows it: what it does, how far, and what went wrong, in words. */
export function describeWorker(worker: WorkerStatus): Record<string, unknown> {
  return {
    name: worker.name,
    state: worker.state,
    phase: worker.phase,
    position: worker.position,
    lastProgressAt: worker.lastProgressAt,
    consecutiveFailures: worker.consecutiveFailures,
    lastError: worker.lastError,
    reason: worker.reason,
  };
}
