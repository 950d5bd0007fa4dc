/**
 * The log on the CI Kafka broker: the outbox relay, and projections consumed by consumer groups.
 * One file on purpose: a test here restarts the broker, and suites in another jest worker would
 * see the outage at random points.
 */
import type { EventStore, StoredEvent } from '@chidao/event-store';
import * as path from 'node:path';
import { Socket } from 'node:net';
import {
  describeWithKafka,
  describeWithPostgres,
  dropSchema,
  restartBroker,
  uniqueSchema,
  spawnTypeScript,
  uniqueTopic,
  whileRetriable,
} from '@chidao/event-store/testing';
import {
  PostgresReadModelStore,
  ProjectionRunner,
  taskTimelineProjection,
  type DocumentProjection,
  type ReadModelStore,
} from '@chidao/projections';
import { seedLog } from '@chidao/projections/testing';
import { HEADER } from '../src/event-message';
import {
  KafkaProjectionConsumer,
  type KafkaProjectionConsumerOptions,
} from '../src/kafka-projection-consumer';
import { OutboxRelay, type OutboxRelayOptions } from '../src/outbox-relay';
import {
  eventsOf,
  readTopic,
  TempFiles,
  testKafka,
  until,
  type Delivered,
  type TempStores,
} from './support';
import { dump, statistics, taskEventCounts, TaskWorkload } from './task-workload';

const files = new TempFiles();
afterEach(() => files.cleanup());

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll({ batchSize: 1000 })) events.push(...batch);
  return events;
}

/** Positions of the events delivered, in delivery order over all partitions. */
const positions = (partitions: readonly Delivered[][]) =>
  partitions.flatMap((partition) => eventsOf(partition).map((event) => event.position));

/** Whether the broker's port accepts a connection now. */
function answers(broker: string): Promise<boolean> {
  const [host, port] = broker.split(':');
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
    socket.connect(Number(port), host);
  });
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describeWithKafka(
  'the log on Kafka',
  ({ brokers, control }) => {
    const kafka = testKafka(brokers, 'kafka-log-spec');
    const topics: string[] = [];

    afterAll(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([...groups]).catch(() => undefined);
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
    });

    function relay(options: Omit<OutboxRelayOptions, 'kafka'>): OutboxRelay {
      const started = new OutboxRelay({
        kafka,
        batchSize: 200,
        retry: { initialDelayMs: 50, maxDelayMs: 1_000 },
        ...options,
      }).start();
      files.onCleanup(() => started.stop());
      return started;
    }

    function consumer<D>(
      options: Omit<KafkaProjectionConsumerOptions<D>, 'kafka'>,
    ): KafkaProjectionConsumer<D> {
      const started = new KafkaProjectionConsumer<D>({
        kafka,
        // Per topic: parallel runs on the shared CI broker never join each other's groups.
        groupId: groupOf(options.topic, options.projection),
        sessionTimeout: 6_000,
        heartbeatInterval: 500,
        maxWaitTimeInMs: 250,
        retry: { initialDelayMs: 50, maxDelayMs: 1_000 },
        ...options,
      }).start();
      files.onCleanup(() => started.stop());
      return started;
    }

    const groups = new Set<string>();
    const groupOf = (topic: string, projection: { readonly name: string }) => {
      const group = `${topic}-${projection.name}`;
      groups.add(group);
      return group;
    };

    const PROJECTIONS = [taskTimelineProjection, taskEventCounts] as DocumentProjection<unknown>[];

    /** What the store-driven runners make of the same log: the reference. */
    async function projectedFromStore(stores: TempStores, head: number): Promise<string[]> {
      const out: string[] = [];
      for (const projection of PROJECTIONS) {
        const runner = new ProjectionRunner(projection, stores.domain).start();
        await runner.waitFor(head);
        await runner.stop();
        out.push(...(await dump(stores.readStore, projection.name)));
      }
      return [...out, ...(await statistics(stores.readStore))];
    }

    async function projected(store: ReadModelStore): Promise<string[]> {
      const out: string[] = [];
      for (const projection of PROJECTIONS) out.push(...(await dump(store, projection.name)));
      return [...out, ...(await statistics(store))];
    }

    const topic = (prefix: string) => {
      const name = uniqueTopic(prefix);
      topics.push(name);
      return name;
    };

    describe('outbox relay', () => {
      it('publishes every event once, in log order per partition, keyed by stream, with headers', async () => {
        const { eventStore, readStore } = await files.open();
        const head = await seedLog(eventStore, 1000, 37, 100);
        const name = topic('relay');
        const publisher = relay({ eventStore, readStore, topic: name, partitions: 3 });
        await publisher.waitFor(head);
        expect(await publisher.status()).toMatchObject({
          phase: 'publishing',
          partitions: 3,
          position: head,
          lag: 0,
          published: head,
          lastError: null,
        });

        const partitions = await readTopic(kafka, name);
        expect(partitions).toHaveLength(3);
        const stored = await allEvents(eventStore);
        // Once each, byte for byte what the store holds.
        const delivered = partitions.flatMap(eventsOf).sort((a, b) => a.position - b.position);
        expect(delivered).toEqual(stored);
        const streamPartition = new Map<string, number>();
        for (const [p, partition] of partitions.entries()) {
          const events = eventsOf(partition);
          expect(events.length).toBeGreaterThan(0);
          // Log order within the partition, every stream in one partition only.
          expect(events.map((e) => e.position)).toEqual(
            events.map((e) => e.position).sort((a, b) => a - b),
          );
          for (const event of events) {
            expect(streamPartition.get(event.streamId) ?? p).toBe(p);
            streamPartition.set(event.streamId, p);
          }
          for (const { message, headers } of partition) {
            if (message.kind === 'watermark') continue;
            expect(headers).toEqual({
              [HEADER.kind]: 'event',
              [HEADER.type]: message.event.type,
              [HEADER.position]: String(message.event.position),
              [HEADER.streamVersion]: String(message.event.streamVersion),
              [HEADER.schemaVersion]: String(message.event.schemaVersion),
              [HEADER.recordedAt]: message.event.recordedAt,
            });
          }
          // After each batch of 200, a watermark on every partition, after the batch's events.
          const watermarks = partition.filter((d) => d.message.kind === 'watermark');
          expect(watermarks.map((d) => (d.message as { position: number }).position)).toEqual([
            200, 400, 600, 800, 1000,
          ]);
          for (const watermark of watermarks) {
            const { position } = watermark.message as { position: number };
            const later = partition.filter((d) => d.offset > watermark.offset);
            expect(eventsOf(later).every((event) => event.position > position)).toBe(true);
          }
        }
      });

      it('resumes from its checkpoint: republishes a batch whose checkpoint was lost, nothing else', async () => {
        const { eventStore, readStore } = await files.open();
        const first = await seedLog(eventStore, 500, 37, 100);
        const name = topic('relay-restart');
        const before = relay({ eventStore, readStore, topic: name, partitions: 2 });
        await before.waitFor(first);
        await before.stop();
        expect(await before.status()).toMatchObject({ phase: 'stopped', position: first });

        // Appended while no relay runs; the next one fails once between publish and checkpoint.
        const head = await seedLog(eventStore, 600, 11, 100);
        let failures = 0;
        let failed: { from: number; to: number } | null = null;
        const errors: unknown[] = [];
        const after = relay({
          eventStore,
          readStore,
          topic: name,
          partitions: 2,
          onError: (error) => errors.push(error),
          afterPublish: (batch) => {
            if (batch.from > first + 200 && failures === 0) {
              failures += 1;
              failed = batch;
              throw new Error('crash before the checkpoint');
            }
          },
        });
        await after.waitFor(head);
        expect(errors.map((error) => (error as Error).message)).toEqual([
          'crash before the checkpoint',
        ]);
        // Recovered: the status no longer shows the error (the log and onError kept it).
        expect((await after.status()).lastError).toBeNull();

        const delivered = positions(await readTopic(kafka, name));
        const counts = new Map<number, number>();
        for (const position of delivered) counts.set(position, (counts.get(position) ?? 0) + 1);
        const stored = (await allEvents(eventStore)).map((event) => event.position);
        // Nothing lost; sent twice exactly the batch whose checkpoint was not stored.
        expect([...counts.keys()].sort((a, b) => a - b)).toEqual(stored);
        const { from, to } = failed!;
        const twice = [...counts].filter(([, n]) => n > 1).map(([position]) => position);
        expect(twice.sort((a, b) => a - b)).toEqual(stored.filter((p) => p >= from && p <= to));
        expect(Math.max(...counts.values())).toBe(2);
      });

      it('lets one relay per topic publish; the other takes over when it stops', async () => {
        const { file, eventStore, readStore } = await files.open();
        const name = topic('relay-lease');
        const one = relay({
          eventStore,
          readStore,
          topic: name,
          lease: { owner: 'one', ttlMs: 1_500 },
        });
        const first = await seedLog(eventStore, 300, 13, 100);
        await one.waitFor(first);
        // Another process with its own store connection on the same database.
        const two = relay({
          eventStore,
          readStore: files.readStore(file),
          topic: name,
          lease: { owner: 'two', ttlMs: 1_500 },
        });
        await two.waitFor(first); // it reads the shared checkpoint
        const second = await seedLog(eventStore, 300, 13, 100);
        await one.waitFor(second);
        expect(await one.status()).toMatchObject({ phase: 'publishing', leaseHolder: 'one' });
        expect(await two.status()).toMatchObject({
          phase: 'standby',
          leaseHolder: 'one',
          published: 0,
        });

        await one.stop();
        const third = await seedLog(eventStore, 300, 13, 100);
        await two.waitFor(third);
        expect(await two.status()).toMatchObject({ phase: 'publishing', leaseHolder: 'two' });
        // Every event exactly once: never two publishers, and the second went on from the checkpoint.
        const delivered = positions(await readTopic(kafka, name)).sort((a, b) => a - b);
        expect(delivered).toEqual((await allEvents(eventStore)).map((event) => event.position));
      });
    });

    describe('projections consumed by a consumer group', () => {
      it('give the same documents and statistics as the store-driven runner', async () => {
        const source = await files.open();
        const workload = new TaskWorkload(300);
        await workload.assignAll(source.eventStore);
        await workload.progress(source.eventStore);
        await workload.progress(source.eventStore);
        const head = await workload.finish(source.eventStore);
        const expected = await projectedFromStore(source, head);

        // The consumers' read models in another database, two instances per projection sharing
        // four partitions, each with its own connection (as separate processes would have).
        const name = topic('projections');
        const target = files.file();
        const instances = PROJECTIONS.flatMap((projection) =>
          [0, 1].map(() =>
            consumer({
              projection,
              readStore: files.readStore(target),
              topic: name,
              partitions: 4,
            }),
          ),
        );
        await until(
          () => instances.every((instance) => instance.status().partitions.length === 2),
          'assignment of two partitions to every instance',
        );
        const publisher = relay({ ...source, topic: name, partitions: 4 });
        await publisher.waitFor(head);
        for (const instance of instances) await instance.waitFor(head);

        expect(await projected(files.readStore(target))).toEqual(expected);
        expect(expected.filter((line) => line.startsWith('task-k'))).toHaveLength(300);
        for (const instance of instances) {
          const status = instance.status();
          expect(status.eventsApplied).toBeGreaterThan(0);
          expect(status).toMatchObject({
            phase: 'consuming',
            duplicatesSkipped: 0,
            lastError: null,
          });
        }
      });

      it('loses nothing and counts nothing twice when the broker restarts mid-run', async () => {
        const source = await files.open();
        const workload = new TaskWorkload(200);
        const name = topic('restart');
        const target = files.file();
        const instances = PROJECTIONS.flatMap((projection) =>
          [0, 1].map(() =>
            consumer({
              projection,
              readStore: files.readStore(target),
              topic: name,
              partitions: 3,
            }),
          ),
        );
        const publisher = relay({ ...source, topic: name, partitions: 3 });

        // Before: consumed up to here.
        await workload.assignAll(source.eventStore);
        let head = await workload.progress(source.eventStore);
        for (const instance of instances) await instance.waitFor(head);

        // During: appended while the broker is down, and while the relay and consumers reconnect.
        const restarting = restartBroker(control);
        await until(async () => !(await answers(brokers[0])), 'broker shutdown', 60_000);
        await workload.progress(source.eventStore);
        head = await workload.progress(source.eventStore, range(0, 50));
        await restarting;
        head = await workload.progress(source.eventStore, range(0, 100));

        // After.
        head = await workload.finish(source.eventStore);
        await publisher.waitFor(head);
        for (const instance of instances) await instance.waitFor(head);

        expect(await projected(files.readStore(target))).toEqual(
          await projectedFromStore(source, head),
        );
        // Progress reports: four for the first 50 tasks, three for the next 50, two for the rest.
        const counts = files
          .readStore(target)
          .documents<{ progressReports: number }>(taskEventCounts.name);
        expect(await counts.count({ progress_reports: 4 })).toBe(50);
        expect(await counts.count({ progress_reports: 3 })).toBe(50);
        expect(await counts.count({ progress_reports: 2 })).toBe(100);
      }, 180_000);

      it('skips a batch delivered again after a consumer died between read model and offsets', async () => {
        const source = await files.open();
        const workload = new TaskWorkload(150);
        await workload.assignAll(source.eventStore);
        const first = await workload.progress(source.eventStore);
        const name = topic('killed');
        const target = files.file();
        const publisher = relay({ ...source, topic: name, partitions: 2 });
        await publisher.waitFor(first);

        // A process applies a batch, then dies before committing its offsets.
        const groupId = groupOf(name, taskEventCounts);
        const child = spawnTypeScript(
          path.join(__dirname, 'children', 'block-before-offset-commit.ts'),
          { brokers, topic: name, file: target, groupId },
        );
        files.onCleanup(() => child.kill());
        const killed = await child.nextJson<{
          partition: number;
          firstOffset: string;
          events: number;
        }>();
        child.kill('SIGKILL');
        await child.exited;
        const readStore = files.readStore(target);
        const admin = kafka.admin();
        await admin.connect();
        const [offsets] = await whileRetriable(() =>
          admin.fetchOffsets({ groupId, topics: [name] }),
        );
        await admin.disconnect();
        const committed = offsets.partitions.find((p) => p.partition === killed.partition)!;
        expect(Number(committed.offset)).toBeLessThanOrEqual(Number(killed.firstOffset));
        const applied = await dump(readStore, taskEventCounts.name);
        expect(applied.length).toBeGreaterThan(1);

        // Another instance takes the partitions over; this one also loses one offset commit.
        let lost = 0;
        const survivorErrors: unknown[] = [];
        const survivor = consumer({
          projection: taskEventCounts,
          readStore,
          topic: name,
          onError: (error) => survivorErrors.push(error),
          afterApply: ({ outcome }) => {
            if (lost === 0 && outcome.events > 0) {
              lost = outcome.events;
              throw new Error('offset commit lost');
            }
          },
        });
        const head = await workload.progress(source.eventStore);
        await publisher.waitFor(head);
        await survivor.waitFor(head);

        // The killed batch and the batch whose commit was lost come again, and are skipped.
        await until(
          () => survivor.status().duplicatesSkipped >= killed.events + lost,
          'redelivery of both batches',
        );
        expect(lost).toBeGreaterThan(0);
        expect(survivorErrors.map((error) => (error as Error).message)).toContain(
          'offset commit lost',
        );
        expect(survivor.status()).toMatchObject({ lastError: null, worker: { state: 'running' } });
        const reference = new ProjectionRunner(taskEventCounts, source.domain).start();
        await reference.waitFor(head);
        await reference.stop();
        expect(await dump(readStore, taskEventCounts.name)).toEqual(
          await dump(source.readStore, taskEventCounts.name),
        );
      }, 120_000);
    });

    describeWithPostgres('with the read models in PostgreSQL', (url) => {
      const schema = uniqueSchema('kafka_rm');
      afterAll(() => dropSchema(url, schema));

      it('gives the same documents and statistics as the store-driven runner on SQLite', async () => {
        const source = await files.open();
        const workload = new TaskWorkload(200);
        await workload.assignAll(source.eventStore);
        await workload.progress(source.eventStore);
        const head = await workload.finish(source.eventStore);
        const expected = await projectedFromStore(source, head);

        const open = async () => {
          const store = await PostgresReadModelStore.open({ url, schema });
          files.onCleanup(() => store.close());
          return store;
        };
        const name = topic('projections-pg');
        const instances = [];
        for (const projection of PROJECTIONS) {
          for (let i = 0; i < 2; i += 1) {
            instances.push(consumer({ projection, readStore: await open(), topic: name }));
          }
        }
        // The relay keeps its checkpoint and lease in PostgreSQL too.
        const publisher = relay({
          eventStore: source.eventStore,
          readStore: await open(),
          topic: name,
        });
        await publisher.waitFor(head);
        for (const instance of instances) await instance.waitFor(head);
        expect(await projected(await open())).toEqual(expected);
      });
    });
  },
  // It restarts its broker: the one no other suite is using.
  { restarts: true },
);
