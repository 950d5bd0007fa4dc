import type { TaskTimeline } from '@chidao/domain';
import type { DocumentCollection } from '../../src/document-query';
import { ProjectionRunner } from '../../src/projection-runner';
import { rebuildProjection } from '../../src/rebuild-projection';
import { completionStats, overdueTasks, taskTimelineProjection } from '../../src/read-models';
import { taskListPages } from '@chidao/projections/testing';
import { TempFiles } from '../support';
import { appendHistories, day, historyOf, random, randomSpec } from './task-histories';

const files = new TempFiles();
afterAll(() => files.cleanup());

async function answers(tasks: DocumentCollection<TaskTimeline>): Promise<string[]> {
  const out: string[] = [];
  for (const filter of [
    {},
    { agencies: ['SO-TTTT', 'SO_XD'], role: 'any' as const },
    { classAt: { date: day(150), classes: ['not_done_overdue' as const, 'done_late' as const] } },
    { text: 'de an', statuses: ['in_progress' as const, 'completed' as const] },
  ]) {
    out.push(...(await taskListPages(tasks, filter, 37)));
  }
  for (const asOf of [60, 150, 400]) {
    out.push(JSON.stringify(await overdueTasks(tasks, { asOf: day(asOf), limit: 50 })));
    out.push(
      JSON.stringify(
        await completionStats(tasks, {
          from: day(0),
          to: day(asOf),
          asOf: day(asOf),
          groupBy: 'agency',
        }),
      ),
    );
    out.push(
      JSON.stringify(
        await completionStats(tasks, {
          from: day(0),
          to: day(365),
          asOf: day(asOf),
          groupBy: 'directive',
          leadAgencies: ['SO-TC'],
        }),
      ),
    );
  }
  return out;
}

describe('rebuild of the tasks read model', () => {
  it('answers byte-identically after rebuildProjection', async () => {
    const stores = await files.open();
    const next = random(11);
    const histories = Array.from({ length: 600 }, (_, i) =>
      historyOf(randomSpec(next, `r${String(i).padStart(4, '0')}`)),
    );
    const head = await appendHistories(stores.eventStore, histories, {
      split: (h) => h.events.length - 1,
    });
    const runner = new ProjectionRunner(taskTimelineProjection, stores.domain, {
      batchSize: 97,
    }).start();
    await runner.waitFor(head);
    await runner.stop();
    const tasks = stores.readStore.documents<TaskTimeline>('tasks');
    const generation = await tasks.generation();
    const before = await answers(tasks);

    const result = await rebuildProjection(taskTimelineProjection, stores.domain, {
      batchSize: 250,
    });
    expect(result.generation).not.toBe(generation);
    expect(await tasks.generation()).toBe(result.generation);
    expect(await tasks.position()).toBe(head);
    expect(await answers(tasks)).toEqual(before);
    expect(before.length).toBeGreaterThan(20);
  });
});
