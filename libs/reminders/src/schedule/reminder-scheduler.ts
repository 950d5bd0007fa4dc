import type { EventMetadata } from '@chidao/event-store';
import {
  timedLoop,
  workerOptionsOf,
  type WorkerLoop,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';
import { tickReminders, type ReminderTickDeps, type ReminderTickOutcome } from './reminder-tick';

/** Who the log names for what the scheduler does by itself. */
export const REMINDER_SCHEDULER_METADATA: EventMetadata = {
  actor: 'system:reminders',
  agency: null,
  correlationId: 'reminder-scheduler',
  causationId: null,
};

export const REMINDER_TICK_MS = 60_000;

export interface ReminderSchedulerOptions extends WorkerOptions {
  readonly deps: ReminderTickDeps;
  /** The daily run's hour (HH:MM, Vietnam). */
  readonly at: string;
  readonly clock: { now(): Date };
  /** Between the end of a tick and the next (one minute). */
  readonly tickMs?: number;
  /** The longest stop() waits for a tick in flight (5 s): a mail server that does not answer. */
  readonly stopWaitMs?: number;
  /** Told about every tick that went through (logs, metrics). */
  readonly onOutcome?: (outcome: ReminderTickOutcome) => void;
}

/**
 * The reminders of a process that sends them, as a worker: a tick at start, then one a minute
 * after the last ended (so a slow tick is never joined by another), each the day's run once due
 * and a pass over the messages due (tickReminders). A failed tick (a store away) is retried with
 * back-off under the workers' failure policy, and shows in /ready as `scheduler reminders`.
 */
export class ReminderScheduler {
  private readonly loop: WorkerLoop;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.loop = timedLoop({
      name: 'scheduler reminders',
      ...workerOptionsOf(options),
      tick: async () => {
        const outcome = await this.tick();
        this.options.onOutcome?.(outcome);
      },
      nextDelay: () => this.options.tickMs ?? REMINDER_TICK_MS,
    });
  }

  start(): this {
    this.loop.start();
    return this;
  }

  /** One tick now, after any in flight (the loop's; tests call it too). */
  tick(): Promise<ReminderTickOutcome> {
    const next = this.running.then(() =>
      tickReminders(this.options.deps, {
        now: this.options.clock.now(),
        at: this.options.at,
        metadata: REMINDER_SCHEDULER_METADATA,
      }),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * Stops after the tick in flight, waiting stopWaitMs at most (what a pass stuck on a mail
   * server had not recorded stays queued and goes at the next start). Stopped in time, it hands
   * the lease over, so a process standing by takes over at its next tick; otherwise the lease is
   * left to expire, so nobody sends beside a pass still in flight. True when it stopped in time.
   */
  async stop(): Promise<boolean> {
    const stopped = this.loop.stop().then(() => this.running);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.stopWaitMs ?? 5_000);
      timer.unref();
    });
    const inTime = await Promise.race([stopped.then(() => true), late]);
    clearTimeout(timer);
    if (inTime) await this.options.deps.lease?.release().catch(() => undefined);
    return inTime;
  }

  status(): WorkerStatus {
    return this.loop.status();
  }
}
