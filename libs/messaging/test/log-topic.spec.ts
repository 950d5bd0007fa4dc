/**
 * The log topic on the CI broker: what ensureLogTopic creates it with, and what it says about an
 * existing topic whose settings differ (it never alters one).
 */
import { describeWithKafka, uniqueTopic, whileRetriable } from '@chidao/event-store/testing';
import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import { ensureLogTopic } from '../src/log-topic';
import { testKafka } from './support';

/** The topic's settings that ensureLogTopic sets, and its replicas per partition. */
async function settingsOf(admin: Admin, topic: string) {
  const { resources } = await whileRetriable(() =>
    admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configNames: ['retention.ms', 'retention.bytes', 'cleanup.policy'],
        },
      ],
    }),
  );
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return {
    ...Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue])),
    partitions: topics[0].partitions.length,
    replicas: topics[0].partitions[0].replicas.length,
  };
}

describeWithKafka('the log topic', ({ brokers }) => {
  const kafka = testKafka(brokers, 'log-topic-spec');
  const admin = kafka.admin();
  const topics: string[] = [];
  const newTopic = () => {
    const topic = uniqueTopic('log-topic');
    topics.push(topic);
    return topic;
  };

  beforeAll(() => admin.connect());
  afterAll(async () => {
    // Only those that exist: kafkajs retries deleting a missing topic for seconds.
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: topics.filter((topic) => existing.has(topic)) });
    await admin.disconnect();
  });

  it('is created keeping every message, never deleting by size, never compacted', async () => {
    const topic = newTopic();
    const said: string[] = [];
    const options = { topic, partitions: 3, onSettingsDiffer: (m: string) => said.push(m) };
    expect(await ensureLogTopic(kafka, options)).toBe(3);
    expect(await settingsOf(admin, topic)).toEqual({
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'cleanup.policy': 'delete',
      partitions: 3,
      replicas: 1,
    });
    // Created with these settings, and found with them the next time: nothing to say.
    expect(await ensureLogTopic(kafka, options)).toBe(3);
    expect(said).toEqual([]);
  });

  it('is created with the retention and replication factor asked', async () => {
    const topic = newTopic();
    const week = 7 * 86_400_000;
    await ensureLogTopic(kafka, { topic, partitions: 2, replicationFactor: 1, retentionMs: week });
    expect(await settingsOf(admin, topic)).toMatchObject({
      'retention.ms': String(week),
      partitions: 2,
      replicas: 1,
    });
  });

  it('is refused with more replicas than brokers, saying so', async () => {
    const topic = newTopic();
    await expect(ensureLogTopic(kafka, { topic, replicationFactor: 100 })).rejects.toThrow(
      `Could not create Kafka topic ${topic} (6 partitions, replication factor 100): Replication-factor is invalid`,
    );
  });

  describe('found with other settings', () => {
    const topic = newTopic();
    const created = {
      'retention.ms': '86400000',
      'retention.bytes': '1073741824',
      'cleanup.policy': 'compact',
      partitions: 2,
      replicas: 1,
    };
    const differences = [
      `Kafka topic ${topic} has 2 partitions, not 4 (CHIDAO_KAFKA_PARTITIONS); Chidao leaves an existing topic as it is and uses 2: adding partitions would move streams to other partitions and break their order. For another count, publish to a new topic (CHIDAO_KAFKA_TOPIC).`,
      `Kafka topic ${topic} keeps messages 1 day (retention.ms=86400000), not for ever (CHIDAO_KAFKA_RETENTION_MS=-1); Chidao leaves an existing topic as it is: kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${topic} --add-config retention.ms=-1. A consumer group down for longer than the retention would miss events.`,
      `Kafka topic ${topic} deletes messages beyond 1073741824 bytes per partition (retention.ms aside); Chidao leaves an existing topic as it is: kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${topic} --add-config retention.bytes=-1. A consumer group that falls behind, or a new one, would miss events.`,
      `Kafka topic ${topic} has cleanup.policy=compact; Chidao leaves an existing topic as it is: kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${topic} --add-config cleanup.policy=delete. Compaction keeps only the last event of each stream: new consumer groups would build wrong read models.`,
    ];

    beforeAll(async () => {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 2,
            configEntries: ['retention.ms', 'retention.bytes', 'cleanup.policy'].map((name) => ({
              name,
              value: created[name as keyof typeof created] as string,
            })),
          },
        ],
      });
    });

    const ensure = (client: Kafka, said: string[]) =>
      ensureLogTopic(client, {
        topic,
        partitions: 4,
        retentionMs: -1,
        onSettingsDiffer: (message) => said.push(message),
      });

    it('is left as it is, and each difference is said once per client', async () => {
      const said: string[] = [];
      expect(await ensure(kafka, said)).toBe(2);
      expect(said).toEqual(differences);
      expect(await ensure(kafka, said)).toBe(2);
      expect(said).toHaveLength(differences.length);
      expect(await settingsOf(admin, topic)).toEqual(created);
    });

    it('is said again by another process', async () => {
      const said: string[] = [];
      await ensure(testKafka(brokers, 'log-topic-spec-other'), said);
      expect(said).toEqual(differences);
    });

    it('says its replication factor when it differs from the one asked', async () => {
      const said: string[] = [];
      await ensureLogTopic(testKafka(brokers, 'log-topic-spec-replicas'), {
        topic,
        partitions: 2,
        replicationFactor: 3,
        retentionMs: 86_400_000,
        onSettingsDiffer: (message) => said.push(message),
      });
      expect(said[0]).toBe(
        `Kafka topic ${topic} has 1 replica of each partition, not 3 (CHIDAO_KAFKA_REPLICATION_FACTOR); Chidao leaves an existing topic as it is: change it with kafka-reassign-partitions.sh.`,
      );
      expect(said.slice(1)).toEqual(differences.slice(2));
    });
  });
});
