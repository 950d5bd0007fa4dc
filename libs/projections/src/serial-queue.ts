/**
 * Runs async jobs one at a time, in call order. A write transaction spans awaits (the port is
 * async so a PostgreSQL adapter can follow), and on one SQLite connection anything that ran in
 * between would join the open transaction; the queue keeps each transaction to itself.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => T | PromiseLike<T>): Promise<T> {
    const result = this.tail.then(job);
    // The next job waits for this one to settle, whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every job queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
