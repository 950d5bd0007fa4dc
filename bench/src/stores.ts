/**
 * Chidao's own stores for a workload: an SQLite file in the work directory or a fresh schema in
 * PostgreSQL (dropped after), loaded with the generated history in bulk.
 */
import * as path from 'node:path';
import { openEventStore, type EventStore, type EventStoreConfig } from '@chidao/event-store';
import { dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import type { BenchContext } from './context';
import { generateTasks, taskWriteBatches, type GeneratedTask } from './history/task-histories';
import { DEFAULT_SHAPE } from './history/task-histories';

export type StoreKind = 'sqlite' | 'postgres';

interface BenchStore {
  readonly kind: StoreKind;
  readonly config: EventStoreConfig;
  readonly eventStore: EventStore;
  close(): Promise<void>;
}

export async function openBenchStore(
  kind: StoreKind,
  ctx: BenchContext,
  name = 'chidao',
): Promise<BenchStore> {
  if (kind === 'sqlite') {
    const config: EventStoreConfig = { kind, path: path.join(ctx.workDir, `${name}.sqlite`) };
    const eventStore = await openEventStore(config);
    return { kind, config, eventStore, close: () => eventStore.close() };
  }
  if (!ctx.postgresUrl) throw new Error('no PostgreSQL configured');
  const url = ctx.postgresUrl;
  const schema = uniqueSchema(`bench_${name}`);
  const config: EventStoreConfig = { kind, url, schema };
  const eventStore = await openEventStore(config);
  return {
    kind,
    config,
    eventStore,
    close: async () => {
      await eventStore.close();
      await dropSchema(url, schema);
    },
  };
}

/** A task still in progress after loading: commands can report progress on it. */
export type OpenTask = Pick<GeneratedTask, 'taskId' | 'streamId' | 'leadAgency'>;

interface Loaded {
  readonly events: number;
  readonly ms: number;
  readonly openTasks: OpenTask[];
}

/** Streams per appendMany when loading: one transaction per batch. */
export const LOAD_BATCH_STREAMS = 200;

/** Appends the generated history of `ctx.size` events, LOAD_BATCH_STREAMS tasks per append. */
export async function loadHistory(store: EventStore, ctx: BenchContext): Promise<Loaded> {
  const openTasks: OpenTask[] = [];
  let events = 0;
  const tasks = (function* () {
    for (const task of generateTasks(ctx.size, { ...DEFAULT_SHAPE, seed: ctx.seed })) {
      events += task.events.length;
      if (task.open) {
        const { taskId, streamId, leadAgency } = task;
        openTasks.push({ taskId, streamId, leadAgency });
      }
      yield task;
    }
  })();
  const started = performance.now();
  for (const batch of taskWriteBatches(tasks, LOAD_BATCH_STREAMS)) await store.appendMany(batch);
  return { events, ms: performance.now() - started, openTasks };
}
