/**
 * Reads the whole log with readAll in a process started with a small heap (and --expose-gc),
 * checks positions are consecutive, and bounds memory two ways: heapUsed sampled after every
 * batch (garbage included), and how far the heap retained after a full GC (every 100 batches)
 * grows over the heap before reading (what the reader really holds on to). Prints the figures;
 * exits 1 when a bound is crossed.
 */
import { getHeapStatistics } from 'node:v8';
import { openEventStore, type EventStoreConfig } from '../../open-event-store';
import { runChild, say } from './protocol';

interface Args {
  connection: EventStoreConfig;
  batchSize: number;
  heapUsedLimitBytes: number;
  retainedGrowthLimitBytes: number;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

runChild<Args>(async ({ connection, batchSize, heapUsedLimitBytes, retainedGrowthLimitBytes }) => {
  if (!collectGarbage) throw new Error('run with --expose-gc');
  const store = await openEventStore(connection);
  collectGarbage();
  const baseline = getHeapStatistics().used_heap_size;
  const started = Date.now();
  let count = 0;
  let batches = 0;
  let lastPosition = 0;
  let peakHeapUsed = 0;
  let peakRetained = 0;
  for await (const batch of store.readAll({ batchSize })) {
    for (const event of batch) {
      if (event.position !== lastPosition + 1) {
        throw new Error(`position ${event.position} follows ${lastPosition}`);
      }
      lastPosition = event.position;
      count += 1;
    }
    batches += 1;
    peakHeapUsed = Math.max(peakHeapUsed, getHeapStatistics().used_heap_size);
    if (batches % 100 === 0) {
      collectGarbage();
      peakRetained = Math.max(peakRetained, getHeapStatistics().used_heap_size);
    }
  }
  await store.close();
  const { heap_size_limit: heapSizeLimit } = getHeapStatistics();
  const ms = Date.now() - started;
  const figures = { count, lastPosition, baseline, peakHeapUsed, peakRetained, heapSizeLimit, ms };
  say(JSON.stringify(figures));
  if (peakHeapUsed > heapUsedLimitBytes) {
    throw new Error(`heapUsed peaked at ${peakHeapUsed} bytes, over ${heapUsedLimitBytes}`);
  }
  if (peakRetained - baseline > retainedGrowthLimitBytes) {
    throw new Error(
      `retained heap grew by ${peakRetained - baseline} bytes, over ${retainedGrowthLimitBytes}`,
    );
  }
});
