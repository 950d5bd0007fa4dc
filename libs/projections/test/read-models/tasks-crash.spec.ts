import * as fs from 'node:fs';
import { openEventStore } from '@chidao/event-store';
import { statsAtCutOffs, type StatsCutOff } from '@chidao/projections/testing';
import { spawnChild } from '../../src/testing/children/protocol';
import { ProjectionRunner } from '../../src/projection-runner';
import { taskTimelineProjection } from '../../src/read-models';
import { dump, TempFiles, type TempStores } from '../support';
import { appendHistories, historyOf, random, randomSpec } from './task-histories';

const files = new TempFiles();
afterAll(() => files.cleanup());

const TASKS = 3000;
const CUT_OFFS: StatsCutOff[] = [
  { asOf: 30 },
  { asOf: 120, groupBy: 'agency' },
  { asOf: 200, groupBy: 'directive' },
  { asOf: 260, groupBy: 'leader', leadAgencies: ['SO-TTTT', 'SO_XD'] },
  { asOf: 365, groupBy: 'month' },
  { asOf: 500 },
];

async function runToHead(file: string): Promise<TempStores> {
  const stores = await files.open(file);
  const head = await stores.eventStore.headPosition();
  const runner = new ProjectionRunner(taskTimelineProjection, stores.domain, {
    batchSize: 500,
  }).start();
  await runner.waitFor(head);
  await runner.stop();
  return stores;
}

const answers = (stores: TempStores): Promise<string[]> =>
  statsAtCutOffs(stores.readStore, CUT_OFFS);

describe('tasks projection killed in the middle of a batch', () => {
  it('restarts to byte-identical statistics', async () => {
    const crashed = files.file('crashed.db');
    const clean = files.file('clean.db');
    const next = random(42);
    const histories = Array.from({ length: TASKS }, (_, i) =>
      historyOf(randomSpec(next, `task${String(i).padStart(5, '0')}`)),
    );
    const seeding = await openEventStore({ kind: 'sqlite', path: crashed });
    const head = await appendHistories(seeding, histories, {
      split: (h) => Math.ceil(h.events.length / 2),
    });
    await seeding.close(); // last connection: the WAL is checkpointed into the file
    fs.copyFileSync(crashed, clean);
    expect(head).toBeGreaterThan(3 * 500);

    const child = spawnChild('run-until-fault', {
      projection: 'tasks',
      events: { kind: 'sqlite', path: crashed },
      readModels: { kind: 'sqlite', path: crashed },
      batchSize: 500,
      blockAtBatch: 3,
    });
    expect(await child.nextLine()).toBe('blocked 1001 1500');
    child.kill('SIGKILL');
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });

    const afterCrash = await files.open(crashed);
    expect(await afterCrash.readStore.documents('tasks').position()).toBe(1000);

    const restarted = await runToHead(crashed);
    const reference = await runToHead(clean);
    expect(await restarted.readStore.documents('tasks').position()).toBe(head);
    expect(await restarted.readStore.documents('tasks').count()).toBe(TASKS);

    const got = await answers(restarted);
    expect(got).toEqual(await answers(reference));
    expect(JSON.parse(got[got.length - 1]).scope.total).toBeGreaterThan(500);
    expect(await dump(restarted.readStore, 'tasks')).toEqual(
      await dump(reference.readStore, 'tasks'),
    );
  });
});
