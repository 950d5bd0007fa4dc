import { isTransientFailure } from '../src/failure-policy';
import { timedLoop } from '../src/timed-loop';
import { WorkerLoop, type WorkerBody } from '../src/worker-loop';
import type { WorkerLog } from '../src/worker-log';

/** A log that keeps its lines, so a test can read what an operator would. */
function memoryLog(): WorkerLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (_fields, message) => lines.push(`info ${message}`),
    warn: (_fields, message) => lines.push(`warn ${message}`),
    error: (_fields, message) => lines.push(`error ${message}`),
  };
}

/** Resolves the n-th time `signal` is called. */
function nthCall(n: number): { signal: () => void; reached: Promise<void> } {
  let calls = 0;
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  return {
    signal: () => {
      calls += 1;
      if (calls === n) resolve();
    },
    reached,
  };
}

const connectionRefused = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' });

const fast = { initialDelayMs: 1, maxDelayMs: 4 };

/** Waits until `condition` holds, one macrotask at a time (no fixed sleeps). */
async function until(condition: () => boolean): Promise<void> {
  for (let turns = 0; !condition(); turns++) {
    if (turns > 10_000) throw new Error('condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('WorkerLoop', () => {
  it('runs its cycle, moves the position waiters see, and rejects them on stop', async () => {
    let release!: () => void;
    const body: WorkerBody = {
      cycle: async () => {
        loop.setPhase('live');
        loop.advance(5);
        loop.progress();
        await new Promise<void>((resolve) => (release = resolve));
      },
      interrupt: () => release(),
    };
    const loop: WorkerLoop = new WorkerLoop({ name: 'projection tally', kind: 'projection' }, body);
    expect(loop.status().state).toBe('idle');
    loop.start();
    await loop.waitFor(5);
    const waiting = loop.waitFor(6);
    expect(loop.status()).toMatchObject({
      name: 'projection tally',
      kind: 'projection',
      state: 'running',
      phase: 'live',
      position: 5,
      consecutiveFailures: 0,
      lastError: null,
      reason: null,
    });
    expect(loop.status().lastProgressAt).not.toBeNull();
    await loop.stop();
    await expect(waiting).rejects.toThrow(/projection tally stopped at 5/);
    expect(loop.status().state).toBe('stopped');
    await expect(loop.waitFor(7)).rejects.toThrow(/stopped/);
  });

  it('retries a server that is away for as long as it takes, then clears the error', async () => {
    const log = memoryLog();
    let attempts = 0;
    const failing = nthCall(25);
    let release!: () => void;
    const loop: WorkerLoop = new WorkerLoop(
      {
        name: 'relay log',
        kind: 'relay',
        retry: fast,
        failurePolicy: { maxIdenticalFailures: 3 },
        log,
        onError: failing.signal,
      },
      {
        cycle: async () => {
          attempts += 1;
          if (attempts <= 25) throw connectionRefused();
          loop.progress();
          await new Promise<void>((resolve) => (release = resolve));
        },
        interrupt: () => release?.(),
      },
    );
    loop.start();
    await failing.reached;
    // 25 identical failures, far past the limit of 3: transient ones never make it give up.
    expect(loop.status()).toMatchObject({
      state: 'retrying',
      consecutiveFailures: 25,
      lastError: { message: 'connect ECONNREFUSED 127.0.0.1:9092', transient: true },
    });
    await until(() => attempts > 25 && loop.status().state === 'running');
    expect(loop.status()).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(log.lines).toContain(
      'info relay log: recovered after 25 failure(s); last was: connect ECONNREFUSED 127.0.0.1:9092',
    );
    await loop.stop();
  });

  it('waits at most 5 s between attempts while a server is away, longer for other failures', async () => {
    const log = memoryLog();
    let release!: () => void;
    const loop: WorkerLoop = new WorkerLoop(
      {
        name: 'relay log',
        kind: 'relay',
        retry: { initialDelayMs: 4_000, maxDelayMs: 60_000 },
        log,
      },
      {
        cycle: () => new Promise<void>((resolve) => (release = resolve)),
        interrupt: () => release(),
      },
    );
    loop.start();
    loop.recordFailure(connectionRefused());
    loop.recordFailure(connectionRefused());
    loop.recordFailure(connectionRefused());
    loop.recordFailure(new Error('relation "rm_tasks_g1" does not exist'));
    expect(
      log.lines.filter((line) => line.startsWith('warn')).map((l) => /in (\d+) ms/.exec(l)?.[1]),
    ).toEqual(['4000', '5000', '5000', '32000']);
    await loop.stop();
  });

  it('gives up after the same failure N times at one position, says why, and cleans up', async () => {
    const log = memoryLog();
    let attempts = 0;
    let cleanedUp = 0;
    const loop: WorkerLoop = new WorkerLoop(
      {
        name: 'projection tasks',
        kind: 'projection',
        retry: fast,
        failurePolicy: { maxIdenticalFailures: 4 },
        log,
      },
      {
        cycle: async () => {
          attempts += 1;
          loop.advance(332);
          // Reconnecting is progress, but not past the poison event: the streak survives it.
          loop.progress();
          await Promise.resolve();
          throw new Error('cannot project event 333');
        },
        cleanup: () => {
          cleanedUp += 1;
          return Promise.resolve();
        },
      },
    );
    loop.start();
    const waiting = loop.waitFor(400);
    await expect(waiting).rejects.toThrow(
      'projection tasks is failed: the same failure 4 times in a row at position 332: cannot project event 333',
    );
    await until(() => cleanedUp === 1);
    expect(attempts).toBe(4);
    expect(loop.status()).toMatchObject({
      state: 'failed',
      reason: 'the same failure 4 times in a row at position 332: cannot project event 333',
      lastError: { message: 'cannot project event 333', transient: false },
    });
    expect(log.lines.at(-1)).toBe(
      'error projection tasks: gave up and stopped: the same failure 4 times in a row at position 332: cannot project event 333',
    );
    await loop.stop();
    expect(loop.status().state).toBe('failed'); // stop() does not hide the failure
    expect(attempts).toBe(4);
  });

  it('keeps retrying while the failures differ or the position moves', async () => {
    let attempts = 0;
    let release!: () => void;
    const loop: WorkerLoop = new WorkerLoop(
      {
        name: 'consumer tasks',
        kind: 'consumer',
        retry: fast,
        failurePolicy: { maxIdenticalFailures: 2 },
      },
      {
        cycle: async () => {
          attempts += 1;
          if (attempts <= 6) {
            // Every other attempt gets one event further, then fails on the next one.
            if (attempts % 2 === 0) {
              loop.advance(attempts);
              loop.progress();
            }
            throw new Error(attempts % 2 === 0 ? `bad event ${attempts + 1}` : 'deadline');
          }
          loop.progress();
          await new Promise<void>((resolve) => (release = resolve));
        },
        interrupt: () => release?.(),
      },
    );
    loop.start();
    await until(() => attempts === 7);
    expect(loop.status().state).toBe('running');
    await loop.stop();
  });

  it('fails at once on an error retrying cannot fix', async () => {
    let attempts = 0;
    const loop = new WorkerLoop(
      {
        name: 'consumer tasks',
        kind: 'consumer',
        retry: fast,
        failurePolicy: { isFatal: (error) => (error as Error).message.startsWith('malformed') },
      },
      {
        cycle: async () => {
          attempts += 1;
          await Promise.resolve();
          throw new Error('malformed message at offset 7');
        },
      },
    );
    loop.start();
    await until(() => loop.status().state === 'failed');
    expect(attempts).toBe(1);
    expect(loop.status().reason).toBe('malformed message at offset 7 (retrying cannot fix this)');
    await loop.stop();
  });

  it('gives up on failures recorded from outside the cycle, and interrupts it', async () => {
    let interrupted = 0;
    let release!: () => void;
    const loop: WorkerLoop = new WorkerLoop(
      {
        name: 'consumer tasks',
        kind: 'consumer',
        retry: fast,
        failurePolicy: { maxIdenticalFailures: 3 },
      },
      {
        cycle: () => new Promise<void>((resolve) => (release = resolve)),
        interrupt: () => {
          interrupted += 1;
          release();
        },
      },
    );
    loop.start();
    // A client retrying a poison batch by itself reports each attempt.
    expect(loop.recordFailure(new Error('poison'))).toBe('retry');
    expect(loop.status().state).toBe('retrying');
    expect(loop.recordFailure(new Error('poison'))).toBe('retry');
    expect(loop.recordFailure(new Error('poison'))).toBe('fail');
    await until(() => interrupted === 1);
    expect(loop.status()).toMatchObject({
      state: 'failed',
      reason: 'the same failure 3 times in a row: poison',
    });
    await loop.stop();
  });

  it('ends as stopped with the reason a cycle gives', async () => {
    const loop = new WorkerLoop(
      { name: 'projection tasks', kind: 'projection' },
      { cycle: () => Promise.resolve({ done: 'superseded by newer code' }) },
    );
    loop.start();
    await until(() => loop.status().state === 'stopped');
    expect(loop.status().reason).toBe('superseded by newer code');
    await expect(loop.waitFor(1)).rejects.toThrow(/superseded by newer code/);
    await loop.stop();
  });
});

describe('timedLoop', () => {
  it('ticks at once, sleeps until the next due time, and stop cuts the sleep short', async () => {
    const ticked = nthCall(1);
    const delays: number[] = [];
    const loop = timedLoop({
      name: 'scheduler anchors',
      tick: () => Promise.resolve(ticked.signal()),
      nextDelay: () => {
        delays.push(3_600_000);
        return 3_600_000;
      },
    });
    loop.start();
    await ticked.reached;
    await until(() => loop.status().phase === 'sleeping');
    expect(loop.status()).toMatchObject({ kind: 'scheduler', state: 'running' });
    await loop.stop(); // an hour's sleep does not hold the stop
    expect(delays).toEqual([3_600_000]);
    expect(loop.status().state).toBe('stopped');
  });

  it('retries a failed tick with back-off instead of waiting for the next due time', async () => {
    let ticks = 0;
    const loop = timedLoop({
      name: 'scheduler reports',
      retry: fast,
      tick: async () => {
        ticks += 1;
        await Promise.resolve();
        if (ticks < 3) throw new Error(`snapshot failed ${ticks}`);
      },
      nextDelay: () => 3_600_000,
    });
    loop.start();
    await until(() => loop.status().phase === 'sleeping');
    expect(ticks).toBe(3);
    expect(loop.status()).toMatchObject({ state: 'running', lastError: null });
    await loop.stop();
  });
});

describe('isTransientFailure', () => {
  it('knows a server away from a failure that retrying will not fix', () => {
    const pg = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
    const kafka = (name: string) => Object.assign(new Error(name), { name });
    expect(isTransientFailure(connectionRefused())).toBe(true);
    expect(isTransientFailure(pg('57P01'))).toBe(true); // admin shutdown
    expect(isTransientFailure(pg('08006'))).toBe(true); // connection failure
    expect(isTransientFailure(pg('40001'))).toBe(true); // serialisation failure
    expect(isTransientFailure(kafka('KafkaJSConnectionError'))).toBe(true);
    expect(isTransientFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    // Wrapped, as kafkajs and AggregateError do.
    expect(
      isTransientFailure(
        Object.assign(new Error('retries exceeded'), { originalError: connectionRefused() }),
      ),
    ).toBe(true);
    expect(isTransientFailure(new AggregateError([connectionRefused()], 'all failed'))).toBe(true);

    expect(isTransientFailure(pg('42P01'))).toBe(false); // relation does not exist
    expect(isTransientFailure(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isTransientFailure('a string')).toBe(false);
  });
});
