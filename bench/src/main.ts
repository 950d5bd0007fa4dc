/**
 * `npm run bench`: each workload in a child process of its own (so its peak memory is its own),
 * one after the other, then the results as JSON and a markdown table in bench/results/.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { RESULT_PREFIX, type BenchContext } from './context';
import type { Figure } from './measure';
import { parseOptions, type BenchOptions } from './options';
import { markdownOf, type BenchResults, type WorkloadOutcome } from './report';
import { WORKLOADS } from './workloads';
import { REPO_ROOT } from './workloads/fork-ts';

async function postgresUrl(): Promise<{ url: string | null; reason: string }> {
  const configured = process.env.CHIDAO_BENCH_POSTGRES_URL ?? process.env.CHIDAO_TEST_POSTGRES_URL;
  const url = configured ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return { url, reason: `PostgreSQL ${rows[0].server_version}` };
  } catch (error) {
    return { url: null, reason: `PostgreSQL at ${url} does not answer (${String(error)})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `npm ci` in a bench/peers directory the first time a workload needs it. */
function ensurePeers(dir: string): void {
  const root = path.join(REPO_ROOT, 'bench/peers', dir);
  if (fs.existsSync(path.join(root, 'node_modules/.package-lock.json'))) return;
  process.stderr.write(`bench: installing bench/peers/${dir} (npm ci)\n`);
  const env = { ...process.env };
  // Native addons compile from source here: node-gyp must find Node's headers locally.
  if (fs.existsSync('/usr/include/node')) env.npm_config_nodedir = '/usr';
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`npm ci in bench/peers/${dir} failed`);
}

function runChild(id: string, ctx: BenchContext): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', './tools/ts-register.js', 'bench/src/child.ts', id, JSON.stringify(ctx)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as Figure[]);
      else reject(new Error(`exited with ${code}`));
    });
  });
}

async function main(options: BenchOptions): Promise<void> {
  const started = Date.now();
  const postgres = await postgresUrl();
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    postgres: postgres.reason,
  };
  process.stderr.write(`bench: ${options.size} events; ${postgres.reason}\n`);
  const outcomes: WorkloadOutcome[] = [];
  for (const workload of WORKLOADS) {
    if (options.only && !options.only.includes(workload.id)) continue;
    const begun = Date.now();
    if (workload.needsTasks && options.tasks === null) continue;
    if (workload.needsPostgres && !postgres.url) {
      outcomes.push({
        ...workload,
        status: 'skipped',
        reason: postgres.reason,
        figures: [],
        elapsedMs: 0,
      });
      continue;
    }
    process.stderr.write(`\n== ${workload.title}\n`);
    const ctx: BenchContext = {
      size: options.size,
      tasks: options.tasks,
      importRows: options.importRows,
      seed: options.seed,
      runs: options.runs,
      warmups: options.warmups,
      postgresUrl: postgres.url,
      workDir: fs.mkdtempSync(path.join(os.tmpdir(), `chidao-bench-${workload.id}-`)),
    };
    try {
      for (const dir of workload.peers ?? []) ensurePeers(dir);
      const figures = await runChild(workload.id, ctx);
      outcomes.push({
        id: workload.id,
        title: workload.title,
        status: 'ok',
        figures,
        elapsedMs: Date.now() - begun,
      });
    } catch (error) {
      outcomes.push({
        id: workload.id,
        title: workload.title,
        status: 'failed',
        reason: String(error instanceof Error ? error.message : error),
        figures: [],
        elapsedMs: Date.now() - begun,
      });
    } finally {
      fs.rmSync(ctx.workDir, { recursive: true, force: true });
    }
  }
  const results: BenchResults = {
    machine,
    options: {
      size: options.size,
      sizeLabel: options.sizeLabel,
      tasks: options.tasks,
      runs: options.runs,
      warmups: options.warmups,
      seed: options.seed,
      importRows: options.importRows,
    },
    startedAt: new Date(started).toISOString(),
    elapsedMs: Date.now() - started,
    workloads: outcomes,
  };
  const out = path.resolve(REPO_ROOT, options.out);
  fs.mkdirSync(out, { recursive: true });
  const base = path.join(
    out,
    `bench-${options.sizeLabel}-${results.startedAt.replace(/[:.]/g, '-')}`,
  );
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = markdownOf(results);
  fs.writeFileSync(`${base}.md`, markdown);
  process.stdout.write(`\n${markdown}\nwritten ${base}.json and ${base}.md\n`);
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
main(options).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
