/**
 * From the planner, which hands writes over one at a time, to the store, which pulls them a batch
 * at a time inside its transaction: at most about two batches are held, whatever the list's size.
 * The planner waits while a full batch is not taken; a failure on either side reaches the other.
 */
export class WriteChannel<T> {
  private readonly buffer: T[] = [];
  private closed = false;
  private failure: { readonly error: unknown } | null = null;
  private aborted: { readonly error: unknown } | null = null;
  private wakeConsumer: () => void = () => undefined;
  private wakeProducer: () => void = () => undefined;

  constructor(private readonly batchSize: number) {}

  /** The planner's hand-over; waits while a full batch is not taken, throws once aborted. */
  async push(item: T): Promise<void> {
    this.throwIfAborted();
    this.buffer.push(item);
    if (this.buffer.length < this.batchSize) return;
    this.wakeConsumer();
    await new Promise<void>((resolve) => (this.wakeProducer = resolve));
    this.throwIfAborted();
  }

  private throwIfAborted(): void {
    if (this.aborted) throw this.aborted.error;
  }

  /** The planner is done: what is left is the last batch. */
  close(): void {
    this.closed = true;
    this.wakeConsumer();
  }

  /** The planner failed: the store's pull throws it (and the store rolls back). */
  fail(error: unknown): void {
    this.failure = { error };
    this.closed = true;
    this.wakeConsumer();
  }

  /** The store failed: the planner's next hand-over throws it. */
  abort(error: unknown): void {
    this.aborted = { error };
    this.wakeProducer();
  }

  async *batches(): AsyncGenerator<T[]> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.buffer.length >= this.batchSize || (this.closed && this.buffer.length > 0)) {
        const batch = this.buffer.splice(0, this.batchSize);
        this.wakeProducer();
        yield batch;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }
}
