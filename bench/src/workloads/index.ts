/** Every workload `npm run bench` runs, in order; each runs in a child process of its own. */
import type { BenchContext } from '../context';
import type { Figure } from '../measure';
import { appendWorkload } from './append';
import { peersWorkload } from './peers';

export interface Workload {
  readonly id: string;
  readonly title: string;
  /** Skipped, and said so, without a PostgreSQL URL. */
  readonly needsPostgres?: boolean;
  /** Directories under bench/peers whose packages it needs (installed on first use). */
  readonly peers?: readonly string[];
  run(ctx: BenchContext): Promise<Figure[]>;
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'append-sqlite', title: 'Append, SQLite', run: (ctx) => appendWorkload('sqlite', ctx) },
  {
    id: 'append-postgres',
    title: 'Append, PostgreSQL',
    needsPostgres: true,
    run: (ctx) => appendWorkload('postgres', ctx),
  },
  {
    id: 'peers',
    title: 'Side by side: Emmett, and the physical floor',
    peers: ['sqlite', 'postgresql'],
    run: peersWorkload,
  },
];
