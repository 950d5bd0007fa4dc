/**
 * Runs one workload in this process and prints its figures as the last stdout line, with the
 * process's peak resident memory: one process per workload, so each peak is its own.
 */
import * as fs from 'node:fs';
import { RESULT_PREFIX, type BenchContext } from './context';
import { WORKLOADS } from './workloads';

async function main(): Promise<void> {
  const [id, json] = process.argv.slice(2);
  const workload = WORKLOADS.find((w) => w.id === id);
  if (!workload) throw new Error(`unknown workload ${id}`);
  const ctx = JSON.parse(json) as BenchContext;
  fs.mkdirSync(ctx.workDir, { recursive: true });
  try {
    const figures = await workload.run(ctx);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(
      `${RESULT_PREFIX}${JSON.stringify(figures.map((f) => ({ ...f, peakRssMb: f.peakRssMb ?? peakRssMb })))}\n`,
    );
  } finally {
    fs.rmSync(ctx.workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
