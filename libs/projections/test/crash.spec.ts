import * as fs from 'node:fs';
import { openEventStore } from '@chidao/event-store';
import { seedLog, streamTally } from '@chidao/projections/testing';
import { ProjectionRunner } from '../src/projection-runner';
import { spawnChild } from '../src/testing/children/protocol';
import { dump, TempFiles } from './support';

const files = new TempFiles();
afterAll(() => files.cleanup());

async function runToHead(file: string): Promise<{ rows: string[]; eventsPerSecond: number }> {
  const stores = await files.open(file);
  const head = await stores.eventStore.headPosition();
  const runner = new ProjectionRunner(streamTally, stores, { batchSize: 200 }).start();
  await runner.waitFor(head);
  const { eventsPerSecond } = await runner.status();
  await runner.stop();
  return { rows: await dump(stores.readStore, streamTally.name), eventsPerSecond };
}

describe('crash in the middle of a batch', () => {
  it('a killed runner restarts to byte-identical documents', async () => {
    // One log, copied before anything projects it: the crashed run and the clean run read
    // the same bytes.
    const crashed = files.file('crashed.db');
    const clean = files.file('clean.db');
    const seeding = await openEventStore({ kind: 'sqlite', path: crashed });
    const head = await seedLog(seeding, 4000);
    await seeding.close(); // last connection: the WAL is checkpointed into the file
    fs.copyFileSync(crashed, clean);

    const child = spawnChild('run-until-fault', {
      events: { kind: 'sqlite', path: crashed },
      readModels: { kind: 'sqlite', path: crashed },
      batchSize: 200,
      blockAtBatch: 3,
    });
    // Batch 3's documents are written, its checkpoint and commit are not.
    expect(await child.nextLine()).toBe('blocked 401 600');
    child.kill('SIGKILL');
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });

    const afterCrash = await files.open(crashed);
    expect(await afterCrash.readStore.documents(streamTally.name).position()).toBe(400);

    const restarted = await runToHead(crashed);
    const reference = await runToHead(clean);
    expect(restarted.rows).toHaveLength(37);
    expect(restarted.rows).toEqual(reference.rows);
    expect(await afterCrash.readStore.documents(streamTally.name).position()).toBe(head);
    console.log(`catch-up of ${head} events: ${Math.round(reference.eventsPerSecond)} events/s`);
  });
});
