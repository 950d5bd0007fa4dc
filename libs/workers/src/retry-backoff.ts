export interface RetryOptions {
  /** First wait after a failure (default 100 ms); doubles with each failure in a row. */
  readonly initialDelayMs?: number;
  /** Longest wait (default 30 s). */
  readonly maxDelayMs?: number;
}

/**
 * Exponential back-off with a pause that stop() cuts short, so a worker waiting to retry stops
 * at once.
 */
export class RetryBackoff {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(options: RetryOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /** The wait before attempt `failures + 1`, after `failures` (≥ 1) failures in a row. */
  delay(failures: number): number {
    const exponent = Math.min(Math.max(failures, 1) - 1, 30);
    return Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** exponent);
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
