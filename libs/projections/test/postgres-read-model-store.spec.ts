import { Client } from 'pg';
import { openEventStore } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import {
  countedEvent,
  describeReadModelStoreContract,
  seedLog,
  streamTally,
} from '@chidao/projections/testing';
import type { FindOptions } from '../src/document-query';
import type { ReadModelSchema } from '../src/projection';
import { ProjectionRunner } from '../src/projection-runner';
import { rebuildProjection } from '../src/rebuild-projection';
import { PostgresReadModelStore } from '../src/postgres/postgres-read-model-store';
import type { ReadModelStore } from '../src/read-model-store.port';
import { spawnChild } from '../src/testing/children/protocol';
import { dump, TempFiles } from './support';

describeWithPostgres('PostgresReadModelStore', (url) => {
  describeReadModelStoreContract({
    name: 'PostgreSQL',
    async open() {
      const schema = uniqueSchema('rm');
      const stores = [await PostgresReadModelStore.open({ url, schema })];
      return {
        store: stores[0],
        async openAnother() {
          const another = await PostgresReadModelStore.open({ url, schema });
          stores.push(another);
          return another;
        },
        async cleanup() {
          for (const store of stores) await store.close();
          await dropSchema(url, schema);
        },
      };
    },
  });

  describe('like SQLite', () => {
    const files = new TempFiles();
    const schemas: string[] = [];
    const stores: ReadModelStore[] = [];
    afterAll(async () => {
      for (const store of stores) await store.close();
      for (const schema of schemas) await dropSchema(url, schema);
      await files.cleanup();
    });

    const NOTES: ReadModelSchema = {
      name: 'notes',
      columns: [
        { name: 'text', type: 'text', index: true },
        { name: 'rank', type: 'integer', index: true },
      ],
    };
    const FP = 'f'.repeat(64);
    const NOTES_DATA: Array<[string, string | null, number | null]> = [
      ['a', 'ke hoach 100% xong', 1],
      ['b', 'KE HOACH so 5', null],
      ['c', 'ke_hoach', 3],
      ['d', 'path\\to\\x', 2],
      ['e', 'Kế hoạch', null],
      ['f', null, 2],
      ['g', 'z', 10],
      ['h', 'Z', -4],
    ];

    async function both(): Promise<ReadModelStore[]> {
      const schema = uniqueSchema('rmlike');
      schemas.push(schema);
      const pg = await PostgresReadModelStore.open({ url, schema });
      const sqlite = (await files.open()).readStore;
      stores.push(pg);
      for (const store of [pg, sqlite]) {
        await store.register(NOTES, FP);
        await store.transaction('notes', { kind: 'active', fingerprint: FP }, async (tx) => {
          await tx.upsert(
            NOTES_DATA.map(([id, text, rank]) => ({
              id,
              json: JSON.stringify({ id, text, rank }),
              columns: { text, rank },
            })),
          );
          await tx.setCheckpoint(1);
        });
      }
      return [pg, sqlite];
    }

    it('answers LIKE, NULL ordering and text ranges exactly as the SQLite adapter', async () => {
      const [pg, sqlite] = await both();
      const queries: FindOptions[] = [
        { where: { text: { like: '%ke hoach%' } } },
        // SQLite's LIKE ignores ASCII case only, and knows no escape character.
        { where: { text: { like: 'KE HOACH%' } } },
        { where: { text: { like: '%\\to\\%' } } },
        { where: { text: { like: 'ke_hoach' } } },
        { where: { text: { like: '%100%%' } } },
        { where: { text: { like: '%ế%' } } },
        { orderBy: [{ column: 'rank' }] },
        { orderBy: [{ column: 'rank', direction: 'desc' }] },
        { orderBy: [{ column: 'text' }] },
        { where: { text: { gte: 'Z', lt: 'k' } }, orderBy: [{ column: 'text' }] },
        { where: { id: { gt: 'b' } }, limit: 2, offset: 1 },
      ];
      for (const query of queries) {
        const expected = (await sqlite.documents('notes').find(query)).map((d) => d.id);
        expect([query, (await pg.documents('notes').find(query)).map((d) => d.id)]).toEqual([
          query,
          expected,
        ]);
      }
      expect((await pg.documents('notes').find(queries[0])).map((d) => d.id)).toEqual(['a', 'b']);
    });
  });

  describe('queries during a swap', () => {
    const schema = uniqueSchema('rmswap');
    const FP = 'e'.repeat(64);
    const ROWS: ReadModelSchema = { name: 'rows', columns: [] };
    afterAll(() => dropSchema(url, schema));

    async function fill(store: ReadModelStore, generation: number, count: number) {
      await store.transaction('rows', { kind: 'generation', generation }, async (tx) => {
        const ids = Array.from({ length: count }, (_, i) => `g${generation}-${i}`);
        await tx.upsert(ids.map((id) => ({ id, json: '{}', columns: {} })));
        await tx.setCheckpoint(3);
      });
    }

    it('answers from the new generation when the swap drops the one it had resolved', async () => {
      const store = await PostgresReadModelStore.open({ url, schema });
      const blocker = new Client({ connectionString: url, options: `-c search_path=${schema}` });
      await blocker.connect();
      try {
        await store.register(ROWS, FP);
        await fill(store, 1, 2);
        await store.beginGeneration(ROWS, FP);
        await fill(store, 2, 5);
        const { rows } = await blocker.query<{ oid: number }>(
          `SELECT 'rm_rows_g1'::regclass::oid AS oid`,
        );
        const waitingOn = async () =>
          Number(
            (
              await blocker.query<{ n: string }>(
                'SELECT COUNT(*) AS n FROM pg_locks WHERE NOT granted AND relation = $1',
                [rows[0].oid],
              )
            ).rows[0].n,
          );
        // A reader of generation 1 holds the swap's DROP back …
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE rm_rows_g1 IN ACCESS SHARE MODE');
        const swap = store.activateGeneration('rows', 2);
        while ((await waitingOn()) < 1);
        // … and a query that resolved generation 1 queues behind that DROP.
        const count = store.documents('rows').count();
        while ((await waitingOn()) < 2);
        await blocker.query('COMMIT');
        expect(await swap).toMatchObject({ swapped: true });
        expect(await count).toBe(5);
      } finally {
        await blocker.end();
        await store.close();
      }
    });
  });

  describe('a rebuild while the live runner writes', () => {
    const files = new TempFiles();
    const schema = uniqueSchema('rmlive');
    afterAll(async () => {
      await files.cleanup();
      await dropSchema(url, schema);
    });

    it('swaps without losing or double-counting an event appended meanwhile', async () => {
      const embedded = await files.open();
      const { eventStore } = embedded;
      await seedLog(eventStore, 2000);
      const readStore = await PostgresReadModelStore.open({ url, schema });
      files.onCleanup(() => readStore.close());
      const deps = { eventStore, readStore };
      const runner = new ProjectionRunner(streamTally, deps, { batchSize: 100 }).start();
      await runner.waitFor(await eventStore.headPosition());

      const appending = (async () => {
        for (let round = 0; round < 20; round += 1) {
          await eventStore.appendMany([
            { streamId: `tally-${round % 37}`, events: [countedEvent(10_000 + round)] },
            { streamId: `tally-${(round * 7) % 37}`, events: [countedEvent(20_000 + round)] },
          ]);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const rebuilt = await rebuildProjection(streamTally, deps, { batchSize: 150 });
      await appending;
      const head = await eventStore.headPosition();
      await runner.waitFor(head);
      await runner.stop();
      expect(rebuilt.generation).toBe(2);
      expect(await readStore.documents(streamTally.name).generation()).toBe(2);

      const reference = new ProjectionRunner(streamTally, embedded, { batchSize: 100 }).start();
      await reference.waitFor(head);
      await reference.stop();
      const rows: string[] = [];
      for await (const document of readStore.documents(streamTally.name).stream()) {
        rows.push(`${document.id}\t${document.json}`);
      }
      expect(rows).toEqual(await dump(embedded.readStore, streamTally.name));
      expect(await readStore.documents(streamTally.name).position()).toBe(head);
    });
  });

  describe('a runner killed in the middle of a batch', () => {
    const files = new TempFiles();
    const schema = uniqueSchema('rmcrash');
    afterAll(async () => {
      await files.cleanup();
      await dropSchema(url, schema);
    });

    it('leaves the batch uncommitted, and restarts to the same documents as SQLite', async () => {
      const log = files.file('log.db');
      const seeding = await openEventStore({ kind: 'sqlite', path: log });
      const head = await seedLog(seeding, 3000);
      await seeding.close();

      const child = spawnChild('run-until-fault', {
        events: { kind: 'sqlite', path: log },
        readModels: { kind: 'postgres', url, schema },
        batchSize: 200,
        blockAtBatch: 3,
      });
      // Batch 3's documents are sent to the server; its checkpoint and COMMIT are not.
      expect(await child.nextLine()).toBe('blocked 401 600');
      child.kill('SIGKILL');
      expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });

      const eventStore = await openEventStore({ kind: 'sqlite', path: log });
      files.onCleanup(() => eventStore.close());
      const readStore = await PostgresReadModelStore.open({ url, schema });
      files.onCleanup(() => readStore.close());
      expect(await readStore.documents(streamTally.name).position()).toBe(400);

      const runner = new ProjectionRunner(
        streamTally,
        { eventStore, readStore },
        { batchSize: 200 },
      ).start();
      await runner.waitFor(head);
      await runner.stop();

      const reference = await files.open();
      const clean = new ProjectionRunner(
        streamTally,
        { eventStore, readStore: reference.readStore },
        { batchSize: 200 },
      ).start();
      await clean.waitFor(head);
      await clean.stop();

      const rows: string[] = [];
      for await (const document of readStore.documents(streamTally.name).stream({ pageSize: 10 })) {
        rows.push(`${document.id}\t${document.json}`);
      }
      expect(rows).toHaveLength(37);
      expect(rows).toEqual(await dump(reference.readStore, streamTally.name));
      expect(await readStore.documents(streamTally.name).position()).toBe(head);
    });
  });
});
