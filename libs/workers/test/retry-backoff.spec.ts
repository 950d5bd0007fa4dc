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
  it('doubles the delay per consecutive failure up to the maximum and resets on success', () => {
    const reported: unknown[] = [];
    const retry = new RetryBackoff({
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
      onError: (error) => reported.push(error),
    });
    const delays = [1, 2, 3, 4].map((n) => {
      retry.recordFailure(new Error(`failure ${n}`));
      return retry.delay();
    });
    expect(delays).toEqual([10, 20, 40, 50]);
    expect(reported).toHaveLength(4);
    retry.recordSuccess();
    expect(retry.consecutiveFailures).toBe(0);
    // Kept after recovery, for the operator.
    expect(retry.lastError).toMatchObject({ message: 'failure 4' });
    retry.recordFailure('plain');
    expect(retry.delay()).toBe(10);
    expect(retry.lastError?.message).toBe('plain');
  });

  it('survives a reporter that throws', () => {
    const retry = new RetryBackoff({
      onError: () => {
        throw new Error('reporter down');
      },
    });
    expect(() => retry.recordFailure(new Error('boom'))).not.toThrow();
    expect(retry.consecutiveFailures).toBe(1);
  });

  it('ends a pause in progress on stop, and later pauses at once', async () => {
    const retry = new RetryBackoff({ retry: { initialDelayMs: 600_000 } });
    retry.recordFailure(new Error('down'));
    const pausing = retry.backOff();
    retry.stop();
    await pausing;
    await retry.pause(600_000);
  });
});
