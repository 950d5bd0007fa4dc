/**
 * What the projector runs, by bus. Kafka: the outbox relay (one instance publishes, the others
 * stand by on its lease) and a consumer group per projection, whose members share the topic's
 * partitions. In process: a store-driven runner per projection, so a PostgreSQL deployment
 * without Kafka can still take the projections out of the API (CHIDAO_PROJECTIONS=off there).
 */
import { readDomainEvents } from '@chidao/event-store';
import { KafkaProjectionConsumer, kafkaClient, OutboxRelay } from '@chidao/messaging';
import { ALL_PROJECTIONS, ensureProjection, type ProjectionRunner } from '@chidao/projections';
import type { BusConfig, Stores } from '@chidao/runtime';

type KafkaBus = Extract<BusConfig, { kind: 'kafka' }>;

interface Pipeline {
  /** For the start-up line: what runs. */
  readonly description: string;
  /** For GET /ready: how far each part got. */
  status(): Promise<Record<string, unknown>>;
  /** Stops after the batches in flight (applied and checkpointed, or not at all). */
  stop(): Promise<void>;
}

type OnError = (part: string, error: unknown) => void;

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

export function startKafkaPipeline(stores: Stores, bus: KafkaBus, onError: OnError): Pipeline {
  const { eventStore, readStore } = stores;
  const kafka = kafkaClient(bus);
  const topic = { topic: bus.topic, partitions: bus.partitions };
  const relay = new OutboxRelay({
    ...topic,
    eventStore,
    readStore,
    kafka,
    onError: (error) => onError('relay', error),
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
      onError: (error) => onError(projection.name, error),
    }).start(),
  );
  return {
    description: `relay to ${bus.topic}, groups ${consumers.map((c) => c.groupId).join(', ')}`,
    async status() {
      const { phase, position, head, lag, leaseHolder, lastError } = await relay.status();
      return {
        relay: { phase, position, head, lag, leaseHolder, lastError: lastError?.message ?? null },
        projections: consumers.map((consumer) => {
          const status = consumer.status();
          return {
            name: status.projection,
            phase: status.phase,
            position: status.position,
            partitions: status.partitions,
            lastError: status.lastError?.message ?? null,
          };
        }),
      };
    },
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay.stop();
    },
  };
}

export async function startStorePipeline(stores: Stores, onError: OnError): Promise<Pipeline> {
  const runners: ProjectionRunner<unknown>[] = [];
  for (const projection of ALL_PROJECTIONS) {
    const { runner, rebuilding } = await ensureProjection(
      projection,
      { eventStore: readDomainEvents(stores.eventStore), readStore: stores.readStore },
      { onError: (error) => onError(projection.name, error) },
    );
    if (rebuilding) console.log(`${projection.name}: code changed, rebuilding from position 0`);
    runners.push(runner);
  }
  return {
    description: `runners of ${ALL_PROJECTIONS.map((p) => p.name).join(', ')} following the store`,
    async status() {
      return {
        projections: await Promise.all(
          runners.map(async (runner) => {
            const status = await runner.status();
            return {
              name: status.name,
              phase: status.phase,
              position: status.position,
              lastError: status.lastError?.message ?? null,
            };
          }),
        ),
      };
    },
    async stop() {
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}
