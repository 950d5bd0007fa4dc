/** What every workload is given: the size, the run plan, where to write, which servers exist. */
import type { RunPlan } from './measure';

export interface BenchContext extends RunPlan {
  /** Events in the generated history. */
  readonly size: number;
  /** Tasks in the read model of the large-queries workload; null: that workload is not run. */
  readonly tasks: number | null;
  /** Rows of the list the imports workload generates and uploads. */
  readonly importRows: number;
  /** Seed of the generator. */
  readonly seed: number;
  /** A directory of the workload's own, removed after it. */
  readonly workDir: string;
  /** PostgreSQL to measure against, or null (its figures are then left out, and said so). */
  readonly postgresUrl: string | null;
}

/** Progress lines go to stderr: stdout carries the result. */
export const say = (message: string): void => {
  process.stderr.write(`  ${message}\n`);
};

/** The line a workload's process prints its figures on. */
export const RESULT_PREFIX = 'BENCH-RESULT ';
