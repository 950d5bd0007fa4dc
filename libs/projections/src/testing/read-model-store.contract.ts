/**
 * The contract every ReadModelStore adapter must pass. It knows nothing about the adapter: the
 * harness opens a fresh, empty store and can open a second store on the same storage (another
 * process would, or the same process after a restart).
 */
import type { ReadModelSchema } from '../projection';
import {
  GenerationGoneError,
  ProjectionSupersededError,
  UnknownProjectionError,
  type BatchTransaction,
  type DocumentWrite,
  type ReadModelStore,
  type WriteTarget,
} from '../read-model-store.port';

interface ContractReadModelStore {
  readonly store: ReadModelStore;
  /**
   * Another store on the same storage (SQLite opens synchronously, PostgreSQL does not). A
   * function property: tests take it out of the subject.
   */
  openAnother: () => ReadModelStore | Promise<ReadModelStore>;
  /** Closes every store opened here and removes the storage. */
  cleanup(): Promise<void>;
}

interface ReadModelStoreContractHarness {
  readonly name: string;
  open(): ContractReadModelStore | Promise<ContractReadModelStore>;
}

interface Task {
  id: string;
  agency: string;
  late: number;
  score: number | null;
}

const SCHEMA: ReadModelSchema = {
  name: 'contract_tasks',
  columns: [
    { name: 'agency', type: 'text', index: true },
    { name: 'late', type: 'integer', index: false },
    { name: 'score', type: 'real', index: false },
  ],
};

const FP_A = 'a'.repeat(64);
const FP_B = 'b'.repeat(64);

function write(task: Task): DocumentWrite {
  return {
    id: task.id,
    json: JSON.stringify(task),
    columns: { agency: task.agency, late: task.late, score: task.score },
  };
}

function task(i: number): Task {
  return {
    id: `t-${String(i).padStart(3, '0')}`,
    agency: ['SO-TNMT', 'SO-GTVT', 'UBND-HUYEN-A'][i % 3],
    late: i % 4 === 0 ? 1 : 0,
    score: i % 5 === 0 ? null : i / 2,
  };
}

export function describeReadModelStoreContract(harness: ReadModelStoreContractHarness): void {
  describe(`ReadModelStore contract: ${harness.name}`, () => {
    const opened: ContractReadModelStore[] = [];

    async function open(): Promise<ContractReadModelStore> {
      const subject = await harness.open();
      opened.push(subject);
      return subject;
    }

    /** A registered projection with `count` tasks written at checkpoint `count`. */
    async function seeded(count: number) {
      const subject = await open();
      await subject.store.register(SCHEMA, FP_A);
      await subject.store.transaction(
        SCHEMA.name,
        { kind: 'active', fingerprint: FP_A },
        async (tx) => {
          await tx.upsert(Array.from({ length: count }, (_, i) => write(task(i))));
          await tx.setCheckpoint(count);
        },
      );
      return subject;
    }

    afterEach(async () => {
      for (const subject of opened.splice(0)) await subject.cleanup();
    });

    describe('registry', () => {
      it('registers generation 1 at checkpoint 0, once', async () => {
        const { store, openAnother } = await open();
        const first = await store.register(SCHEMA, FP_A);
        expect(first).toEqual({
          name: SCHEMA.name,
          activeGeneration: 1,
          fingerprint: FP_A,
          status: 'active',
          pendingGeneration: null,
          pendingFingerprint: null,
        });
        // Registering again (other code, other process) returns what is stored, unchanged.
        const other = await openAnother();
        expect(await other.register(SCHEMA, FP_B)).toEqual(first);
        expect(await store.projections()).toEqual([first]);
        expect(await store.generation(SCHEMA.name, 1)).toMatchObject({
          generation: 1,
          fingerprint: FP_A,
          position: 0,
          columns: SCHEMA.columns,
        });
        expect(await store.documents(SCHEMA.name).count()).toBe(0);
      });

      it('rejects names that are not plain identifiers', async () => {
        const { store } = await open();
        await expect(
          store.register({ name: 'x; DROP TABLE y', columns: [] }, FP_A),
        ).rejects.toThrow(TypeError);
        const badColumn = { name: 'ok', type: 'text', index: false } as const;
        await expect(
          store.register({ name: 'ok', columns: [{ ...badColumn, name: 'doc' }] }, FP_A),
        ).rejects.toThrow(TypeError);
        await expect(store.projection('nothing')).resolves.toBeNull();
        await expect(store.documents('nothing').count()).rejects.toThrow(UnknownProjectionError);
      });
    });

    describe('batch transactions', () => {
      it('commits documents and checkpoint together, visible to another store', async () => {
        const { store, openAnother } = await seeded(10);
        const other = await openAnother();
        expect(await other.documents(SCHEMA.name).count()).toBe(10);
        expect(await other.documents(SCHEMA.name).position()).toBe(10);
        expect(await other.documents<Task>(SCHEMA.name).get('t-003')).toEqual(task(3));
        await store.transaction(SCHEMA.name, { kind: 'active', fingerprint: FP_A }, async (tx) => {
          await tx.delete(['t-003', 'missing']);
          await tx.upsert([write({ ...task(4), late: 7 })]);
          await tx.setCheckpoint(12);
        });
        expect(await other.documents(SCHEMA.name).get('t-003')).toBeNull();
        expect(await other.documents<Task>(SCHEMA.name).get('t-004')).toMatchObject({ late: 7 });
        expect(await other.documents(SCHEMA.name).position()).toBe(12);
      });

      it('loads the existing ones of many ids in one call', async () => {
        const { store } = await seeded(30);
        await store.transaction(SCHEMA.name, { kind: 'active', fingerprint: FP_A }, async (tx) => {
          const ids = [
            't-001',
            'nope',
            't-029',
            ...Array.from({ length: 2000 }, (_, i) => `x${i}`),
          ];
          const loaded = await tx.load(ids);
          expect([...loaded.keys()].sort()).toEqual(['t-001', 't-029']);
          expect(JSON.parse(loaded.get('t-029')!)).toEqual(task(29));
          expect(tx.generation).toMatchObject({ generation: 1, position: 30 });
        });
      });

      it('rolls everything back when the work throws', async () => {
        const { store } = await seeded(5);
        const failing = store.transaction(
          SCHEMA.name,
          { kind: 'active', fingerprint: FP_A },
          async (tx) => {
            await tx.upsert([write(task(100))]);
            await tx.delete(['t-000']);
            await tx.setCheckpoint(99);
            throw new Error('evolve failed');
          },
        );
        await expect(failing).rejects.toThrow('evolve failed');
        const documents = store.documents(SCHEMA.name);
        expect(await documents.count()).toBe(5);
        expect(await documents.get('t-000')).not.toBeNull();
        expect(await documents.position()).toBe(5);
      });

      it('never moves a checkpoint back', async () => {
        const { store } = await seeded(5);
        await expect(
          store.transaction(SCHEMA.name, { kind: 'active', fingerprint: FP_A }, (tx) =>
            tx.setCheckpoint(4),
          ),
        ).rejects.toThrow(RangeError);
      });

      it('shows readers only committed data while a transaction is open', async () => {
        const { store, openAnother } = await seeded(3);
        const other = await openAnother();
        let release!: () => void;
        let written!: () => void;
        const wasWritten = new Promise<void>((resolve) => (written = resolve));
        const open = store.transaction(
          SCHEMA.name,
          { kind: 'active', fingerprint: FP_A },
          async (tx) => {
            await tx.upsert([write(task(50))]);
            await tx.setCheckpoint(4);
            written();
            await new Promise<void>((resolve) => (release = resolve));
          },
        );
        await wasWritten;
        for (const reader of [store, other]) {
          expect(await reader.documents(SCHEMA.name).count()).toBe(3);
          expect(await reader.documents(SCHEMA.name).position()).toBe(3);
        }
        release();
        await open;
        expect(await other.documents(SCHEMA.name).count()).toBe(4);
      });

      it('serialises transactions: concurrent read-modify-writes do not lose updates', async () => {
        const { store, openAnother } = await seeded(0);
        const other = await openAnother();
        const increment = (subject: ReadModelStore) =>
          subject.transaction(
            SCHEMA.name,
            { kind: 'active', fingerprint: FP_A },
            async (tx: BatchTransaction) => {
              const current = await tx.load(['counter']);
              const late = current.has('counter')
                ? (JSON.parse(current.get('counter')!) as Task).late
                : 0;
              await tx.upsert([write({ id: 'counter', agency: 'X', late: late + 1, score: null })]);
              await tx.setCheckpoint(tx.generation.position + 1);
            },
          );
        await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? store : other)));
        expect(await store.documents<Task>(SCHEMA.name).get('counter')).toMatchObject({ late: 20 });
        expect(await store.documents(SCHEMA.name).position()).toBe(20);
      });

      it('refuses active writes from other code and writes to a dropped generation', async () => {
        const { store } = await seeded(1);
        await expect(
          store.transaction(SCHEMA.name, { kind: 'active', fingerprint: FP_B }, () =>
            Promise.resolve(1),
          ),
        ).rejects.toThrow(ProjectionSupersededError);
        await expect(
          store.transaction(SCHEMA.name, { kind: 'generation', generation: 7 }, () =>
            Promise.resolve(1),
          ),
        ).rejects.toThrow(GenerationGoneError);
        await expect(
          store.transaction('nothing', { kind: 'generation', generation: 1 }, () =>
            Promise.resolve(1),
          ),
        ).rejects.toThrow(UnknownProjectionError);
      });
    });

    describe('source checkpoints', () => {
      const active = { kind: 'active', fingerprint: FP_A } as const;
      const sources = (store: ReadModelStore, target: WriteTarget = active) =>
        store.transaction(SCHEMA.name, target, (tx) => tx.sourceCheckpoints());

      it('commit and roll back with the documents, visible to another store', async () => {
        const { store, openAnother } = await seeded(2);
        const other = await openAnother();
        expect(await sources(store)).toEqual(new Map());
        await store.transaction(SCHEMA.name, active, async (tx) => {
          await tx.upsert([write(task(10))]);
          await tx.setSourceCheckpoint('log:0', 7);
          await tx.setSourceCheckpoint('log:1', 4);
          // Read your own writes.
          expect(await tx.sourceCheckpoints()).toEqual(
            new Map([
              ['log:0', 7],
              ['log:1', 4],
            ]),
          );
          await tx.setSourceCheckpoint('log:0', 9);
          await tx.setCheckpoint(4);
        });
        const committed = new Map([
          ['log:0', 9],
          ['log:1', 4],
        ]);
        expect(await sources(other)).toEqual(committed);

        const failing = store.transaction(SCHEMA.name, active, async (tx) => {
          await tx.upsert([write(task(11))]);
          await tx.setSourceCheckpoint('log:0', 20);
          await tx.setSourceCheckpoint('log:2', 20);
          await tx.setCheckpoint(9);
          throw new Error('evolve failed');
        });
        await expect(failing).rejects.toThrow('evolve failed');
        expect(await sources(other)).toEqual(committed);
        expect(await other.documents(SCHEMA.name).get('t-011')).toBeNull();
        expect(await other.documents(SCHEMA.name).position()).toBe(4);

        // Never back: that source's events would be applied a second time.
        await expect(
          store.transaction(SCHEMA.name, active, (tx) => tx.setSourceCheckpoint('log:0', 8)),
        ).rejects.toThrow(RangeError);
        expect(await sources(store)).toEqual(committed);
      });

      it('serialise like the documents: concurrent increments are not lost', async () => {
        const { store, openAnother } = await seeded(0);
        const other = await openAnother();
        const increment = (subject: ReadModelStore, source: string) =>
          subject.transaction(SCHEMA.name, active, async (tx) => {
            const current = (await tx.sourceCheckpoints()).get(source) ?? 0;
            await tx.setSourceCheckpoint(source, current + 1);
          });
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => increment(i % 2 ? store : other, `log:${i % 3}`)),
        );
        expect(await sources(store)).toEqual(
          new Map([
            ['log:0', 7],
            ['log:1', 7],
            ['log:2', 6],
          ]),
        );
      });

      it('belong to one generation and go with it', async () => {
        const { store, openAnother } = await seeded(3);
        await store.transaction(SCHEMA.name, active, (tx) => tx.setSourceCheckpoint('log:0', 3));
        const pending = await store.beginGeneration(SCHEMA, FP_B);
        const second = { kind: 'generation', generation: pending.generation } as const;
        expect(await sources(store, second)).toEqual(new Map());
        await store.transaction(SCHEMA.name, second, async (tx) => {
          await tx.setSourceCheckpoint('log:1', 5);
          await tx.setCheckpoint(5);
        });
        expect(await sources(store)).toEqual(new Map([['log:0', 3]]));
        expect(await sources(store, second)).toEqual(new Map([['log:1', 5]]));

        expect(await store.activateGeneration(SCHEMA.name, pending.generation)).toMatchObject({
          swapped: true,
        });
        const other = await openAnother();
        expect(await sources(other, { kind: 'active', fingerprint: FP_B })).toEqual(
          new Map([['log:1', 5]]),
        );
        // A rebuild starts with no source read, whatever the generation it replaces had.
        const third = await store.beginGeneration(SCHEMA, FP_B);
        expect(await sources(store, { kind: 'generation', generation: third.generation })).toEqual(
          new Map(),
        );
      });
    });

    describe('generations', () => {
      it('builds a pending generation while queries read the active one, then swaps', async () => {
        const { store, openAnother } = await seeded(6);
        const other = await openAnother();
        const pending = await store.beginGeneration(SCHEMA, FP_B);
        expect(pending).toMatchObject({ generation: 2, position: 0, fingerprint: FP_B });
        expect(await store.projection(SCHEMA.name)).toMatchObject({
          activeGeneration: 1,
          fingerprint: FP_A,
          status: 'rebuilding',
          pendingGeneration: 2,
          pendingFingerprint: FP_B,
        });
        await store.transaction(SCHEMA.name, { kind: 'generation', generation: 2 }, async (tx) => {
          await tx.upsert([write(task(1)), write(task(2))]);
          await tx.setCheckpoint(5);
        });
        // Still generation 1 for readers; and generation 2 is behind it, so no swap yet.
        expect(await other.documents(SCHEMA.name).count()).toBe(6);
        expect(await store.activateGeneration(SCHEMA.name, 2)).toMatchObject({
          swapped: false,
          reason: 'behind',
        });
        await store.transaction(SCHEMA.name, { kind: 'generation', generation: 2 }, (tx) =>
          tx.setCheckpoint(6),
        );
        const activation = await store.activateGeneration(SCHEMA.name, 2);
        expect(activation).toMatchObject({ swapped: true });
        expect(activation.record).toEqual({
          name: SCHEMA.name,
          activeGeneration: 2,
          fingerprint: FP_B,
          status: 'active',
          pendingGeneration: null,
          pendingFingerprint: null,
        });
        expect(await other.documents(SCHEMA.name).generation()).toBe(2);
        expect(await other.documents(SCHEMA.name).count()).toBe(2);
        expect(await store.generation(SCHEMA.name, 1)).toBeNull();
        await expect(
          store.transaction(SCHEMA.name, { kind: 'generation', generation: 1 }, () =>
            Promise.resolve(1),
          ),
        ).rejects.toThrow(GenerationGoneError);
        expect(await store.activateGeneration(SCHEMA.name, 2)).toMatchObject({
          swapped: false,
          reason: 'not_pending',
        });
      });

      it('replaces a pending generation by a newer one, and abandons on request', async () => {
        const { store } = await seeded(2);
        await store.beginGeneration(SCHEMA, FP_B);
        const third = await store.beginGeneration(SCHEMA, FP_B);
        expect(third.generation).toBe(3);
        expect(await store.generation(SCHEMA.name, 2)).toBeNull();
        await store.abandonGeneration(SCHEMA.name, 3);
        expect(await store.projection(SCHEMA.name)).toMatchObject({
          activeGeneration: 1,
          status: 'active',
          pendingGeneration: null,
        });
        // Numbers are never reused, so nothing can confuse an old generation with a new one.
        expect((await store.beginGeneration(SCHEMA, FP_B)).generation).toBe(4);
      });

      it('keeps everything across a reopen', async () => {
        const { openAnother } = await seeded(4);
        const reopened = await openAnother();
        expect(await reopened.projection(SCHEMA.name)).toMatchObject({ activeGeneration: 1 });
        expect(await reopened.documents(SCHEMA.name).count()).toBe(4);
      });
    });

    describe('queries', () => {
      it('filters on declared columns, orders, limits, counts', async () => {
        const { store } = await seeded(40);
        const documents = store.documents<Task>(SCHEMA.name);
        const all = Array.from({ length: 40 }, (_, i) => task(i));

        const late = await documents.find({
          where: { agency: 'SO-TNMT', late: 1 },
          orderBy: [{ column: 'id', direction: 'desc' }],
        });
        const expected = all.filter((t) => t.agency === 'SO-TNMT' && t.late === 1).reverse();
        expect(late.map((d) => d.doc)).toEqual(expected);
        expect(late[0].json).toBe(JSON.stringify(expected[0]));

        const top = await documents.find({
          where: { score: { gte: 5, lt: 15 } },
          orderBy: [{ column: 'score', direction: 'desc' }],
          limit: 3,
          offset: 1,
        });
        const scored = all
          .filter((t) => t.score !== null && t.score >= 5 && t.score < 15)
          .sort((a, b) => b.score! - a.score!);
        expect(top.map((d) => d.id)).toEqual(scored.slice(1, 4).map((t) => t.id));

        expect(await documents.count({ score: null })).toBe(
          all.filter((t) => t.score === null).length,
        );
        expect(await documents.count({ agency: { in: ['SO-GTVT', 'UBND-HUYEN-A'] } })).toBe(
          all.filter((t) => t.agency !== 'SO-TNMT').length,
        );
        expect(await documents.count({ agency: { like: 'UBND-%' }, late: { ne: 1 } })).toBe(
          all.filter((t) => t.agency.startsWith('UBND-') && t.late !== 1).length,
        );
        expect(await documents.count({ agency: { in: [] } })).toBe(0);
      });

      it('refuses unknown columns and operators instead of building SQL from them', async () => {
        const { store } = await seeded(1);
        const documents = store.documents(SCHEMA.name);
        await expect(documents.find({ where: { 'agency = 1 OR 1': 1 } })).rejects.toThrow(
          TypeError,
        );
        await expect(documents.find({ orderBy: [{ column: 'doc' }] })).rejects.toThrow(TypeError);
        await expect(documents.find({ where: { late: { between: 1 } as never } })).rejects.toThrow(
          TypeError,
        );
        // Values are parameters: a quote in a value is just a character.
        expect(await documents.count({ agency: "x' OR '1'='1" })).toBe(0);
      });

      it('streams every matching document in id order, page by page', async () => {
        const { store } = await seeded(103);
        const seen: string[] = [];
        for await (const document of store.documents<Task>(SCHEMA.name).stream({
          where: { late: 0 },
          pageSize: 7,
        })) {
          seen.push(document.id);
        }
        const expected = Array.from({ length: 103 }, (_, i) => task(i))
          .filter((t) => t.late === 0)
          .map((t) => t.id);
        expect(seen).toEqual(expected);
      });

      it('streams in (key column, id) order from that column, page by page, when asked', async () => {
        const { store } = await seeded(103);
        const documents = store.documents<Task>(SCHEMA.name);
        const seen: string[] = [];
        for await (const document of documents.stream({
          where: { agency: { gte: 'SO-GTVT', lte: 'UBND-HUYEN-A' } },
          keyColumn: 'agency',
          pageSize: 7,
        })) {
          seen.push(document.id);
        }
        // Ties on the key (34 or 35 tasks per agency) continue across pages by id.
        const expected = Array.from({ length: 103 }, (_, i) => task(i))
          .sort((a, b) =>
            a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : a.id < b.id ? -1 : 1,
          )
          .map((t) => t.id);
        expect(seen).toEqual(expected);
        await expect(
          (async () => {
            for await (const _ of documents.stream({ keyColumn: 'doc' })) void _;
          })(),
        ).rejects.toThrow(TypeError);
      });
    });
  });
}
