import { EventEmitter } from 'node:events';
import type {
  AppendResult,
  BatchHandler,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { PollingSubscription } from './polling-subscription';

/**
 * The running subscriptions of one store: woken at once by the appends of this process (and by
 * whatever else the adapter hears of, such as PostgreSQL notifications), by their poll timer
 * otherwise, and all stopped when the store closes.
 */
export class LiveSubscriptions {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly running = new Set<PollingSubscription>();

  constructor(private readonly pollIntervalMs: number) {}

  /** New events may have been committed: every subscription looks again. */
  wake(): void {
    this.appended.emit('appended');
  }

  /** Wakes the subscriptions when an append of this process stored anything. */
  afterAppend(results: readonly AppendResult[]): void {
    if (results.some((result) => result.lastPosition >= result.firstPosition)) this.wake();
  }

  /** `fetch` reads the events after a position, in order, at most `limit`. */
  start(
    fetch: (after: number, limit: number) => Promise<StoredEvent[]> | StoredEvent[],
    options: SubscribeOptions,
    handler: BatchHandler,
  ): Subscription {
    const subscription = new PollingSubscription(
      {
        fetch,
        onAppend: (listener) => {
          this.appended.on('appended', listener);
          return () => this.appended.off('appended', listener);
        },
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
      handler,
      (ended) => this.running.delete(ended),
    );
    this.running.add(subscription);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((subscription) => subscription.stop()));
  }
}
