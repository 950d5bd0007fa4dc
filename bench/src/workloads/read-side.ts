/**
 * The read side on the generated history: rebuilding every projection from position 0 to the
 * head; the queries leadership runs on the result (completion statistics for the year by agency,
 * the dashboard, paging through the task list); and a report snapshot for the year, taken and
 * then verified by replaying the log into a scratch read model.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { TaskTimeline } from '@chidao/domain';
import {
  ALL_PROJECTIONS,
  completionStats,
  dashboardFigures,
  findTasks,
  openReadModelStore,
  rebuildProjection,
  type ReadModelStore,
  type ReadModelStoreConfig,
} from '@chidao/projections';
import {
  parsePeriodId,
  SqliteSnapshotStore,
  takeSnapshot,
  verifySnapshot,
} from '@chidao/reporting';
import { readDomainEvents } from '@chidao/event-store';
import { dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { isDomainError } from '@chidao/domain';
import { say, type BenchContext } from '../context';
import { DEFAULT_SHAPE } from '../history/task-histories';
import { figure, percentile, perSecond, repeat, type Figure } from '../measure';
import { loadHistory, openBenchStore, type StoreKind } from '../stores';

/** Calls per run whose latencies give p50 and p99. */
const QUERY_CALLS = 20;
const PAGE_SIZE = 50;
const PAGES = 40;

export async function readSideWorkload(kind: StoreKind, ctx: BenchContext): Promise<Figure[]> {
  const store = await openBenchStore(kind, ctx);
  let readStore: ReadModelStore | null = null;
  let readSchema: string | null = null;
  try {
    say(`${kind}: loading ${ctx.size} events`);
    const loaded = await loadHistory(store.eventStore, ctx);
    const head = await store.eventStore.headPosition();
    const config: ReadModelStoreConfig =
      kind === 'sqlite'
        ? { kind, path: path.join(ctx.workDir, 'read-models.sqlite') }
        : { kind, url: ctx.postgresUrl!, schema: (readSchema = uniqueSchema('bench_read')) };
    readStore = await openReadModelStore(config);
    const deps = { eventStore: readDomainEvents(store.eventStore), readStore };
    const note = `${loaded.events} events, ${ALL_PROJECTIONS.length} projections (${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`;

    const rebuild = await repeat(ctx, async (run) => {
      const started = performance.now();
      for (const projection of ALL_PROJECTIONS) await rebuildProjection(projection, deps);
      const rate = perSecond(head, performance.now() - started);
      if (run >= 0) say(`${kind} rebuild run ${run + 1}: ${Math.round(rate)} events/s`);
      return rate;
    });
    const tasks = readStore.documents<TaskTimeline>('tasks');
    const taskCount = await tasks.count();
    const figures: Figure[] = [
      figure(
        {
          id: `rebuild.${kind}`,
          label: `Rebuild of every projection from position 0 to the head (${kind})`,
          unit: 'events/s',
          better: 'higher',
          note,
        },
        rebuild,
      ),
    ];

    figures.push(
      ...(await yearQueries(
        ctx,
        { id: kind, label: kind },
        tasks,
        `${taskCount} tasks in the read model`,
        taskCount,
      )),
    );
    figures.push(...(await paging(ctx, kind, tasks, taskCount)));
    if (kind === 'sqlite') figures.push(...(await report(ctx, store.eventStore, tasks, head)));
    return figures;
  } finally {
    await readStore?.close();
    if (readSchema) await dropSchema(ctx.postgresUrl!, readSchema);
    await store.close();
  }
}

/** Above this many tasks a statistics call takes a second or more: fewer calls per run. */
const MANY_TASKS = 50_000;

/** The generated year's completion statistics by agency and dashboard: p50 and p99 of each. */
export async function yearQueries(
  ctx: BenchContext,
  scope: { readonly id: string; readonly label: string },
  tasks: Parameters<typeof completionStats>[0],
  about: string,
  taskCount: number,
): Promise<Figure[]> {
  const year = DEFAULT_SHAPE.year;
  // A call over a million tasks takes seconds: one per run there, and the median over runs.
  const calls = taskCount > 10 * MANY_TASKS ? 1 : taskCount > MANY_TASKS ? 5 : QUERY_CALLS;
  const note = `${about}, ${calls} calls per run`;
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  return [
    ...(await latencies(
      ctx,
      `stats.${scope.id}`,
      `Completion statistics for ${year} by agency (${scope.label})`,
      note,
      () => completionStats(tasks, { from, to, asOf: to, groupBy: 'agency' }),
      calls,
    )),
    ...(await latencies(
      ctx,
      `dashboard.${scope.id}`,
      `Dashboard figures for ${year} (${scope.label})`,
      note,
      () => dashboardFigures(tasks, { today: to, from, to, overdueScope: {}, overdueLimit: 20 }),
      calls,
    )),
  ];
}

/** p50 and p99 of `calls` calls per run, each the median over the runs. */
async function latencies(
  ctx: BenchContext,
  id: string,
  label: string,
  note: string,
  call: () => Promise<unknown>,
  calls = QUERY_CALLS,
): Promise<Figure[]> {
  const runs = await repeat(ctx, async () => {
    const ms: number[] = [];
    for (let i = 0; i < calls; i += 1) {
      const started = performance.now();
      await call();
      ms.push(performance.now() - started);
    }
    return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
  });
  say(`${label}: p50 ${runs.map((r) => Math.round(r.p50)).join(', ')} ms`);
  return [
    figure(
      { id: `${id}.p50`, label: `${label}, p50`, unit: 'ms', better: 'lower', note },
      runs.map((r) => r.p50),
    ),
    figure(
      { id: `${id}.p99`, label: `${label}, p99`, unit: 'ms', better: 'lower', note },
      runs.map((r) => r.p99),
    ),
  ];
}

/** Newest first, PAGE_SIZE per page, following nextCursor: the latency of each page. */
export async function paging(
  ctx: BenchContext,
  kind: StoreKind,
  tasks: Parameters<typeof findTasks>[0],
  taskCount: number,
): Promise<Figure[]> {
  const runs = await repeat(ctx, async () => {
    const ms: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < PAGES; page += 1) {
      const started = performance.now();
      const result = await findTasks(tasks, {}, { limit: PAGE_SIZE, cursor });
      ms.push(performance.now() - started);
      cursor = result.nextCursor;
      if (cursor === null) break;
    }
    return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
  });
  const note = `${PAGES} pages of ${PAGE_SIZE} of ${taskCount} tasks per run`;
  const label = `Task list, one page of ${PAGE_SIZE} (${kind})`;
  return [
    figure(
      { id: `paging.${kind}.p50`, label: `${label}, p50`, unit: 'ms', better: 'lower', note },
      runs.map((r) => r.p50),
    ),
    figure(
      { id: `paging.${kind}.p99`, label: `${label}, p99`, unit: 'ms', better: 'lower', note },
      runs.map((r) => r.p99),
    ),
  ];
}

/** A snapshot of the generated year, then its verification (replay into a scratch read model). */
async function report(
  ctx: BenchContext,
  eventStore: Parameters<typeof takeSnapshot>[0]['eventStore'],
  tasks: Parameters<typeof takeSnapshot>[0]['tasks'],
  head: number,
): Promise<Figure[]> {
  const period = parsePeriodId(String(DEFAULT_SHAPE.year), { convention: 'calendar' });
  if (isDomainError(period)) throw new Error(period.message);
  const snapshots = SqliteSnapshotStore.open({ path: path.join(ctx.workDir, 'reports.sqlite') });
  try {
    const runs = await repeat(ctx, async () => {
      const started = performance.now();
      const snapshot = await takeSnapshot(
        { tasks, snapshots, eventStore },
        {
          id: randomUUID(),
          period,
          scope: {
            agency: null,
            includeUnits: true,
            directive: null,
            agencyName: null,
            directiveReference: null,
          },
          takenBy: { userId: 'bench', displayName: null },
          trigger: 'manual',
          now: new Date(),
        },
      );
      const taken = performance.now() - started;
      const verifying = performance.now();
      const verification = await verifySnapshot(
        snapshot,
        { eventStore },
        { scratchDir: path.join(ctx.workDir, 'scratch') },
      );
      if (!verification.identical) throw new Error('the snapshot did not verify');
      return { taken, verified: performance.now() - verifying };
    });
    const note = `the year ${DEFAULT_SHAPE.year}, every agency, on a log of ${head} events; verify replays all of it`;
    return [
      figure(
        {
          id: 'report.snapshot',
          label: `Report snapshot for ${DEFAULT_SHAPE.year} (sqlite)`,
          unit: 'ms',
          better: 'lower',
          note,
        },
        runs.map((r) => r.taken),
      ),
      figure(
        {
          id: 'report.verify',
          label: `Verify that snapshot against the log (sqlite)`,
          unit: 'ms',
          better: 'lower',
          note,
        },
        runs.map((r) => r.verified),
      ),
    ];
  } finally {
    await snapshots.close();
  }
}
