/**
 * The CI broker (.ci/kafka.sh) is a real Kafka that survives a restart in the middle of a run:
 * topics, messages and a consumer group's committed offsets are still there afterwards, so the
 * Kafka integration suites can rely on it to test broker outages.
 */
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import {
  describeWithKafka,
  restartBroker,
  uniqueTopic,
  whileRetriable,
} from '@chidao/event-store/testing';

const FIRST = 1_000;
const AFTER_RESTART = 500;
const BATCH = 100;
const STREAMS = 40;
/** The consumer stops, mid-stream, at this delivery while the broker restarts. */
const HOLD_AT = 500;
const COMMIT_EVERY = 100;

interface Delivery {
  readonly id: number;
  readonly partition: number;
  readonly offset: number;
}

/** Promises that settle as soon as a condition holds; re-checked whenever something changed. */
class Conditions {
  private readonly checks = new Set<() => void>();
  private failure: Error | null = null;

  changed(): void {
    for (const check of [...this.checks]) check();
  }

  fail(error: Error): void {
    this.failure = error;
    this.changed();
  }

  until(holds: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.checks.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (this.failure) settle(this.failure);
        else if (holds()) settle();
      };
      const timer = setTimeout(
        () => settle(new Error(`no ${what} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.checks.add(check);
      check();
    });
  }
}

const produce = async (producer: Producer, topic: string, from: number, count: number) => {
  for (let start = from; start < from + count; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, from + count - start) }, (_, i) => start + i);
    await producer.send({
      topic,
      acks: -1,
      messages: ids.map((id) => ({ key: `stream-${id % STREAMS}`, value: String(id) })),
    });
  }
};

/** partition -> committed offset (the next one the group reads), -1 when none. */
const committedOffsets = async (admin: Admin, groupId: string, topic: string) => {
  const [offsets] = await whileRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] }));
  return new Map(offsets.partitions.map((p) => [p.partition, Number(p.offset)]));
};

describeWithKafka(
  'CI Kafka broker (.ci/kafka.sh)',
  ({ brokers, control }) => {
    const kafka = new Kafka({
      clientId: 'kafka-broker-spec',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    });
    const topic = uniqueTopic('ci-broker');
    const groupId = uniqueTopic('ci-broker-group');
    let admin: Admin;
    let producer: Producer;
    let consumer: Consumer;
    let release: () => void = () => undefined;

    beforeAll(async () => {
      admin = kafka.admin();
      producer = kafka.producer({ allowAutoTopicCreation: false });
      consumer = kafka.consumer({
        groupId,
        allowAutoTopicCreation: false,
        // Bounds how long the group waits for a member lost in the restart.
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
      });
      await Promise.all([admin.connect(), producer.connect()]);
    });

    afterAll(async () => {
      release(); // a failed test must not leave the consumer held inside a message
      await consumer?.disconnect();
      await producer?.disconnect();
      await admin?.deleteGroups([groupId]).catch(() => undefined);
      await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin?.disconnect();
    });

    it('keeps topics, messages and committed offsets across a restart in the middle of consumption', async () => {
      expect(
        await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }),
      ).toBe(true);
      await produce(producer, topic, 0, FIRST);

      const conditions = new Conditions();
      const deliveries: Delivery[] = [];
      const seen = new Set<number>();
      let held = false;
      const released = new Promise<void>((resolve) => (release = resolve));

      const committed = new Map<number, number>();
      consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
        for (const { partitions } of payload.topics) {
          // kafkajs types the partition as a number but hands over the string key of its map.
          for (const { partition, offset } of partitions) {
            committed.set(Number(partition), Number(offset));
          }
        }
        conditions.changed();
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) conditions.fail(new Error(`consumer gave up: ${payload.error}`));
      });
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommitThreshold: COMMIT_EVERY,
        eachMessage: async ({ partition, message }) => {
          if (!held && deliveries.length === HOLD_AT) {
            held = true;
            conditions.changed();
            await released;
          }
          const id = Number(message.value!.toString());
          deliveries.push({ id, partition, offset: Number(message.offset) });
          seen.add(id);
          conditions.changed();
        },
      });

      // The consumer is now stuck inside a message with earlier ones committed and later ones not.
      await conditions.until(() => held, `hold after ${HOLD_AT} deliveries`);
      const committedBefore = await committedOffsets(admin, groupId, topic);
      const committedCount = [...committedBefore.values()].reduce(
        (sum, o) => sum + Math.max(o, 0),
        0,
      );
      expect(committedCount).toBeGreaterThanOrEqual(HOLD_AT - COMMIT_EVERY);
      expect(committedCount).toBeLessThan(FIRST);

      await admin.disconnect();
      await restartBroker(control, brokers);
      await admin.connect();

      expect(await committedOffsets(admin, groupId, topic)).toEqual(committedBefore);
      const [metadata] = (await whileRetriable(() => admin.fetchTopicMetadata({ topics: [topic] })))
        .topics;
      expect(metadata.partitions).toHaveLength(3);

      release();
      await produce(producer, topic, FIRST, AFTER_RESTART);
      const total = FIRST + AFTER_RESTART;
      await conditions.until(() => seen.size === total, `delivery of all ${total} messages`);

      const missing = Array.from({ length: total }, (_, id) => id).filter((id) => !seen.has(id));
      expect(missing).toEqual([]);
      // Redelivery is allowed, but only of what the group had not committed before the restart.
      const firstSeen = new Set<number>();
      const redelivered = deliveries.filter((d) => {
        const again = firstSeen.has(d.id);
        firstSeen.add(d.id);
        return again;
      });
      expect(redelivered.filter((d) => d.offset < committedBefore.get(d.partition)!)).toEqual([]);

      // And the group's progress is durable: it ends committed at the end of every partition.
      const ends = new Map(
        (await whileRetriable(() => admin.fetchTopicOffsets(topic))).map((p) => [
          p.partition,
          Number(p.high),
        ]),
      );
      expect([...ends.values()].reduce((sum, end) => sum + end, 0)).toBe(total);
      await conditions.until(
        () => [...ends].every(([partition, end]) => committed.get(partition) === end),
        'commit of every partition up to its end',
      );
      expect(await committedOffsets(admin, groupId, topic)).toEqual(ends);
    }, 240_000);
  },
  // It restarts its broker: the one no other suite is using.
  { restarts: true },
);
