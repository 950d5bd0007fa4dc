/**
 * Events per second over a sliding window (default 10 s): recent enough to show a stall, long
 * enough not to jump between batches. Idle time inside the window counts, so the rate decays to 0
 * when nothing happens.
 */
export class RateMeter {
  private samples: Array<{ start: number; end: number; count: number }> = [];

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `count` events handled between `start` and now. */
  record(count: number, start: number): void {
    const end = this.now();
    this.samples.push({ start: Math.min(start, end), end, count });
    this.prune(end);
  }

  perSecond(): number {
    const now = this.now();
    this.prune(now);
    if (this.samples.length === 0) return 0;
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    const spanMs = Math.max(now - this.samples[0].start, 1);
    return (total * 1000) / spanMs;
  }

  private prune(now: number): void {
    const horizon = now - this.windowMs;
    while (this.samples.length > 0 && this.samples[0].end < horizon) this.samples.shift();
  }
}
