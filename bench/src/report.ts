/** The results as JSON and as the markdown table docs/performance.md shows. */
import type { Figure } from './measure';

export interface WorkloadOutcome {
  readonly id: string;
  readonly title: string;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly reason?: string;
  readonly figures: readonly Figure[];
  readonly elapsedMs: number;
}

export interface BenchResults {
  readonly machine: Record<string, string | number>;
  readonly options: Record<string, unknown>;
  readonly startedAt: string;
  readonly elapsedMs: number;
  readonly workloads: readonly WorkloadOutcome[];
}

const number = (value: number): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 2 });

export function markdownOf(results: BenchResults): string {
  const lines = [
    `Size ${String(results.options.size)} events, median of ${String(results.options.runs)} runs after ${String(results.options.warmups)} warm-up(s); ` +
      `${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGb} GB, Node ${results.machine.node}; ` +
      `${results.startedAt}, ${Math.round(results.elapsedMs / 1000)} s in all.`,
    '',
    '| Figure | Median | Min | Max | Unit | Peak RSS (MB) |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const workload of results.workloads) {
    if (workload.status !== 'ok') {
      lines.push(
        `| ${workload.title}: **${workload.status}** — ${workload.reason ?? ''} | | | | | |`,
      );
      continue;
    }
    for (const f of workload.figures) {
      lines.push(
        `| ${f.label} | ${number(f.median)} | ${number(f.min)} | ${number(f.max)} | ${f.unit} | ${f.peakRssMb ?? ''} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
