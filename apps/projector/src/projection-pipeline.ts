/**
 * What the projector runs, by bus. Kafka: the outbox relay (one instance publishes, the others
 * stand by on its lease) and a consumer group per projection, whose members share the topic's
 * partitions. In process: a store-driven runner per projection, so a PostgreSQL deployment
 * without Kafka can still take the projections out of the API (CHIDAO_PROJECTIONS=off there).
 */
import { readDomainEvents } from '@chidao/event-store';
import { KafkaProjectionConsumer, kafkaClient, logTopicOf, OutboxRelay } from '@chidao/messaging';
import {
  ALL_PROJECTIONS,
  ensureProjection,
  projectionLag,
  type ProjectionRunner,
} from '@chidao/projections';
import type { LagSample } from '@chidao/observability';
import type { BusConfig, Stores } from '@chidao/runtime';
import type { WorkerLog, WorkerSettings, WorkerStatus } from '@chidao/workers';

type KafkaBus = Extract<BusConfig, { kind: 'kafka' }>;

interface Pipeline {
  /** For the start-up line: what runs. */
  readonly description: string;
  /** For GET /ready and /metrics: each worker's loop. */
  workers(): WorkerStatus[];
  /** For GET /ready: what only this bus has to say (the relay's lease, partitions). */
  details(): Promise<Record<string, unknown>>;
  /** For /metrics: how far behind the log each part is. */
  lags(): Promise<LagSample[]>;
  /** Stops after the batches in flight (applied and checkpointed, or not at all). */
  stop(): Promise<void>;
}

/**
 * How long an idle fetch waits for messages. A member leaves (SIGTERM) or rejoins a rebalance
 * only between fetches: one second keeps a stop or a scale-out that quick, for one idle request
 * per second.
 */
const FETCH_WAIT_MS = 1_000;

/**
 * The projector's group of a projection. Named after the topic too: a group's offsets belong to
 * one topic, and two deployments sharing a broker (staging, production) must never join each
 * other's groups.
 */
const projectorGroupId = (topic: string, projection: string): string =>
  `${topic}.projector.${projection}`;

/** How the pipeline's workers log, retry and give up. */
interface WorkerOptions extends WorkerSettings {
  readonly log: WorkerLog;
}

export function startKafkaPipeline(
  stores: Stores,
  bus: KafkaBus,
  workers: WorkerOptions,
): Pipeline {
  const { eventStore, readStore } = stores;
  const kafka = kafkaClient(bus);
  // An existing topic set up otherwise (retention, replicas) is said once, never altered.
  const topic = logTopicOf(bus, (message) => workers.log.warn({ topic: bus.topic }, message));
  const relay = new OutboxRelay({
    ...topic,
    eventStore,
    readStore,
    kafka,
    ...workers,
  }).start();
  const consumers = ALL_PROJECTIONS.map((projection) =>
    new KafkaProjectionConsumer({
      ...topic,
      projection,
      readStore,
      kafka,
      // Rebuilds from the log when the stored documents were built by other code.
      eventStore,
      groupId: projectorGroupId(bus.topic, projection.name),
      maxWaitTimeInMs: FETCH_WAIT_MS,
      ...workers,
    }).start(),
  );
  return {
    description: `relay to ${bus.topic}, groups ${consumers.map((c) => c.groupId).join(', ')}`,
    workers: () => [relay.workerStatus(), ...consumers.map((c) => c.workerStatus())],
    async details() {
      const { owner, leaseHolder, published } = await relay.status();
      return {
        relay: { owner, leaseHolder, published },
        partitions: Object.fromEntries(consumers.map((c) => [c.name, c.status().partitions])),
      };
    },
    async lags() {
      const relayed = await relay.status();
      const samples: LagSample[] = [];
      // Only the relay holding the lease publishes: the others' checkpoint lag is not theirs.
      if (relayed.phase === 'publishing') {
        samples.push({ kind: 'relay', topic: bus.topic, events: relayed.lag });
      }
      for (const consumer of consumers) {
        const lag = await projectionLag(eventStore, consumer.status().position);
        samples.push(
          {
            kind: 'projection',
            projection: consumer.name,
            events: lag.events,
            seconds: lag.seconds,
          },
          {
            kind: 'consumer',
            projection: consumer.name,
            group: consumer.groupId,
            events: lag.events,
          },
        );
      }
      return samples;
    },
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay.stop();
    },
  };
}

export async function startStorePipeline(
  stores: Stores,
  workers: WorkerOptions,
): Promise<Pipeline> {
  const runners: ProjectionRunner<unknown>[] = [];
  for (const projection of ALL_PROJECTIONS) {
    const { runner, rebuilding } = await ensureProjection(
      projection,
      { eventStore: readDomainEvents(stores.eventStore), readStore: stores.readStore },
      workers,
    );
    if (rebuilding) {
      workers.log.info(
        { worker: `projection ${projection.name}` },
        'code changed, rebuilding from 0',
      );
    }
    runners.push(runner);
  }
  return {
    description: `runners of ${ALL_PROJECTIONS.map((p) => p.name).join(', ')} following the store`,
    workers: () => runners.map((runner) => runner.workerStatus()),
    details: () => Promise.resolve({}),
    lags: () =>
      Promise.all(
        runners.map(async (runner) => {
          const lag = await projectionLag(stores.eventStore, runner.workerStatus().position ?? 0);
          return {
            kind: 'projection' as const,
            projection: runner.name,
            events: lag.events,
            seconds: lag.seconds,
          };
        }),
      ),
    async stop() {
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}
