import fc from 'fast-check';
import {
  foldTask,
  isTaskAssigned,
  TASK_CLASSES,
  type AssignedTaskState,
  type StatsGroupBy,
  type TaskEvent,
} from '@chidao/domain';
import { ProjectionRunner } from '../../src/projection-runner';
import {
  completionStats,
  DASHBOARD_BEGINNING,
  dashboardFigures,
  findTasks,
  overdueTasks,
  taskTimelineProjection,
  type TaskListItem,
  type TaskRole,
} from '../../src/read-models';
import { TempFiles } from '../support';
import {
  bruteStats,
  bySortKeyDesc,
  classifyBrute,
  readTasks,
  resultNumbers,
  type BruteTask,
} from './brute-force';
import {
  AGENCIES,
  appendHistories,
  day,
  DIRECTIVES,
  historyOf,
  STEP_KINDS,
  STEP_WEIGHTS,
  type TaskSpec,
} from './task-histories';

const files = new TempFiles();
afterAll(() => files.cleanup());

const stepArb = fc.record({
  kind: fc.oneof(
    ...STEP_KINDS.map((kind) => ({ arbitrary: fc.constant(kind), weight: STEP_WEIGHTS[kind] })),
  ),
  gap: fc.integer({ min: 0, max: 15 }),
  pick: fc.nat({ max: 999 }),
});

const specArb = (id: string): fc.Arbitrary<TaskSpec> =>
  fc.record({
    id: fc.constant(id),
    directive: fc.nat({ max: DIRECTIVES.length - 1 }),
    title: fc.nat({ max: 2 }),
    lead: fc.nat({ max: AGENCIES.length - 1 }),
    supporters: fc.array(fc.nat({ max: AGENCIES.length - 1 }), { maxLength: 2 }),
    startDay: fc.integer({ min: 0, max: 200 }),
    deadlineDays: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 5 }),
    keyTask: fc.boolean(),
    leader: fc.option(fc.nat({ max: 1 }), { freq: 5 }),
    steps: fc.array(stepArb, { maxLength: 14 }).map((steps) =>
      // Most tasks are received first; a bare random sequence rarely gets far.
      steps.length > 0 && steps[0].pick % 4 !== 0
        ? [{ kind: 'receive' as const, gap: 0, pick: 0 }, ...steps]
        : steps,
    ),
  });

const logArb = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => specArb(`t${String(i).padStart(3, '0')}`))),
  );

const agencySetArb = fc.option(fc.subarray([...AGENCIES], { minLength: 1, maxLength: 3 }), {
  freq: 2,
});

const queryArb = fc.record({
  asOf: fc.integer({ min: -5, max: 480 }),
  from: fc.integer({ min: -5, max: 150 }),
  span: fc.integer({ min: 0, max: 400 }),
  leadAgencies: agencySetArb,
  directive: fc.option(fc.nat({ max: DIRECTIVES.length - 1 }), { freq: 3 }),
  groupBy: fc.option(fc.constantFrom<StatsGroupBy>('agency', 'directive', 'leader', 'month'), {
    freq: 4,
  }),
  classes: fc.subarray([...TASK_CLASSES], { minLength: 1 }),
  agencies: agencySetArb,
  role: fc.constantFrom<TaskRole>('lead', 'support', 'any'),
  limit: fc.integer({ min: 1, max: 7 }),
});

let run = 0;

describe('tasks read model against a brute force over the log', () => {
  it('completionStats, findTasks with classAt, overdueTasks and dashboardFigures agree at random cut-offs', async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        fc.array(queryArb, { minLength: 3, maxLength: 6 }),
        fc.nat(),
        async (specs, queries, splitSeed) => {
          run += 1;
          const stores = await files.open(files.file(`property-${run}.db`));
          const histories = specs.map(historyOf);
          const head = await appendHistories(stores.eventStore, histories, {
            split: (h) => (splitSeed + h.events.length * 7 + h.id.length) % (h.events.length + 1),
            perAppend: 9,
          });
          const runner = new ProjectionRunner(taskTimelineProjection, stores.domain, {
            batchSize: 1 + (splitSeed % 23),
          }).start();
          await runner.waitFor(head);
          await runner.stop();
          const tasks = stores.readStore.documents<never>('tasks') as Parameters<
            typeof completionStats
          >[0];
          const log = await readTasks(stores.eventStore);
          expect(await tasks.count()).toBe(histories.length);

          for (const q of queries) {
            const asOf = day(q.asOf);
            const from = day(q.from);
            const to = day(q.from + q.span);
            const statsQuery = {
              from,
              to,
              asOf,
              leadAgencies: q.leadAgencies ?? undefined,
              directiveId: q.directive === null ? undefined : DIRECTIVES[q.directive].id,
              groupBy: q.groupBy ?? undefined,
            };
            const stats = await completionStats(tasks, statsQuery);
            expect(resultNumbers(stats)).toEqual(bruteStats(log, statsQuery));

            await checkFindTasks(tasks, log, q, asOf);
            await checkOverdue(tasks, log, q, asOf);
            await checkDashboard(tasks, { today: asOf, from, to }, q);
          }
        },
      ),
      { numRuns: 25, seed: 20240527, endOnFailure: true },
    );
  });
});

type Tasks = Parameters<typeof findTasks>[0];
type Query = {
  classes: (typeof TASK_CLASSES)[number][];
  agencies: string[] | null;
  role: TaskRole;
  leadAgencies: string[] | null;
  limit: number;
};

function currentState(task: BruteTask): AssignedTaskState {
  const state = foldTask(task.events as unknown as TaskEvent[]);
  if (!isTaskAssigned(state)) throw new Error(`task ${task.id} never assigned`);
  return state;
}

async function checkFindTasks(tasks: Tasks, log: BruteTask[], q: Query, asOf: string) {
  const expected = log
    .map((task) => ({ task, c: classifyBrute(task, asOf), now: currentState(task) }))
    .filter(({ c, now }) => {
      if (c === null || !q.classes.includes(c.class)) return false;
      if (q.leadAgencies && !q.leadAgencies.includes(now.leadAgency)) return false;
      if (q.agencies) {
        const lead = q.agencies.includes(now.leadAgency);
        const support = now.supportAgencies.some((a) => q.agencies!.includes(a));
        if (q.role === 'lead' ? !lead : q.role === 'support' ? !support : !(lead || support)) {
          return false;
        }
      }
      return true;
    })
    .map(({ c }) => c!)
    .sort(bySortKeyDesc);

  const seen: TaskListItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await findTasks(
      tasks,
      {
        classAt: { date: asOf, classes: q.classes },
        agencies: q.agencies ?? undefined,
        role: q.role,
        leadAgencies: q.leadAgencies ?? undefined,
      },
      { limit: q.limit, cursor },
    );
    expect(page.items.length).toBeLessThanOrEqual(q.limit);
    if (page.nextCursor !== null) expect(page.items).toHaveLength(q.limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThanOrEqual(expected.length + 1);
  } while (cursor !== null);

  expect(
    seen.map((item) => [
      item.id,
      item.classAt?.class,
      item.classAt?.leadAgency,
      item.classAt?.daysOverdue,
    ]),
  ).toEqual(expected.map((c) => [c.id, c.class, c.lead, c.daysOverdue]));
}

async function checkOverdue(tasks: Tasks, log: BruteTask[], q: Query, asOf: string) {
  const overdue = log
    .map((task) => classifyBrute(task, asOf))
    .filter((c) => c !== null && c.class === 'not_done_overdue')
    .filter((c) => !q.leadAgencies || q.leadAgencies.includes(c!.lead))
    .map((c) => c!)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = await overdueTasks(tasks, {
    asOf,
    leadAgencies: q.leadAgencies ?? undefined,
    limit: q.limit,
  });
  expect(result.total).toBe(overdue.length);
  expect(result.items.map((i) => [i.id, i.daysOverdue, i.deadline])).toEqual(
    overdue.slice(0, q.limit).map((c) => [c.id, c.daysOverdue, c.deadline]),
  );
}

/** The dashboard's single read gives what its figures' own queries give, one read each. */
async function checkDashboard(
  tasks: Tasks,
  dates: { today: string; from: string; to: string },
  q: Query,
) {
  const { today, from, to } = dates;
  if (from > to) return;
  const leadAgencies = q.leadAgencies ?? undefined;
  const overdueScope = { agencies: q.agencies ?? undefined, role: q.role, leadAgencies };
  const asOf = to < today ? to : today;
  const figures = await dashboardFigures(tasks, {
    today,
    from,
    to,
    leadAgencies,
    overdueScope,
    overdueLimit: q.limit,
  });
  expect(figures).toEqual({
    today,
    current: await completionStats(tasks, {
      from: DASHBOARD_BEGINNING,
      to: today,
      asOf: today,
      leadAgencies,
    }),
    period: {
      from,
      to,
      asOf,
      byAgency: await completionStats(tasks, { from, to, asOf, leadAgencies, groupBy: 'agency' }),
      byMonth: await completionStats(tasks, { from, to, asOf, leadAgencies, groupBy: 'month' }),
    },
    overdue: await overdueTasks(tasks, { asOf: today, ...overdueScope, limit: q.limit }),
  });
}
