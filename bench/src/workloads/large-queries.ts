/**
 * Leadership's queries on a read model of `--tasks N` tasks (100 000, 1 000 000): the `tasks`
 * projection rebuilt by its own code from a generated log that is never stored (GeneratedLog),
 * then completion statistics for the year by agency, the dashboard and the task list's pages.
 */
import * as path from 'node:path';
import type { TaskTimeline } from '@chidao/domain';
import { openReadModelStore, rebuildProjection, taskTimelineProjection } from '@chidao/projections';
import { readDomainEvents } from '@chidao/event-store';
import { say, type BenchContext } from '../context';
import { GeneratedLog } from '../history/generated-log';
import { figure, perSecond, type Figure } from '../measure';
import { paging, yearQueries } from './read-side';

export async function largeQueriesWorkload(ctx: BenchContext): Promise<Figure[]> {
  const taskCount = ctx.tasks!;
  const readStore = await openReadModelStore({
    kind: 'sqlite',
    path: path.join(ctx.workDir, 'read-models.sqlite'),
  });
  try {
    const log = new GeneratedLog(taskCount, ctx.seed);
    say(`building the tasks read model of ${taskCount} tasks from a generated log`);
    const started = performance.now();
    const rebuilt = await rebuildProjection(taskTimelineProjection, {
      eventStore: readDomainEvents(log.asEventStore()),
      readStore,
    });
    const ms = performance.now() - started;
    say(`${rebuilt.events} events projected in ${Math.round(ms / 1000)} s`);
    const tasks = readStore.documents<TaskTimeline>('tasks');
    const scope = { id: `large-${taskCount}.sqlite`, label: `${taskCount} tasks, sqlite` };
    return [
      figure(
        {
          id: `large.${taskCount}.build`,
          label: `Tasks projection built from a generated log of ${taskCount} tasks (sqlite)`,
          unit: 'events/s',
          better: 'higher',
          note: 'measured once: it builds the read model the runs query',
        },
        [perSecond(rebuilt.events, ms)],
      ),
      ...(await yearQueries(ctx, scope, tasks, `${rebuilt.events} events projected`, taskCount)),
      ...(await paging(ctx, 'sqlite', tasks, taskCount)).map((f) => ({
        ...f,
        id: `large.${taskCount}.${f.id}`,
        label: `${f.label.replace(' (sqlite)', '')}, ${taskCount} tasks (sqlite)`,
      })),
    ];
  } finally {
    await readStore.close();
  }
}
