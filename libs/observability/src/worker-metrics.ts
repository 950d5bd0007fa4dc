import type { WorkerState, WorkerStatus } from '@chidao/workers';
import { Gauge, type Registry } from 'prom-client';

// A Record, so that a state added to WorkerState fails to compile until it is listed here.
const EVERY_STATE: Record<WorkerState, true> = {
  idle: true,
  running: true,
  retrying: true,
  failed: true,
  stopped: true,
};
const STATES = Object.keys(EVERY_STATE) as WorkerState[];

/**
 * Gauges of the process's background workers, read from `statuses` at each scrape: the state
 * (1 for the current one, 0 for the others, so `== 1` alerts work), the failures since the last
 * progress, when it last got something done and the log position it reached. Call once per
 * registry.
 */
export function registerWorkerMetrics(
  registry: Registry,
  statuses: () => readonly WorkerStatus[],
): void {
  const registers = [registry];
  new Gauge({
    name: 'chidao_worker_state',
    help: 'Background worker state: 1 for its current state (idle, running, retrying, failed, stopped), 0 for the others.',
    labelNames: ['worker', 'kind', 'state'] as const,
    registers,
    collect() {
      this.reset();
      for (const status of statuses()) {
        for (const state of STATES) {
          this.set(
            { worker: status.name, kind: status.kind, state },
            state === status.state ? 1 : 0,
          );
        }
      }
    },
  });
  new Gauge({
    name: 'chidao_worker_consecutive_failures',
    help: 'Failures of a background worker since it last made progress (0 when healthy).',
    labelNames: ['worker'] as const,
    registers,
    collect() {
      this.reset();
      for (const status of statuses())
        this.set({ worker: status.name }, status.consecutiveFailures);
    },
  });
  new Gauge({
    name: 'chidao_worker_last_progress_timestamp_seconds',
    help: 'Unix time a background worker last got something done (absent until it has).',
    labelNames: ['worker'] as const,
    registers,
    collect() {
      this.reset();
      for (const status of statuses()) {
        if (status.lastProgressAt !== null) {
          this.set({ worker: status.name }, Date.parse(status.lastProgressAt) / 1000);
        }
      }
    },
  });
  new Gauge({
    name: 'chidao_worker_position',
    help: 'Event log position a background worker has reached (absent for schedulers).',
    labelNames: ['worker'] as const,
    registers,
    collect() {
      this.reset();
      for (const status of statuses()) {
        if (status.position !== null) this.set({ worker: status.name }, status.position);
      }
    },
  });
}
