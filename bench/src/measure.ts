import { readFileSync } from 'node:fs';

/**
 * How a benchmark figure is measured and summarised: warm-up runs first (discarded), then at
 * least five measured runs; the figure is their median, with min and max beside it.
 */

export interface Figure {
  /** Stable key, e.g. `append.sqlite.1-writer`. */
  readonly id: string;
  /** What it measures, for the table. */
  readonly label: string;
  readonly unit: string;
  /** Which way is better, so a reader sees at a glance. */
  readonly better: 'higher' | 'lower';
  readonly runs: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /**
   * Peak resident memory (MB) of the process doing the work: the workload's own, added by the
   * runner, unless the workload measured a server or writer process of its own.
   */
  readonly peakRssMb?: number;
  /** What else a reader needs (sizes, batch shapes). */
  readonly note?: string;
}

type FigureSpec = Omit<Figure, 'runs' | 'median' | 'min' | 'max'>;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function figure(spec: FigureSpec, runs: readonly number[]): Figure {
  return {
    ...spec,
    runs: runs.map(round),
    median: round(median(runs)),
    min: round(Math.min(...runs)),
    max: round(Math.max(...runs)),
  };
}

const round = (value: number): number =>
  Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;

export interface RunPlan {
  readonly warmups: number;
  readonly runs: number;
}

/**
 * Calls `once` for the warm-ups then for each measured run and returns the measured values;
 * `once` gets the run's index (warm-ups negative) so it can use fresh data each time.
 */
export async function repeat<T>(plan: RunPlan, once: (run: number) => Promise<T>): Promise<T[]> {
  for (let w = plan.warmups; w > 0; w -= 1) await once(-w);
  const values: T[] = [];
  for (let run = 0; run < plan.runs; run += 1) values.push(await once(run));
  return values;
}

/** Per second, from a count and milliseconds. */
export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

/** Peak resident memory (VmHWM) of another live process, in MB; null where /proc has none. */
export function peakRssOfPid(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}
