/** Real SQLite files, a Kafka client for the CI broker, and a reader of what a topic holds. */
import { uniqueTopic, whileRetriable } from '@chidao/event-store/testing';
import { Kafka, logLevel } from 'kafkajs';
import { decodeMessage, type RelayMessage } from '../src/event-message';

export { TempFiles, type TempStores } from '@chidao/projections/testing';

export function testKafka(brokers: readonly string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    // Reconnect quickly when a suite restarts the broker.
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 15 },
  });
}

export interface Delivered {
  readonly partition: number;
  readonly offset: number;
  readonly message: RelayMessage;
  readonly headers: Record<string, string>;
}

/**
 * Everything the topic holds now, partition by partition in offset order: reads with a fresh
 * group until every partition's end offset (read first) is reached.
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<Delivered[][]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await whileRetriable(() => admin.fetchTopicOffsets(topic));
  await admin.disconnect();
  const partitions: Delivered[][] = ends.map(() => []);
  const remaining = new Set(ends.filter((e) => Number(e.high) > 0).map((e) => e.partition));
  if (remaining.size === 0) return partitions;

  const consumer = kafka.consumer({
    groupId: uniqueTopic('reader'),
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            const high = Number(ends.find((e) => e.partition === batch.partition)!.high);
            for (const message of batch.messages) {
              const offset = Number(message.offset);
              if (offset >= high) break;
              // A batch delivered again (a rebalance while the broker restarts): seen already.
              const seen = partitions[batch.partition];
              if (seen.length > 0 && offset <= seen[seen.length - 1].offset) continue;
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(message.headers ?? {})) {
                headers[name] = String(value);
              }
              partitions[batch.partition].push({
                partition: batch.partition,
                offset,
                message: decodeMessage(message),
                headers,
              });
              if (offset === high - 1) remaining.delete(batch.partition);
            }
            if (remaining.size === 0) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return partitions;
}

/** The events of a partition's messages, in partition order. */
export const eventsOf = (partition: readonly Delivered[]) =>
  partition.flatMap((d) => (d.message.kind === 'event' ? [d.message.event] : []));

/** Resolves once `holds()` is true (checked every 25 ms); fails after `timeoutMs` saying what. */
export async function until(
  holds: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
