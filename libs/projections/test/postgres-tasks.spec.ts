import { readDomainEvents } from '@chidao/event-store';
import { addDays, type CalendarDate, type TaskTimeline } from '@chidao/domain';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import {
  appendTaskStories,
  statsAtCutOffs,
  taskListPages,
  type StatsCutOff,
  type TaskStory,
} from '@chidao/projections/testing';
import type { ProjectionDeps } from '../src/catch-up';
import { PostgresReadModelStore } from '../src/postgres/postgres-read-model-store';
import { ProjectionRunner } from '../src/projection-runner';
import { overdueTasks, taskTimelineProjection, type TaskListFilter } from '../src/read-models';
import type { ReadModelStore } from '../src/read-model-store.port';
import { rebuildProjection } from '../src/rebuild-projection';
import { TempFiles } from './support';

const TASKS = 1500;
const BASE = '2024-01-01' as CalendarDate;
const day = (offset: number): string => addDays(BASE, offset);
const AGENCIES = ['SO-TTTT', 'SO-TC', 'SO-XD', 'SO_XD', 'UBND-HH'];
const TITLES = ['Kế hoạch ứng dụng IPv6', 'Đề án chuyển đổi số', 'Báo cáo tình hình 100%'];

/** Deterministic stories: on time, late, extended, without deadline, reported but unconfirmed. */
function stories(count: number): TaskStory[] {
  let seed = 20240527;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const assigned = next(300);
    const deadline = next(10) === 0 ? null : assigned + 10 + next(110);
    const extended = deadline !== null && next(5) === 0;
    const done = next(10) < 6;
    const completed = assigned + 6 + next(150);
    const directive = next(3);
    return {
      id: `pg${String(i).padStart(5, '0')}`,
      leadAgency: AGENCIES[next(AGENCIES.length)],
      assignedOn: day(assigned),
      deadline: deadline === null ? null : day(deadline),
      directiveId: `dir-${directive}`,
      directiveReference: `${directive + 20}/KH-UBND`,
      title: `${TITLES[next(TITLES.length)]} số ${i}`,
      extension: extended
        ? {
            requestedOn: day(assigned + 2),
            approvedOn: day(assigned + 4),
            newDeadline: day(deadline + 30),
          }
        : undefined,
      completion: done
        ? {
            completedOn: day(completed),
            reportedOn: day(completed + next(3)),
            confirmedOn: next(5) === 0 ? undefined : day(completed + 3 + next(4)),
          }
        : undefined,
    };
  });
}

const CUT_OFFS: StatsCutOff[] = [
  { asOf: 45 },
  { asOf: 120, groupBy: 'agency' },
  { asOf: 200, groupBy: 'directive' },
  { asOf: 260, groupBy: 'month', leadAgencies: ['SO_XD'] },
  { asOf: 365, groupBy: 'agency', leadAgencies: ['SO-TTTT', 'SO-TC'] },
  { asOf: 600 },
];

const FILTERS: TaskListFilter[] = [
  { text: 'ke hoach ipv6' },
  { text: 'DE AN', agencies: ['SO-XD'] },
  { text: '100%' },
  { agencies: ['SO_XD'], role: 'lead' },
];

async function answers(store: ReadModelStore): Promise<string[]> {
  const tasks = store.documents<TaskTimeline>('tasks');
  const out = await statsAtCutOffs(store, CUT_OFFS);
  for (const filter of FILTERS) out.push(...(await taskListPages(tasks, filter, 50)));
  out.push(JSON.stringify(await overdueTasks(tasks, { asOf: day(200), limit: 40 })));
  return out;
}

async function runToHead(deps: ProjectionDeps, head: number): Promise<void> {
  const runner = new ProjectionRunner(taskTimelineProjection, deps, { batchSize: 500 }).start();
  await runner.waitFor(head);
  await runner.stop();
}

describeWithPostgres('tasks read model in PostgreSQL', (url) => {
  const files = new TempFiles();
  const schema = uniqueSchema('rmtasks');
  afterAll(async () => {
    await files.cleanup();
    await dropSchema(url, schema);
  });

  it('gives the same statistics, lists and searches as SQLite, live and after a rebuild', async () => {
    const embedded = await files.open();
    const { eventStore } = embedded;
    await appendTaskStories(eventStore, stories(TASKS), {
      receivedAt: '2031-01-01T00:00:00.000Z',
    });
    const head = await eventStore.headPosition();
    const postgres = await PostgresReadModelStore.open({ url, schema });
    files.onCleanup(() => postgres.close());

    const events = readDomainEvents(eventStore);
    await runToHead({ eventStore: events, readStore: embedded.readStore }, head);
    await runToHead({ eventStore: events, readStore: postgres }, head);
    const expected = await answers(embedded.readStore);
    expect(await postgres.documents('tasks').count()).toBe(TASKS);
    expect(await answers(postgres)).toEqual(expected);

    // The figures are not trivial: every class occurs, searches find something.
    const year = JSON.parse(expected[CUT_OFFS.length - 1]).scope;
    expect(year.total).toBe(TASKS);
    expect(year.done).toMatchObject({ onTime: expect.any(Number), late: expect.any(Number) });
    expect(Math.min(year.done.onTime, year.done.late, year.notDone.overdue)).toBeGreaterThan(0);
    expect(JSON.parse(expected[CUT_OFFS.length]).items.length).toBeGreaterThan(0);

    const rebuilt = await rebuildProjection(
      taskTimelineProjection,
      { eventStore: events, readStore: postgres },
      { batchSize: 700 },
    );
    expect(rebuilt).toMatchObject({ generation: 2, position: head });
    expect(await postgres.documents('tasks').generation()).toBe(2);
    expect(await answers(postgres)).toEqual(expected);
  });
});
