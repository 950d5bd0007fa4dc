import { readDomainEvents, type RecordedEvent } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import {
  applyPartitionBatch,
  type PartitionBatch,
  type PartitionEntry,
} from '../../src/apply-partition-batch';
import type { ProjectionDeps } from '../../src/catch-up';
import { projectionFingerprint } from '../../src/fingerprint';
import { PostgresReadModelStore } from '../../src/postgres/postgres-read-model-store';
import { schemaOf } from '../../src/projection';
import { ProjectionRunner } from '../../src/projection-runner';
import { urgeCounts, urgeCountsProjection, type UrgeCountDocument } from '../../src/read-models';
import type { ReadModelStore } from '../../src/read-model-store.port';
import { rebuildProjection } from '../../src/rebuild-projection';
import { dump, TempFiles, type TempStores } from '../support';
import { AGENCIES, appendHistories, day, random, randomSpec } from './task-histories';
import { countedFromLog, urgeHistoryOf, type ReminderPick } from './urge-histories';

/**
 * The urge_counts read model fed as the deployments feed it: by the store's runner (SQLite and
 * PostgreSQL read models), partition by partition from Kafka, and rebuilt; each time the same
 * documents, and the answers of the domain's counter over the log.
 */
const TASKS = 600;
const PARTITIONS = 3;
const SOURCES = Array.from({ length: PARTITIONS }, (_, p) => `log:${p}`);

const QUERIES = [
  { from: -10, to: 400 },
  { from: 30, to: 90, agencies: ['SO-TTTT'] },
  { from: 60, to: 61, agencies: ['SO_XD', 'SO-XD', 'UBND-HH'] },
  { from: 100, to: 250, agencies: ['SO-NV', 'SO-TC'] },
  { from: 200, to: 199 },
  { from: 0, to: 365, agencies: [] },
];

const files = new TempFiles();
afterAll(() => files.cleanup());

/** A deterministic log: random lives with urges, and reminders where the domain takes them. */
async function seeded(): Promise<TempStores> {
  const stores = await files.open();
  const next = random(20240618);
  const histories = Array.from({ length: TASKS }, (_, i) => {
    const picks: ReminderPick[] = Array.from({ length: Math.floor(next() * 5) }, () => ({
      after: Math.floor(next() * 20),
      gap: Math.floor(next() * 4),
      rule: Math.floor(next() * 7),
    }));
    return urgeHistoryOf(randomSpec(next, `k${String(i).padStart(4, '0')}`), picks);
  });
  await appendHistories(stores.eventStore, histories, { split: (h) => h.events.length >> 1 });
  return stores;
}

async function runToHead(deps: ProjectionDeps, head: number): Promise<void> {
  const runner = new ProjectionRunner(urgeCountsProjection, deps, { batchSize: 97 }).start();
  await runner.waitFor(head);
  await runner.stop();
}

async function answers(stores: TempStores, readStore: ReadModelStore) {
  const documents = readStore.documents<UrgeCountDocument>('urge_counts');
  const out: { counted: unknown; read: unknown }[] = [];
  for (const q of QUERIES) {
    const query = {
      from: day(q.from),
      to: day(q.to),
      agencies: q.agencies && new Set(q.agencies),
    };
    out.push({
      counted: await countedFromLog(stores.eventStore, query),
      read: await urgeCounts(documents, query),
    });
  }
  return out;
}

/** The log as the relay would put it on the topic: split by stream id, in log order. */
async function partitions(stores: TempStores): Promise<PartitionEntry[][]> {
  const out: PartitionEntry[][] = SOURCES.map(() => []);
  for await (const batch of readDomainEvents(stores.eventStore).readAll({ batchSize: 1000 })) {
    for (const event of batch) {
      const key = [...event.streamId].reduce((sum, c) => sum + c.charCodeAt(0), 0);
      out[key % PARTITIONS].push({ kind: 'event', event });
    }
  }
  return out;
}

describe('urge_counts fed by the store and by partitions', () => {
  let stores: TempStores;
  let head: number;
  beforeAll(async () => {
    stores = await seeded();
    head = await stores.eventStore.headPosition();
    await runToHead(stores.domain, head);
  });

  it('answers what the counter over the log answers, with urges of every agency', async () => {
    const all = await answers(stores, stores.readStore);
    for (const { counted, read } of all) expect(read).toEqual(counted);
    const year = all[0].read as { agency: string; manual: number; automatic: number }[];
    expect(year.map((row) => row.agency)).toEqual([...AGENCIES].sort());
    expect(Math.min(...year.map((row) => Math.min(row.manual, row.automatic)))).toBeGreaterThan(0);
  });

  it('keeps the same documents when fed partition by partition, redeliveries skipped', async () => {
    const other = files.readStore(files.file('partitioned.db'));
    const target = {
      kind: 'active',
      fingerprint: projectionFingerprint(urgeCountsProjection),
    } as const;
    await other.register(schemaOf(urgeCountsProjection), target.fingerprint);
    const entries = await partitions(stores);
    const cursors = SOURCES.map(() => 0);
    const sizes = [120, 35, 80];
    let duplicates = 0;
    for (let round = 0; cursors.some((c, p) => c < entries[p].length); round += 1) {
      for (let p = 0; p < PARTITIONS; p += 1) {
        if (p === 2 && round % 3 !== 2) continue;
        // Each batch starts with the end of the previous one again (redelivered).
        const batch: PartitionBatch<RecordedEvent> = {
          source: SOURCES[p],
          sources: SOURCES,
          entries: entries[p].slice(Math.max(0, cursors[p] - 4), cursors[p] + sizes[p]),
        };
        if (batch.entries.length === 0) continue;
        duplicates += (await applyPartitionBatch(urgeCountsProjection, other, target, batch))
          .duplicates;
        cursors[p] = Math.min(entries[p].length, cursors[p] + sizes[p]);
      }
    }
    for (const source of SOURCES) {
      const watermark: PartitionEntry = { kind: 'watermark', position: head };
      await applyPartitionBatch(urgeCountsProjection, other, target, {
        source,
        sources: SOURCES,
        entries: [watermark],
      });
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(await other.documents('urge_counts').position()).toBe(head);
    expect(await dump(other, 'urge_counts')).toEqual(await dump(stores.readStore, 'urge_counts'));
  });

  describeWithPostgres('in PostgreSQL', (url) => {
    const schema = uniqueSchema('rmurges');
    let postgres: PostgresReadModelStore | undefined;
    afterAll(async () => {
      await postgres?.close();
      await dropSchema(url, schema);
    });

    it('holds the same documents and answers, live and after a rebuild', async () => {
      postgres = await PostgresReadModelStore.open({ url, schema });
      const deps = { eventStore: stores.domain.eventStore, readStore: postgres };
      await runToHead(deps, head);
      const expected = await dump(stores.readStore, 'urge_counts');
      expect(await dump(postgres, 'urge_counts')).toEqual(expected);
      for (const { counted, read } of await answers(stores, postgres))
        expect(read).toEqual(counted);

      const rebuilt = await rebuildProjection(urgeCountsProjection, deps, { batchSize: 301 });
      expect(rebuilt).toMatchObject({ generation: 2, position: head });
      expect(await dump(postgres, 'urge_counts')).toEqual(expected);
    });
  });
});
