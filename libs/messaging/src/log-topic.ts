/**
 * The topic the log is published to. Created by whichever side starts first (relay or consumer)
 * with the configured partitions, replication and retention (log-topic-settings.ts); an existing
 * topic keeps what it has, and each difference is said once. Its partitions bound how many
 * consumers of one group do work at once. Adding partitions later would move streams to other
 * partitions and break their order: a new partition count is a new topic.
 */
import type { Kafka } from 'kafkajs';
import {
  settingsDifferences,
  topicConfigEntries,
  type LogTopicSettings,
} from './log-topic-settings';

export interface LogTopicOptions extends LogTopicSettings {
  readonly topic: string;
  /** When the topic is created (default 6). */
  readonly partitions?: number;
  /**
   * Told when the existing topic differs from these settings (one sentence each, once per
   * client), or when its settings cannot be read. Without it, differences go unsaid.
   */
  readonly onSettingsDiffer?: (message: string) => void;
}

const DEFAULT_PARTITIONS = 6;

/** A partition as a source of a partitioned read model: `<topic>:<partition>`. */
export const partitionSource = (topic: string, partition: number): string =>
  `${topic}:${partition}`;

/** Every partition of the topic as a source, in partition order. */
export const partitionSources = (topic: string, partitions: number): string[] =>
  Array.from({ length: partitions }, (_, partition) => partitionSource(topic, partition));

/** The topic options of a deployment's bus settings (CHIDAO_KAFKA_*). */
export const logTopicOf = (
  bus: LogTopicSettings & { readonly topic: string; readonly partitions: number },
  onSettingsDiffer: (message: string) => void,
): LogTopicOptions => ({
  topic: bus.topic,
  partitions: bus.partitions,
  replicationFactor: bus.replicationFactor,
  retentionMs: bus.retentionMs,
  onSettingsDiffer,
});

/** What each client said already: the relay and every consumer of a process share one. */
const said = new WeakMap<Kafka, Set<string>>();

function sayOnce(kafka: Kafka, message: string, say: (message: string) => void): void {
  const messages = said.get(kafka) ?? new Set<string>();
  said.set(kafka, messages);
  if (messages.has(message)) return;
  messages.add(message);
  say(message);
}

/** kafkajs says "Topic creation errors" and lists the reasons apart: one message with them. */
function creationError(
  topic: string,
  partitions: number,
  replicationFactor: number | null | undefined,
  error: unknown,
): unknown {
  const reasons = error instanceof Error ? (error as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(reasons)) return error;
  const asked = `${partitions} partitions, replication factor ${replicationFactor ?? "the broker's default"}`;
  const why = reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason)));
  return new Error(`Could not create Kafka topic ${topic} (${asked}): ${why.join('; ')}`, {
    cause: error,
  });
}

/** Creates the topic when missing and returns its number of partitions. */
export async function ensureLogTopic(kafka: Kafka, options: LogTopicOptions): Promise<number> {
  const partitions = options.partitions ?? DEFAULT_PARTITIONS;
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new TypeError(`${options.topic}: partitions must be an integer >= 1`);
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const replication = options.replicationFactor
      ? { replicationFactor: options.replicationFactor }
      : {};
    // false when it exists already: whoever made it chose its settings.
    const created = await admin
      .createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: options.topic,
            numPartitions: partitions,
            ...replication,
            configEntries: topicConfigEntries(options),
          },
        ],
      })
      .catch((error: unknown) => {
        throw creationError(options.topic, partitions, options.replicationFactor, error);
      });
    const { topics } = await admin.fetchTopicMetadata({ topics: [options.topic] });
    const metadata = topics[0]?.partitions ?? [];
    if (metadata.length < 1) throw new Error(`Topic ${options.topic} has no partitions`);
    const say = options.onSettingsDiffer;
    if (!created && say) {
      const differences = await settingsDifferences(
        admin,
        options.topic,
        { ...options, partitions },
        metadata,
      ).catch((error: unknown) => [
        `Could not read the settings of Kafka topic ${options.topic} to compare them with ` +
          `CHIDAO_KAFKA_*: ${error instanceof Error ? error.message : String(error)}`,
      ]);
      for (const difference of differences) sayOnce(kafka, difference, say);
    }
    return metadata.length;
  } finally {
    await admin.disconnect();
  }
}
