/**
 * The hand-over from the planner to the store's transaction: batches in order, never more than
 * about two batches held, and a failure on either side reaching the other.
 */
import { WriteChannel } from '../../src';

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const taken: T[][] = [];
  for await (const batch of batches) taken.push(batch);
  return taken;
}

describe('WriteChannel', () => {
  it('hands over every item in order, in batches, the last one short', async () => {
    const channel = new WriteChannel<number>(3);
    const producing = (async () => {
      for (let i = 1; i <= 7; i += 1) await channel.push(i);
      channel.close();
    })();
    expect(await collect(channel.batches())).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    await producing;
  });

  it('keeps the producer waiting while a full batch is not taken', async () => {
    const channel = new WriteChannel<number>(2);
    let pushed = 0;
    const producing = (async () => {
      for (let i = 0; i < 10; i += 1) {
        await channel.push(i);
        pushed += 1;
      }
      channel.close();
    })();
    const batches = channel.batches();
    const first = await batches.next();
    expect(first.value).toEqual([0, 1]);
    // Taken one batch: the producer filled at most the next one and waits on it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushed).toBeLessThanOrEqual(4);
    expect(await collect({ [Symbol.asyncIterator]: () => batches })).toHaveLength(4);
    await producing;
    expect(pushed).toBe(10);
  });

  it('throws the producer’s failure to the consumer, and the consumer’s to the producer', async () => {
    const failed = new WriteChannel<number>(2);
    await failed.push(1);
    failed.fail(new Error('the list could not be read'));
    await expect(collect(failed.batches())).rejects.toThrow('the list could not be read');

    const aborted = new WriteChannel<number>(1);
    const producing = (async () => {
      for (let i = 0; ; i += 1) await aborted.push(i);
    })();
    const batches = aborted.batches();
    await batches.next();
    aborted.abort(new Error('stale stream'));
    await expect(producing).rejects.toThrow('stale stream');
  });
});
