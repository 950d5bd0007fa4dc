/**
 * A consumer process that applies one batch with events to its read model and then blocks before
 * committing the batch's offsets, for the parent to SIGKILL: the read model has the batch, the
 * consumer group does not know it was consumed.
 */
import { SqliteReadModelStore } from '@chidao/projections';
import { runChild, say } from '@chidao/event-store/testing';
import { KafkaProjectionConsumer } from '../../src/kafka-projection-consumer';
import { testKafka } from '../support';
import { taskEventCounts } from '../task-workload';

interface Args {
  readonly brokers: string[];
  readonly topic: string;
  readonly file: string;
  readonly groupId: string;
}

runChild<Args>(async ({ brokers, topic, file, groupId }) => {
  const readStore = SqliteReadModelStore.open({ path: file });
  const consumer = new KafkaProjectionConsumer({
    projection: taskEventCounts,
    readStore,
    kafka: testKafka(brokers, 'block-before-offset-commit'),
    topic,
    groupId,
    sessionTimeout: 6_000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 250,
    afterApply: ({ partition, firstOffset, lastOffset, outcome }) => {
      if (outcome.events === 0) return;
      say(JSON.stringify({ partition, firstOffset, lastOffset, events: outcome.events }));
      // Block the whole process (no heartbeat, no commit) until killed.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  });
  consumer.start();
  await new Promise(() => undefined);
});
