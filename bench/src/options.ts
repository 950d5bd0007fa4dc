/** `npm run bench -- --size 100k [--runs 5] [--warmups 1] [--only a,b] [--out dir] [--seed N]` */

export interface BenchOptions {
  readonly size: number;
  readonly sizeLabel: string;
  readonly tasks: number | null;
  readonly runs: number;
  readonly warmups: number;
  readonly only: readonly string[] | null;
  readonly out: string;
  readonly seed: number;
  /** Rows of the generated list the imports workload uploads. */
  readonly importRows: number;
}

const USAGE = `npm run bench -- [--size 10k|100k|1M|<events>] [--tasks 100k|1M] [--runs N (≥5)]
                    [--warmups N] [--only workload,…] [--out DIR] [--seed N]
                    [--import-rows 50k]
--import-rows: rows of the list the imports workload uploads (default 50k).
--tasks adds the queries on a read model of that many tasks (built from a generated log).
PostgreSQL: CHIDAO_BENCH_POSTGRES_URL (else CHIDAO_TEST_POSTGRES_URL, else
postgres://postgres@127.0.0.1:5432/test when it answers); without one its figures are skipped.
`;

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`--size must be like 10k, 100k, 1M or a number, not "${text}"`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * scale);
}

export function parseOptions(args: readonly string[]): BenchOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const name = args[i];
    if (!name.startsWith('--')) throw new Error(`unexpected argument "${name}"\n${USAGE}`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    values.set(name.slice(2), value);
    i += 1;
  }
  for (const name of values.keys()) {
    if (
      !['size', 'tasks', 'runs', 'warmups', 'only', 'out', 'seed', 'import-rows'].includes(name)
    ) {
      throw new Error(`unknown option --${name}\n${USAGE}`);
    }
  }
  const sizeLabel = values.get('size') ?? '100k';
  const runs = Number(values.get('runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 5) throw new Error('--runs must be a whole number ≥ 5');
  const warmups = Number(values.get('warmups') ?? 1);
  if (!Number.isInteger(warmups) || warmups < 0) throw new Error('--warmups must be ≥ 0');
  return {
    size: parseSize(sizeLabel),
    sizeLabel,
    tasks: values.has('tasks') ? parseSize(values.get('tasks')!) : null,
    runs,
    warmups,
    only: values.has('only')
      ? values
          .get('only')!
          .split(',')
          .map((s) => s.trim())
      : null,
    out: values.get('out') ?? 'bench/results',
    seed: Number(values.get('seed') ?? 2024),
    importRows: parseSize(values.get('import-rows') ?? '50k'),
  };
}
