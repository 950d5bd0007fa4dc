/** A failure as an operator sees it in a status. */
export interface RecordedFailure {
  readonly message: string;
  /** ISO-8601. */
  readonly at: string;
  readonly error: unknown;
}

interface RetryBackoffOptions {
  /** Back-off after a failure: doubles from `initialDelayMs` (100) up to `maxDelayMs` (30 s). */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Told about every failure (logging, metrics). */
  readonly onError?: (error: unknown) => void;
}

/**
 * The failure bookkeeping of a loop that retries forever (projection runner, outbox relay, Kafka
 * consumer): consecutive failures, the last error (kept after recovery, so an operator can see
 * what happened), exponential back-off, and a pause that stop() cuts short.
 */
export class RetryBackoff {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private failures = 0;
  private last: RecordedFailure | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: RetryBackoffOptions = {}) {
    this.initialDelayMs = options.retry?.initialDelayMs ?? 100;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  }

  /** Failures since the last success (0 when healthy). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  get lastError(): RecordedFailure | null {
    return this.last;
  }

  recordFailure(error: unknown): void {
    this.failures += 1;
    const message = error instanceof Error ? error.message : String(error);
    this.last = { message, at: new Date().toISOString(), error };
    try {
      this.options.onError?.(error);
    } catch {
      // a failing reporter must not stop the loop
    }
  }

  recordSuccess(): void {
    this.failures = 0;
  }

  /** The wait before the next attempt, from the failures so far. */
  delay(): number {
    const exponent = Math.min(this.failures - 1, 30);
    return Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** exponent);
  }

  /** Waits the back-off delay; see pause. */
  backOff(): Promise<void> {
    return this.pause(this.delay());
  }

  /** A wait that stop() cuts short; returns at once once stopped. */
  pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = null));
  }

  /** Ends the pause in progress, if any, and every later one at once. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
}
