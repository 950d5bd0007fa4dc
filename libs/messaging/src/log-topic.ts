/**
 * The topic the log is published to. Created by whichever side starts first (relay or consumer)
 * with the configured partitions; an existing topic keeps the partitions it has. Its partitions
 * bound how many consumers of one group do work at once. Adding partitions later would move
 * streams to other partitions and break their order: a new partition count is a new topic.
 */
import type { Kafka } from 'kafkajs';

export interface LogTopicOptions {
  readonly topic: string;
  /** When the topic is created (default 6). */
  readonly partitions?: number;
  /** When the topic is created (default: the broker's default). */
  readonly replicationFactor?: number;
}

const DEFAULT_PARTITIONS = 6;

/** A partition as a source of a partitioned read model: `<topic>:<partition>`. */
export const partitionSource = (topic: string, partition: number): string =>
  `${topic}:${partition}`;

/** Every partition of the topic as a source, in partition order. */
export const partitionSources = (topic: string, partitions: number): string[] =>
  Array.from({ length: partitions }, (_, partition) => partitionSource(topic, partition));

/** Creates the topic when missing and returns its number of partitions. */
export async function ensureLogTopic(kafka: Kafka, options: LogTopicOptions): Promise<number> {
  const partitions = options.partitions ?? DEFAULT_PARTITIONS;
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new TypeError(`${options.topic}: partitions must be an integer >= 1`);
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    // false when it exists already: fine, whoever made it chose its partitions.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: options.topic,
          numPartitions: partitions,
          ...(options.replicationFactor ? { replicationFactor: options.replicationFactor } : {}),
        },
      ],
    });
    const { topics } = await admin.fetchTopicMetadata({ topics: [options.topic] });
    const count = topics[0]?.partitions.length ?? 0;
    if (count < 1) throw new Error(`Topic ${options.topic} has no partitions`);
    return count;
  } finally {
    await admin.disconnect();
  }
}
