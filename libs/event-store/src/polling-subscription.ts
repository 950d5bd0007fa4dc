import { AsyncLocalStorage } from 'node:async_hooks';
import type { BatchHandler, StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

/** What a subscription needs from an adapter. */
interface SubscriptionSource {
  /** Events with position > after, in order, at most `limit`. */
  fetch(after: number, limit: number): Promise<StoredEvent[]> | StoredEvent[];
  /** Registers a wake-up (new events may exist); returns the unregister function. */
  onAppend(listener: () => void): () => void;
  /** Fallback wake-up period for appends this process cannot see (other processes). */
  readonly pollIntervalMs: number;
}

interface Waiter {
  readonly position: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** Tells stop() whether it is called from inside this subscription's own handler. */
const insideHandler = new AsyncLocalStorage<PollingSubscription>();

/**
 * Catch-up then live subscription over any source that can fetch by position. One loop reads a
 * batch, awaits the handler, advances the position; when caught up it sleeps until an append
 * in this process or the poll timer wakes it. Batches are therefore delivered in order, one at a
 * time, each exactly once.
 */
export class PollingSubscription implements Subscription {
  private current: number;
  private stopped = false;
  /** Set by every wake-up, so one that arrives while fetching is not lost. */
  private signalled = false;
  private wake: (() => void) | null = null;
  private waiters: Waiter[] = [];
  private failure: unknown = undefined;
  private readonly done: Promise<void>;
  private readonly unlisten: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly handler: BatchHandler,
    /** Called once the loop has ended, so the store can forget this subscription. */
    private readonly onEnd: (subscription: PollingSubscription) => void = () => undefined,
  ) {
    if (!Number.isInteger(options.after) || options.after < 0) {
      throw new TypeError(`subscribe: after must be an integer >= 0, got ${options.after}`);
    }
    this.current = options.after;
    const notify = () => {
      this.signalled = true;
      this.wake?.();
    };
    this.unlisten = source.onAppend(notify);
    this.timer = setInterval(notify, source.pollIntervalMs);
    this.done = this.run();
  }

  get position(): number {
    return this.current;
  }

  waitFor(position: number): Promise<void> {
    if (this.current >= position) return Promise.resolve();
    if (this.stopped) return Promise.reject(this.stoppedError(position));
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // From inside the handler the loop is waiting for us: awaiting it would deadlock.
    if (insideHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 1000;
    try {
      while (!this.stopped) {
        this.signalled = false;
        const batch = await this.source.fetch(this.current, batchSize);
        if (this.stopped) break;
        if (batch.length === 0) {
          if (!this.signalled) await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = null;
          continue;
        }
        await insideHandler.run(this, () => this.handler(batch));
        this.current = batch[batch.length - 1].position;
        this.settleWaiters();
      }
    } catch (error) {
      this.stopped = true;
      this.failure = error;
      this.report(error);
    } finally {
      this.stopped = true;
      clearInterval(this.timer);
      this.unlisten();
      for (const waiter of this.waiters) waiter.reject(this.stoppedError(waiter.position));
      this.waiters = [];
      this.onEnd(this);
    }
  }

  private settleWaiters(): void {
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= this.current) waiter.resolve();
      else pending.push(waiter);
    }
    this.waiters = pending;
  }

  private report(error: unknown): void {
    if (this.options.onError) {
      try {
        this.options.onError(error);
        return;
      } catch {
        // fall through: an error reporter that throws must not hide the original error
      }
    }
    console.error('Event store subscription stopped by an error', error);
  }

  private stoppedError(position: number): Error {
    if (this.failure !== undefined) {
      return new Error(`Subscription failed at position ${this.current}`, { cause: this.failure });
    }
    return new Error(`Subscription stopped at position ${this.current} before ${position}`);
  }
}
