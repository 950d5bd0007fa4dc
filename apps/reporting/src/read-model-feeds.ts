/**
 * What keeps the reporting process's read models current: `tasks` always (for the snapshots),
 * and `task_reminders` and `reminder_messages` too where it runs the reminders. In process: a
 * runner per read model following the store. Kafka: a consumer per read model in the reporting's
 * own group, so reporting stays current when the projector is down or behind (and the projector
 * when reporting is); both write the one shared read model, and whichever applies a partition's
 * batch second skips it by the source checkpoint. A store-driven runner must never write a
 * Kafka-fed read model: its partitions may be ahead of its position, and the runner would apply
 * those events again.
 */
import { readDomainEvents } from '@chidao/event-store';
import { KafkaProjectionConsumer, kafkaClient, logTopicOf } from '@chidao/messaging';
import { ensureProjection, type DocumentProjection } from '@chidao/projections';
import type { BusConfig, Stores } from '@chidao/runtime';
import type { WorkerLog, WorkerSettings, WorkerStatus } from '@chidao/workers';

export interface ReadModelFeeds {
  readonly description: string;
  /** Resolves once the read model reflects every event up to `position`, whoever applied them. */
  waitFor(projection: string, position: number): Promise<void>;
  /** For /ready and /metrics. */
  workers(): WorkerStatus[];
  stop(): Promise<void>;
}

interface Feed {
  readonly projection: string;
  waitFor(position: number): Promise<void>;
  worker(): WorkerStatus;
  stop(): Promise<void>;
}

/** The reporting's group of a read model: named after the topic, like the projector's. */
const reportingGroupId = (topic: string, projection: string): string =>
  `${topic}.reporting.${projection}`;

export async function startReadModelFeeds(
  stores: Stores,
  bus: BusConfig,
  projections: readonly DocumentProjection<unknown>[],
  workers: WorkerSettings & { readonly log: WorkerLog },
): Promise<ReadModelFeeds> {
  const { eventStore, readStore } = stores;
  const feeds: Feed[] = [];
  let description: string;
  if (bus.kind === 'kafka') {
    const kafka = kafkaClient(bus);
    const topic = logTopicOf(bus, (message) => workers.log.warn({ topic: bus.topic }, message));
    for (const projection of projections) {
      const consumer = new KafkaProjectionConsumer({
        projection,
        readStore,
        eventStore,
        kafka,
        ...topic,
        groupId: reportingGroupId(bus.topic, projection.name),
        // As the projector's: a stop or a rebalance waits for the idle fetch in flight.
        maxWaitTimeInMs: 1_000,
        ...workers,
      }).start();
      feeds.push({
        projection: projection.name,
        waitFor: (position) => consumer.waitFor(position),
        worker: () => consumer.workerStatus(),
        stop: () => consumer.stop(),
      });
    }
    const groups = feeds.map((feed) => reportingGroupId(bus.topic, feed.projection));
    description = `from ${bus.topic} in group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}`;
  } else {
    for (const projection of projections) {
      const { runner } = await ensureProjection(
        projection,
        { eventStore: readDomainEvents(eventStore), readStore },
        workers,
      );
      feeds.push({
        projection: projection.name,
        waitFor: (position) => runner.waitFor(position),
        worker: () => runner.workerStatus(),
        stop: () => runner.stop(),
      });
    }
    description = 'from the store';
  }
  const feedOf = (name: string): Feed => {
    const feed = feeds.find((each) => each.projection === name);
    if (!feed) throw new TypeError(`The reporting process does not keep ${name}`);
    return feed;
  };
  return {
    description,
    waitFor: (projection, position) => feedOf(projection).waitFor(position),
    workers: () => feeds.map((feed) => feed.worker()),
    stop: async () => {
      await Promise.all(feeds.map((feed) => feed.stop()));
    },
  };
}
