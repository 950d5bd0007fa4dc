/**
 * How long the Kafka-fed projections stall after a kill -9 of a projector and after a broker
 * outage, measured on real processes, PostgreSQL and a real broker (see scenarios.ts). Timings,
 * not facts: not part of any test run. The figures are in docs/operations.md ("Kafka: failures
 * and what to expect").
 *
 *   node -r ./tools/ts-register.js bench/src/kafka-failover/main.ts \
 *     [--runs 3] [--outage 20] [--only kill,restart,outage] [--set NAME=VALUE]...
 *
 * `--set` passes a variable to every process (e.g. --set CHIDAO_KAFKA_SESSION_TIMEOUT_MS=30000
 * for kafkajs' own default), to compare settings.
 *
 * The broker: CHIDAO_BENCH_KAFKA_BROKERS and CHIDAO_BENCH_KAFKA_CONTROL (its .ci/kafka.sh
 * command), else the CI's restartable one (CHIDAO_TEST_KAFKA_RESTARTABLE_BROKERS / _CONTROL).
 * `outage` stops and starts it: use a broker nothing else needs meanwhile, e.g.
 *   CHIDAO_KAFKA_PORT=19192 .ci/kafka.sh start
 *   CHIDAO_BENCH_KAFKA_BROKERS=127.0.0.1:19192 CHIDAO_BENCH_KAFKA_CONTROL="$PWD/.ci/kafka.sh" \
 *     CHIDAO_KAFKA_PORT=19192 node -r ./tools/ts-register.js bench/src/kafka-failover/main.ts
 * PostgreSQL: CHIDAO_BENCH_POSTGRES_URL, else CHIDAO_TEST_POSTGRES_URL, else
 * postgres://postgres@127.0.0.1:5432/test; each scenario uses a schema of its own and drops it.
 */
import { Deployment } from './deployment';
import { GroupWatch } from './group-watch';
import { SCENARIOS, type Figures, type ScenarioName } from './scenarios';

interface Options {
  readonly runs: number;
  readonly outageMs: number;
  readonly only: readonly ScenarioName[];
  readonly settings: Record<string, string>;
}

const USAGE =
  'usage: bench/src/kafka-failover/main.ts [--runs N] [--outage SECONDS] ' +
  '[--only kill,restart,outage] [--set NAME=VALUE]...';

function parseOptions(args: readonly string[]): Options {
  let runs = 3;
  let outageMs = 20_000;
  let only = Object.keys(SCENARIOS) as ScenarioName[];
  const settings: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    if (name === '--runs' && /^[1-9]\d*$/.test(value)) runs = Number(value);
    else if (name === '--outage' && /^[1-9]\d*$/.test(value)) outageMs = Number(value) * 1_000;
    else if (name === '--only' && value.split(',').every((s) => s in SCENARIOS)) {
      only = value.split(',') as ScenarioName[];
    } else if (name === '--set' && /^[A-Z_]+=/.test(value)) {
      settings[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
    } else throw new Error(`"${name} ${value}" is not understood\n${USAGE}`);
  }
  return { runs, outageMs, only, settings };
}

function broker(): { brokers: string[]; control: string } {
  const brokers =
    process.env.CHIDAO_BENCH_KAFKA_BROKERS ?? process.env.CHIDAO_TEST_KAFKA_RESTARTABLE_BROKERS;
  const control =
    process.env.CHIDAO_BENCH_KAFKA_CONTROL ?? process.env.CHIDAO_TEST_KAFKA_RESTARTABLE_CONTROL;
  if (!brokers || !control) {
    throw new Error(
      'set CHIDAO_BENCH_KAFKA_BROKERS and CHIDAO_BENCH_KAFKA_CONTROL (a broker this may stop)',
    );
  }
  return { brokers: brokers.split(',').map((b) => b.trim()), control };
}

const say = (line: string) => process.stderr.write(`  ${line}\n`);

function summary(name: string, figures: readonly Figures[]): string {
  const columns = Object.keys(figures[0] ?? {});
  const cell = (column: string): string => {
    const values = figures.map((f) => f[column]);
    if (values.some((v) => typeof v !== 'number')) return values.join(', ');
    const sorted = (values as number[]).slice().sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const s = (ms: number) => (ms / 1_000).toFixed(1);
    return `${s(median)} s (${s(sorted[0])}–${s(sorted[sorted.length - 1])})`;
  };
  return [
    `### ${name} (${figures.length} runs; median, min–max)`,
    '',
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    `| ${columns.map(cell).join(' | ')} |`,
    '',
  ].join('\n');
}

async function main(options: Options): Promise<void> {
  const { brokers, control } = broker();
  const postgresUrl =
    process.env.CHIDAO_BENCH_POSTGRES_URL ??
    process.env.CHIDAO_TEST_POSTGRES_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const settings = Object.entries(options.settings).map(([k, v]) => `${k}=${v}`);
  const out: string[] = [`settings: ${settings.join(' ') || 'defaults'}`, ''];
  for (const name of options.only) {
    say(`${name}: starting`);
    const deployment = new Deployment({
      postgresUrl,
      brokers,
      partitions: 6,
      historyEvents: 2_000,
      settings: options.settings,
    });
    await deployment.load();
    const watch = await GroupWatch.open(brokers, deployment.topic, deployment.readStoreConfig);
    try {
      const figures = await SCENARIOS[name]({
        deployment,
        watch,
        runs: options.runs,
        outageMs: options.outageMs,
        control,
        say,
      });
      out.push(summary(name, figures));
    } finally {
      await deployment.close();
      await watch.deleteGroupsAndTopic(Object.keys(deployment.groups));
      await watch.close();
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main(parseOptions(process.argv.slice(2))).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
