/**
 * Side by side, in one run: the same append + read-aggregate workload on Chidao's event stores
 * and on Emmett's (SQLite, PostgreSQL), reported as a ratio; and the physical floor — the same
 * rows written by raw better-sqlite3, raw pg INSERT and COPY — with Chidao's bulk append rate as
 * a fraction of it. Every run starts from an empty store.
 */
import * as path from 'node:path';
import { openEventStore, type StreamWrite } from '@chidao/event-store';
import { dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { emmettPostgresStore } from '../../peers/postgresql/emmett-postgresql-store';
import { copyRows, insertRows, type FloorRow } from '../../peers/postgresql/pg-floor';
import { emmettSqliteStore } from '../../peers/sqlite/emmett-sqlite-store';
import { say, type BenchContext } from '../context';
import { DEFAULT_SHAPE, generateTasks, type GeneratedTask } from '../history/task-histories';
import { figure, perSecond, repeat, type Figure } from '../measure';
import { chidaoPeerStore } from '../peers/chidao-peer-store';
import type { PeerStore } from '../peers/peer-store';
import { insertRowsSqlite } from '../peers/sqlite-floor';

/** Events appended one by one per run (each its own transaction, as commands are). */
const PEER_EVENTS = 2000;
/** Rows per floor run, and rows per transaction of the floor and of Chidao's bulk append. */
const FLOOR_ROWS = 20_000;
const FLOOR_BATCH = 1000;

function firstTasks(ctx: BenchContext, events: number): GeneratedTask[] {
  return [...generateTasks(Math.min(events, ctx.size), { ...DEFAULT_SHAPE, seed: ctx.seed })];
}

/** Read-aggregate: what a command handler folds before deciding, here the count and last type. */
const aggregate = (events: readonly { type: string }[]) => ({
  events: events.length,
  last: events[events.length - 1]?.type,
});

interface PairRun {
  readonly appendsPerSecond: number;
  readonly aggregatesPerSecond: number;
}

async function appendAndAggregate(
  store: PeerStore,
  tasks: readonly GeneratedTask[],
): Promise<PairRun> {
  try {
    let appended = 0;
    const started = performance.now();
    for (const task of tasks) {
      for (const [version, event] of task.events.entries()) {
        await store.append(task.streamId, event, version);
        appended += 1;
      }
    }
    const appendMs = performance.now() - started;
    const reading = performance.now();
    for (const task of tasks) {
      const state = aggregate(await store.read(task.streamId));
      if (state.events !== task.events.length) {
        throw new Error(
          `${store.name} gave ${state.events} events of ${task.streamId}, not ${task.events.length}`,
        );
      }
    }
    return {
      appendsPerSecond: perSecond(appended, appendMs),
      aggregatesPerSecond: perSecond(tasks.length, performance.now() - reading),
    };
  } finally {
    await store.close();
  }
}

type StoreFactory = (run: number) => PeerStore | Promise<PeerStore>;

async function sideBySide(
  engine: string,
  chidao: StoreFactory,
  emmett: StoreFactory,
  tasks: readonly GeneratedTask[],
  ctx: BenchContext,
): Promise<Figure[]> {
  const pairs = await repeat(ctx, async (run) => {
    // Alternate which goes first, so neither always meets a warmer disk cache.
    const first = run % 2 === 0;
    const a = first ? await appendAndAggregate(await chidao(run), tasks) : null;
    const b = await appendAndAggregate(await emmett(run), tasks);
    const c = a ?? (await appendAndAggregate(await chidao(run), tasks));
    if (run >= 0) {
      say(
        `${engine} run ${run + 1}: Chidao ${Math.round(c.appendsPerSecond)} vs Emmett ${Math.round(b.appendsPerSecond)} appends/s`,
      );
    }
    return { chidao: c, emmett: b };
  });
  const events = tasks.reduce((sum, t) => sum + t.events.length, 0);
  const note = `${events} events of ${tasks.length} task streams, one append per event with its expected version, then every stream read back`;
  const spec = (id: string, label: string, unit: string) => ({
    id: `peers.${engine}.${id}`,
    label: `${label} (${engine})`,
    unit,
    better: 'higher' as const,
    note,
  });
  return [
    figure(
      spec('chidao.append', 'Chidao: single-event appends', 'appends/s'),
      pairs.map((p) => p.chidao.appendsPerSecond),
    ),
    figure(
      spec('emmett.append', 'Emmett: single-event appends', 'appends/s'),
      pairs.map((p) => p.emmett.appendsPerSecond),
    ),
    figure(
      spec('ratio.append', 'Chidao ÷ Emmett, appends', '×'),
      pairs.map((p) => p.chidao.appendsPerSecond / p.emmett.appendsPerSecond),
    ),
    figure(
      spec('chidao.aggregate', 'Chidao: streams read and folded', 'streams/s'),
      pairs.map((p) => p.chidao.aggregatesPerSecond),
    ),
    figure(
      spec('emmett.aggregate', 'Emmett: streams read and folded', 'streams/s'),
      pairs.map((p) => p.emmett.aggregatesPerSecond),
    ),
    figure(
      spec('ratio.aggregate', 'Chidao ÷ Emmett, read-aggregate', '×'),
      pairs.map((p) => p.chidao.aggregatesPerSecond / p.emmett.aggregatesPerSecond),
    ),
  ];
}

// ── the floor ────────────────────────────────────────────────────────────────────────────

const rowsOf = (tasks: readonly GeneratedTask[]): FloorRow[] =>
  tasks.flatMap((task) =>
    task.events.map((event, version) => ({
      streamId: task.streamId,
      version: version + 1,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      occurredOn: event.occurredOn,
    })),
  );

/** The tasks as appendMany batches of about FLOOR_BATCH events (whole streams). */
function bulkBatches(tasks: readonly GeneratedTask[]): StreamWrite[][] {
  const batches: StreamWrite[][] = [];
  let batch: StreamWrite[] = [];
  let events = 0;
  for (const task of tasks) {
    batch.push({
      streamId: task.streamId,
      expectedVersion: 'no_stream',
      events: task.events,
    });
    events += task.events.length;
    if (events >= FLOOR_BATCH) {
      batches.push(batch);
      batch = [];
      events = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

async function chidaoBulkMs(
  config: Parameters<typeof openEventStore>[0],
  batches: StreamWrite[][],
) {
  const store = await openEventStore(config);
  try {
    const started = performance.now();
    for (const batch of batches) await store.appendMany(batch);
    return performance.now() - started;
  } finally {
    await store.close();
  }
}

async function floor(ctx: BenchContext): Promise<Figure[]> {
  const tasks = firstTasks(ctx, FLOOR_ROWS);
  const rows = rowsOf(tasks);
  const batches = bulkBatches(tasks);
  const note = `${rows.length} events; raw: ${FLOOR_BATCH} rows per transaction into a bare table; Chidao: appendMany of whole task streams, about ${FLOOR_BATCH} events per transaction`;
  const spec = (id: string, label: string, unit = 'events/s') => ({
    id: `floor.${id}`,
    label,
    unit,
    better: 'higher' as const,
    note,
  });
  const figures: Figure[] = [];

  const sqlite = await repeat(ctx, async (run) => {
    const raw = insertRowsSqlite(path.join(ctx.workDir, `floor-${run}.sqlite`), rows, FLOOR_BATCH);
    const chidao = await chidaoBulkMs(
      { kind: 'sqlite', path: path.join(ctx.workDir, `bulk-${run}.sqlite`) },
      batches,
    );
    return { raw: perSecond(rows.length, raw), chidao: perSecond(rows.length, chidao) };
  });
  figures.push(
    figure(
      spec('sqlite.raw', 'Floor: raw better-sqlite3 inserts (sqlite)'),
      sqlite.map((r) => r.raw),
    ),
    figure(
      spec('sqlite.chidao', 'Chidao bulk append (sqlite)'),
      sqlite.map((r) => r.chidao),
    ),
    figure(
      spec('sqlite.fraction', 'Chidao bulk append ÷ floor (sqlite)', '×'),
      sqlite.map((r) => r.chidao / r.raw),
    ),
  );
  say(
    `sqlite floor ${Math.round(figures[0].median)} events/s, Chidao ${Math.round(figures[1].median)}`,
  );

  const url = ctx.postgresUrl;
  if (url) {
    const pg = await repeat(ctx, async () => {
      const insert = await insertRows(url, uniqueSchema('bench_floor'), rows, FLOOR_BATCH);
      const copy = await copyRows(url, uniqueSchema('bench_copy'), rows, FLOOR_BATCH);
      const schema = uniqueSchema('bench_bulk');
      try {
        const chidao = await chidaoBulkMs({ kind: 'postgres', url, schema }, batches);
        return {
          insert: perSecond(rows.length, insert),
          copy: perSecond(rows.length, copy),
          chidao: perSecond(rows.length, chidao),
        };
      } finally {
        await dropSchema(url, schema);
      }
    });
    figures.push(
      figure(
        spec('postgres.insert', 'Floor: raw pg multi-row INSERT (postgres)'),
        pg.map((r) => r.insert),
      ),
      figure(
        spec('postgres.copy', 'Floor: raw pg COPY (postgres)'),
        pg.map((r) => r.copy),
      ),
      figure(
        spec('postgres.chidao', 'Chidao bulk append (postgres)'),
        pg.map((r) => r.chidao),
      ),
      figure(
        spec('postgres.fraction-insert', 'Chidao bulk append ÷ INSERT floor (postgres)', '×'),
        pg.map((r) => r.chidao / r.insert),
      ),
      figure(
        spec('postgres.fraction-copy', 'Chidao bulk append ÷ COPY floor (postgres)', '×'),
        pg.map((r) => r.chidao / r.copy),
      ),
    );
  }
  return figures;
}

export async function peersWorkload(ctx: BenchContext): Promise<Figure[]> {
  const tasks = firstTasks(ctx, PEER_EVENTS);
  const figures = await sideBySide(
    'sqlite',
    async (run) => {
      const store = await openEventStore({
        kind: 'sqlite',
        path: path.join(ctx.workDir, `chidao-${run}.sqlite`),
      });
      return chidaoPeerStore('Chidao SQLite', store, () => store.close());
    },
    (run) => emmettSqliteStore(path.join(ctx.workDir, `emmett-${run}.sqlite`)),
    tasks,
    ctx,
  );
  const url = ctx.postgresUrl;
  if (url) {
    figures.push(
      ...(await sideBySide(
        'postgres',
        async () => {
          const schema = uniqueSchema('bench_chidao');
          const store = await openEventStore({ kind: 'postgres', url, schema });
          return chidaoPeerStore('Chidao PostgreSQL', store, async () => {
            await store.close();
            await dropSchema(url, schema);
          });
        },
        async () => {
          const schema = uniqueSchema('bench_emmett');
          await createSchema(url, schema);
          const store = emmettPostgresStore(url, schema);
          return {
            ...store,
            close: async () => {
              await store.close();
              await dropSchema(url, schema);
            },
          };
        },
        tasks,
        ctx,
      )),
    );
  }
  figures.push(...(await floor(ctx)));
  return figures;
}

async function createSchema(url: string, schema: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
}
