import { PositionWaiters } from '../src/position-waiters';
import { RetryBackoff } from '../src/retry-backoff';

describe('PositionWaiters', () => {
  it('resolves the waiters a position reaches and keeps the others until rejected', async () => {
    const waiters = new PositionWaiters();
    const settled: string[] = [];
    const track = (name: string, position: number) =>
      waiters.waitFor(position).then(
        () => settled.push(`${name} resolved`),
        (error: Error) => settled.push(`${name} ${error.message}`),
      );
    const all = [track('a', 3), track('b', 5), track('c', 9)];
    waiters.advance(5);
    await Promise.resolve();
    expect(waiters.size).toBe(1);
    waiters.rejectAll(new Error('stopped'));
    await Promise.all(all);
    expect(settled).toEqual(['a resolved', 'b resolved', 'c stopped']);
    expect(waiters.size).toBe(0);
  });
});

describe('RetryBackoff', () => {
  it('doubles the delay per failure in a row up to the maximum', () => {
    const retry = new RetryBackoff({ initialDelayMs: 10, maxDelayMs: 50 });
    expect([1, 2, 3, 4, 40].map((failures) => retry.delay(failures))).toEqual([10, 20, 40, 50, 50]);
  });

  it('ends a pause in progress on stop, and later pauses at once', async () => {
    const retry = new RetryBackoff({ initialDelayMs: 600_000 });
    const pausing = retry.pause(retry.delay(1));
    retry.stop();
    await pausing;
    await retry.pause(600_000);
  });
});
