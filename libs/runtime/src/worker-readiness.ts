import type { EventStore } from '@chidao/event-store';
import { projectionLag } from '@chidao/projections';
import { describeWorker, readinessOf, type WorkerStatus } from '@chidao/workers';
import type { ReadinessReport } from './probe-server';

/**
 * The /ready answer of a process from its workers: the store is pinged first (a rejection is
 * the probe's 503 "store does not answer"), then each worker is shown with its state, its last
 * progress, its last error and, for those that follow the log, its lag in events and seconds.
 */
export async function workersReadiness(
  eventStore: Pick<EventStore, 'ping' | 'readAll' | 'headPosition'>,
  workers: readonly WorkerStatus[],
  details: Record<string, unknown> = {},
): Promise<ReadinessReport> {
  await eventStore.ping();
  const headPosition = await eventStore.headPosition();
  return {
    status: readinessOf(workers),
    headPosition,
    workers: await Promise.all(
      workers.map(async (worker) => {
        if (worker.position === null) return describeWorker(worker);
        const lag = await projectionLag(eventStore, worker.position);
        return { ...describeWorker(worker), lag: { events: lag.events, seconds: lag.seconds } };
      }),
    ),
    ...details,
  };
}
