/**
 * What keeps the `tasks` read model current for the reporting process. In process: a runner
 * following the store. Kafka: a consumer in the reporting's own group, so reporting stays
 * current when the projector is down or behind (and the projector when reporting is); both
 * write the one shared `tasks`, and whichever applies a partition's batch second skips it by the
 * source checkpoint. A store-driven runner must never write a Kafka-fed `tasks`: its partitions
 * may be ahead of its position, and the runner would apply those events again.
 */
import { readDomainEvents } from '@chidao/event-store';
import { KafkaProjectionConsumer, kafkaClient, logTopicOf } from '@chidao/messaging';
import { ensureProjection, taskTimelineProjection } from '@chidao/projections';
import type { BusConfig, Stores } from '@chidao/runtime';
import type { WorkerLog, WorkerSettings, WorkerStatus } from '@chidao/workers';

interface TasksFeed {
  readonly description: string;
  /** Resolves once `tasks` reflects every event up to `position`, whoever applied them. */
  waitFor(position: number): Promise<void>;
  /** For /ready and /metrics. */
  worker(): WorkerStatus;
  stop(): Promise<void>;
}

/** The reporting's group: named after the topic, like the projector's (projection-pipeline.ts). */
const reportingGroupId = (topic: string): string =>
  `${topic}.reporting.${taskTimelineProjection.name}`;

export async function startTasksFeed(
  stores: Stores,
  bus: BusConfig,
  workers: WorkerSettings & { readonly log: WorkerLog },
): Promise<TasksFeed> {
  const { eventStore, readStore } = stores;
  if (bus.kind === 'kafka') {
    const consumer = new KafkaProjectionConsumer({
      projection: taskTimelineProjection,
      readStore,
      eventStore,
      kafka: kafkaClient(bus),
      ...logTopicOf(bus, (message) => workers.log.warn({ topic: bus.topic }, message)),
      groupId: reportingGroupId(bus.topic),
      // As the projector's: a stop or a rebalance waits for the idle fetch in flight.
      maxWaitTimeInMs: 1_000,
      ...workers,
    }).start();
    return {
      description: `from ${bus.topic} in group ${consumer.groupId}`,
      waitFor: (position) => consumer.waitFor(position),
      worker: () => consumer.workerStatus(),
      stop: () => consumer.stop(),
    };
  }
  const { runner } = await ensureProjection(
    taskTimelineProjection,
    { eventStore: readDomainEvents(eventStore), readStore },
    workers,
  );
  return {
    description: 'from the store',
    waitFor: (position) => runner.waitFor(position),
    worker: () => runner.workerStatus(),
    stop: () => runner.stop(),
  };
}
