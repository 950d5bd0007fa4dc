interface Waiter {
  readonly position: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Callers waiting for a log position to be reached (a read model, a relay's checkpoint). The
 * owner keeps the position and says when it moves; this only settles the promises.
 */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  /** How many are still waiting. */
  get size(): number {
    return this.waiters.length;
  }

  /** Settles when `advance` reaches `position` or `rejectAll` is called. */
  waitFor(position: number): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Resolves every waiter at or below `position`; the others keep waiting. */
  advance(position: number): void {
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.position <= position) waiter.resolve();
      else pending.push(waiter);
    }
    this.waiters = pending;
  }

  rejectAll(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
