/**
 * The deployment's Kafka client on the CI broker: its consumers join their groups with the
 * deployment's timings unless their own options say otherwise. Seen through the broker, which
 * refuses a session timeout below its group.min.session.timeout.ms (6 s by default).
 */
import { describeWithKafka, uniqueTopic } from '@chidao/event-store/testing';
import type { Consumer } from 'kafkajs';
import { kafkaClient } from '../src/kafka-client';
import { ensureLogTopic } from '../src/log-topic';

/** How the consumer's first join ends: the group it joined, or the error it crashed on. */
function firstJoin(consumer: Consumer): Promise<{ joined: string } | { crashed: string }> {
  return new Promise((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => resolve({ joined: payload.groupId }));
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      resolve({ crashed: (payload.error as { type?: string }).type ?? payload.error.message }),
    );
  });
}

describeWithKafka('the deployment’s Kafka client', ({ brokers }) => {
  const topic = uniqueTopic('client');
  // Below the broker's minimum: a join with them is refused, so a join that works did not use them.
  const kafka = kafkaClient({
    brokers,
    clientId: 'kafka-client-spec',
    groupTimings: { sessionTimeoutMs: 1_000, heartbeatIntervalMs: 300, rebalanceTimeoutMs: 1_000 },
  });
  const consumers: Consumer[] = [];

  beforeAll(() => ensureLogTopic(kafka, { topic, partitions: 1 }));
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  const run = async (consumer: Consumer) => {
    consumers.push(consumer);
    const joined = firstJoin(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({ eachBatch: () => Promise.resolve() });
    return joined;
  };

  it('gives its consumers the deployment’s session timeout', async () => {
    const groupId = uniqueTopic('client-group');
    expect(await run(kafka.consumer({ groupId }))).toEqual({ crashed: 'INVALID_SESSION_TIMEOUT' });
  });

  it('lets a consumer’s own timings win', async () => {
    const groupId = uniqueTopic('client-group');
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 6_000,
      heartbeatInterval: 1_000,
      // Disconnecting waits for the fetch in flight.
      maxWaitTimeInMs: 100,
    });
    expect(await run(consumer)).toEqual({ joined: groupId });
  });
});
