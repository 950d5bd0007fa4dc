import { WorkerLoop, type WorkerLoopOptions } from './worker-loop';

export interface TimedLoopOptions extends Omit<WorkerLoopOptions, 'kind'> {
  /** The work of one wake-up; throws on failure (the loop backs off and ticks again). */
  readonly tick: () => Promise<void>;
  /** Milliseconds to sleep after a tick that went through (until the next cut-off, midnight…). */
  readonly nextDelay: () => number;
}

/**
 * A scheduler as a worker: tick at once, then sleep until the next time something falls due.
 * A failed tick is retried with back-off instead of waiting for the next wake-up, and the
 * failure policy applies as to any worker. stop() cuts a sleep short.
 */
export function timedLoop(options: TimedLoopOptions): WorkerLoop {
  const { tick, nextDelay, ...loopOptions } = options;
  const loop: WorkerLoop = new WorkerLoop(
    { ...loopOptions, kind: 'scheduler' },
    {
      cycle: async () => {
        loop.setPhase('ticking');
        await tick();
        loop.progress();
        loop.setPhase('sleeping');
        await loop.pause(nextDelay());
      },
    },
  );
  return loop;
}
