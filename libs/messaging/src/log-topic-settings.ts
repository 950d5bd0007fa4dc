/**
 * The settings the log topic is created with, and how an existing topic differs from them.
 *
 * Consumers rebuild read models from the topic (a new generation reads every partition from its
 * start) and resume from offsets they committed before going down: a message deleted before every
 * group consumed it is an event silently missing from the read models. So the topic keeps
 * everything by default (`retention.ms=-1`), never deletes by size (`retention.bytes=-1`) and is
 * never compacted (compaction keeps one message per key, and the key is the stream).
 *
 * An existing topic is never altered: topics are usually the platform team's, and a shorter
 * retention, once applied, cannot be undone. Each difference is said instead, with the command
 * that would apply the setting.
 */
import {
  ConfigResourceTypes,
  type Admin,
  type IResourceConfigEntry,
  type PartitionMetadata,
} from 'kafkajs';

export interface LogTopicSettings {
  /** Copies of each partition; null or absent: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number | null;
  /** How long a message is kept, in ms; -1 (the default): for ever. */
  readonly retentionMs?: number;
}

const KEEP_FOREVER = -1;

/** The topic-level settings a new log topic gets. */
export function topicConfigEntries(settings: LogTopicSettings): IResourceConfigEntry[] {
  return [
    { name: 'retention.ms', value: String(settings.retentionMs ?? KEEP_FOREVER) },
    { name: 'retention.bytes', value: String(KEEP_FOREVER) },
    { name: 'cleanup.policy', value: 'delete' },
  ];
}

/** `retention.ms` as an operator reads it. */
const lifetime = (ms: number): string => {
  if (ms < 0) return 'for ever';
  const days = ms / 86_400_000;
  return Number.isInteger(days) ? count(days, 'day') : count(Math.round(ms / 3_600_000), 'hour');
};

const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * One sentence per setting in which the existing `topic` differs from `settings` (and from what
 * Chidao needs), saying what to run to change it. Empty when it matches.
 */
export async function settingsDifferences(
  admin: Admin,
  topic: string,
  settings: LogTopicSettings & { readonly partitions: number },
  partitions: readonly PartitionMetadata[],
): Promise<string[]> {
  const differences: string[] = [];
  const alter = (config: string) =>
    `kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${topic} --add-config ${config}`;
  const unchanged = `Chidao leaves an existing topic as it is`;

  if (partitions.length !== settings.partitions) {
    differences.push(
      `Kafka topic ${topic} has ${count(partitions.length, 'partition')}, not ${settings.partitions} ` +
        `(CHIDAO_KAFKA_PARTITIONS); ${unchanged} and uses ${partitions.length}: adding partitions ` +
        'would move streams to other partitions and break their order. For another count, ' +
        'publish to a new topic (CHIDAO_KAFKA_TOPIC).',
    );
  }
  const replicas = partitions[0]?.replicas.length ?? 0;
  if (settings.replicationFactor && replicas !== settings.replicationFactor) {
    differences.push(
      `Kafka topic ${topic} has ${count(replicas, 'replica')} of each partition, not ` +
        `${settings.replicationFactor} (CHIDAO_KAFKA_REPLICATION_FACTOR); ${unchanged}: ` +
        'change it with kafka-reassign-partitions.sh.',
    );
  }

  const wanted = new Map(topicConfigEntries(settings).map((e) => [e.name, e.value]));
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [...wanted.keys()] }],
  });
  const actual = new Map(
    (resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
  );
  const retention = Number(actual.get('retention.ms') ?? KEEP_FOREVER);
  const wantedRetention = settings.retentionMs ?? KEEP_FOREVER;
  if (retention !== wantedRetention) {
    differences.push(
      `Kafka topic ${topic} keeps messages ${lifetime(retention)} (retention.ms=${retention}), ` +
        `not ${lifetime(wantedRetention)} (CHIDAO_KAFKA_RETENTION_MS=${wantedRetention}); ` +
        `${unchanged}: ${alter(`retention.ms=${wantedRetention}`)}. ` +
        'A consumer group down for longer than the retention would miss events.',
    );
  }
  const bytes = actual.get('retention.bytes');
  if (bytes !== undefined && bytes !== String(KEEP_FOREVER)) {
    differences.push(
      `Kafka topic ${topic} deletes messages beyond ${bytes} bytes per partition ` +
        `(retention.ms aside); ${unchanged}: ${alter('retention.bytes=-1')}. ` +
        'A consumer group that falls behind, or a new one, would miss events.',
    );
  }
  const policy = actual.get('cleanup.policy');
  if (policy !== undefined && policy !== 'delete') {
    differences.push(
      `Kafka topic ${topic} has cleanup.policy=${policy}; ${unchanged}: ` +
        `${alter('cleanup.policy=delete')}. Compaction keeps only the last event of each ` +
        'stream: new consumer groups would build wrong read models.',
    );
  }
  return differences;
}
