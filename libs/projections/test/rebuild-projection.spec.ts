import type { StoredEvent } from '@chidao/event-store';
import {
  amountOf,
  countedEvent,
  seedLog,
  streamTally,
  type StreamTally,
} from '@chidao/projections/testing';
import type { FaultPoint } from '../src/apply-batch';
import { ensureProjection } from '../src/ensure-projection';
import { projectionFingerprint } from '../src/fingerprint';
import { defineProjection } from '../src/projection';
import { ProjectionRunner } from '../src/projection-runner';
import { rebuildProjection } from '../src/rebuild-projection';
import { dump, TempFiles } from './support';

const files = new TempFiles();
afterEach(() => files.cleanup());

/** The same projection name with other code: sums doubled. */
const doubled = defineProjection<StreamTally, StoredEvent>({
  ...streamTally,
  version: 2,
  documents: {
    idOf: streamTally.documents.idOf,
    evolve: (doc, event) => ({
      streamId: event.streamId,
      events: (doc?.events ?? 0) + 1,
      sum: (doc?.sum ?? 0) + 2 * (event.data as { amount: number }).amount,
      lastPosition: event.position,
    }),
  },
});

async function projected(count: number) {
  const stores = await files.open();
  const head = await seedLog(stores.eventStore, count);
  const runner = new ProjectionRunner(streamTally, stores, { batchSize: 200 }).start();
  files.onCleanup(() => runner.stop());
  await runner.waitFor(head);
  return { ...stores, head, runner };
}

describe('rebuildProjection', () => {
  it('rebuilds into a new generation with byte-identical documents', async () => {
    const { readStore, eventStore, head } = await projected(2000);
    const before = await dump(readStore, streamTally.name);
    const result = await rebuildProjection(
      streamTally,
      { eventStore, readStore },
      { batchSize: 300 },
    );
    expect(result).toMatchObject({ generation: 2, position: head, events: head });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(await readStore.documents(streamTally.name).generation()).toBe(2);
    expect(await dump(readStore, streamTally.name)).toEqual(before);
    expect(await readStore.generation(streamTally.name, 1)).toBeNull();
  });

  it('serves the old generation until the swap, then the new one', async () => {
    const { readStore, eventStore, head } = await projected(2000);
    const documents = readStore.documents<StreamTally>(streamTally.name);
    const old = await dump(readStore, streamTally.name);
    const oldSum = (await documents.get('tally-1'))!.sum;

    let paused!: (point: FaultPoint) => void;
    const reachedThird = new Promise<FaultPoint>((resolve) => (paused = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const rebuilding = rebuildProjection(
      doubled,
      { eventStore, readStore },
      {
        batchSize: 200,
        faultInjection: {
          beforeCommit: async (point) => {
            batches += 1;
            if (batches !== 3) return;
            paused(point);
            await held;
          },
        },
      },
    );

    const point = await reachedThird;
    expect(point).toMatchObject({ generation: 2, fromPosition: 401, toPosition: 600 });
    expect(await readStore.projection(streamTally.name)).toMatchObject({
      activeGeneration: 1,
      status: 'rebuilding',
      pendingGeneration: 2,
    });
    expect(await readStore.generation(streamTally.name, 2)).toMatchObject({ position: 400 });
    // Queries still answer, from generation 1, complete and unchanged.
    expect(await documents.generation()).toBe(1);
    expect(await documents.position()).toBe(head);
    expect(await dump(readStore, streamTally.name)).toEqual(old);

    release();
    await rebuilding;
    expect(await documents.generation()).toBe(2);
    expect((await documents.get('tally-1'))!.sum).toBe(2 * oldSum);
    expect(await readStore.projection(streamTally.name)).toMatchObject({
      fingerprint: projectionFingerprint(doubled),
      status: 'active',
    });
  });

  it('keeps a live runner writing across a swap made by a rebuild', async () => {
    const { readStore, eventStore, runner } = await projected(1000);
    await rebuildProjection(streamTally, { eventStore, readStore });
    const appended = await eventStore.append('tally-after-swap', [countedEvent(5)]);
    await runner.waitFor(appended.lastPosition);
    const documents = readStore.documents<StreamTally>(streamTally.name);
    expect(await documents.generation()).toBe(2);
    expect(await documents.get('tally-after-swap')).toMatchObject({ events: 1 });
    expect(await documents.position()).toBe(appended.lastPosition);
  });
});

describe('ensureProjection', () => {
  it('starts without a rebuild when the code is unchanged, rebuilds when it changed', async () => {
    const { readStore, eventStore, head, runner } = await projected(1500);
    await runner.stop();
    const deps = { eventStore, readStore };

    const same = await ensureProjection(streamTally, deps, { batchSize: 200 });
    files.onCleanup(() => same.runner.stop());
    expect(same.rebuilding).toBe(false);
    await same.runner.waitFor(head);
    await same.runner.stop();
    const sumBefore = (await readStore.documents<StreamTally>(streamTally.name).get('tally-2'))!
      .sum;

    const changed = await ensureProjection(doubled, deps, { batchSize: 200 });
    files.onCleanup(() => changed.runner.stop());
    expect(changed.rebuilding).toBe(true);
    expect(changed.record).toMatchObject({ activeGeneration: 1 });
    // waitFor means "queries show it": it resolves only once the new generation is swapped in.
    await changed.runner.waitFor(head);
    const documents = readStore.documents<StreamTally>(streamTally.name);
    expect(await documents.generation()).toBe(2);
    expect((await documents.get('tally-2'))!.sum).toBe(2 * sumBefore);

    // Then it follows live appends with the new code.
    const appended = await eventStore.append('tally-2', [countedEvent(3)]);
    await changed.runner.waitFor(appended.lastPosition);
    expect((await documents.get('tally-2'))!.sum).toBe(2 * (sumBefore + amountOf(3)));
    const status = await changed.runner.status();
    expect(status).toMatchObject({ lag: 0, generation: 2, lastError: null });
    expect(['catching-up', 'live']).toContain(status.phase); // it may still be in its last readAll
  });
});
