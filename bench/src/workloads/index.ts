/** Every workload `npm run bench` runs, in order; each runs in a child process of its own. */
import type { BenchContext } from '../context';
import type { Figure } from '../measure';
import { appendWorkload } from './append';
import { httpWorkload } from './http';
import { importsWorkload } from './imports';
import { largeQueriesWorkload } from './large-queries';
import { peersWorkload } from './peers';
import { readSideWorkload } from './read-side';
import { remindersWorkload } from './reminders';

interface Workload {
  readonly id: string;
  readonly title: string;
  /** Skipped, and said so, without a PostgreSQL URL. */
  readonly needsPostgres?: boolean;
  /** Directories under bench/peers whose packages it needs (installed on first use). */
  readonly peers?: readonly string[];
  /** Run only when `--tasks N` is given. */
  readonly needsTasks?: boolean;
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
  { id: 'http', title: 'HTTP command latency', run: httpWorkload },
  {
    id: 'imports',
    title: 'Importing a list of --import-rows tasks through the API',
    run: importsWorkload,
  },
  {
    id: 'read-sqlite',
    title: 'Rebuild, queries and reports, SQLite',
    run: (ctx) => readSideWorkload('sqlite', ctx),
  },
  {
    id: 'read-postgres',
    title: 'Rebuild and queries, PostgreSQL',
    needsPostgres: true,
    run: (ctx) => readSideWorkload('postgres', ctx),
  },
  {
    id: 'peers',
    title: 'Side by side: Emmett, and the physical floor',
    peers: ['sqlite', 'postgresql'],
    run: peersWorkload,
  },
  {
    id: 'large-queries',
    title: 'Queries on a read model of --tasks tasks',
    needsTasks: true,
    run: largeQueriesWorkload,
  },
  {
    id: 'reminders',
    title: 'Reminder run over --tasks tasks',
    needsTasks: true,
    run: remindersWorkload,
  },
];
