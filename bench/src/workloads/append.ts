/**
 * Append: commands per second through the domain and the event store (each reads its task's
 * stream, decides, appends with the version read), by 1 and by 8 writer processes, on a store
 * already holding the generated history. Also the bulk load of that history.
 */
import * as path from 'node:path';
import { say, type BenchContext } from '../context';
import { figure, peakRssOfPid, perSecond, repeat, type Figure } from '../measure';
import { loadHistory, openBenchStore, LOAD_BATCH_STREAMS, type StoreKind } from '../stores';
import { forkTypeScript, nextMessage } from './fork-ts';

/** Commands per measured run, shared among the writers. */
const COMMANDS_PER_RUN = 1000;
const WRITER = path.join(__dirname, 'append-writer.ts');

export async function appendWorkload(kind: StoreKind, ctx: BenchContext): Promise<Figure[]> {
  const store = await openBenchStore(kind, ctx);
  try {
    say(`${kind}: loading ${ctx.size} events`);
    const loaded = await loadHistory(store.eventStore, ctx);
    say(`${kind}: loaded ${loaded.events} events in ${Math.round(loaded.ms)} ms`);
    const figures: Figure[] = [
      figure(
        {
          id: `load.${kind}`,
          label: `Bulk load of the generated history (${kind}, appendMany of ${LOAD_BATCH_STREAMS} task streams, generation included)`,
          unit: 'events/s',
          better: 'higher',
          note: 'measured once: it builds the store the runs use',
        },
        [perSecond(loaded.events, loaded.ms)],
      ),
    ];
    for (const writers of [1, 8]) {
      const { rates, peakRssMb } = await commandsPerSecond(
        store.config,
        loaded.openTasks,
        writers,
        ctx,
      );
      figures.push(
        figure(
          {
            id: `append.${kind}.${writers}w`,
            label: `Commands through domain + store (${kind}, ${writers} writer${writers > 1 ? ' processes' : ''})`,
            unit: 'commands/s',
            better: 'higher',
            note: `${COMMANDS_PER_RUN} progress reports per run on a log of ${loaded.events} events; memory is the largest writer's`,
            peakRssMb: peakRssMb ?? undefined,
          },
          rates,
        ),
      );
    }
    return figures;
  } finally {
    await store.close();
  }
}

async function commandsPerSecond(
  config: unknown,
  tasks: readonly { taskId: string }[],
  writers: number,
  ctx: BenchContext,
): Promise<{ rates: number[]; peakRssMb: number | null }> {
  // Each writer gets its own tasks: writers stand for agencies, which do not share tasks.
  const children = Array.from({ length: writers }, (_, w) => {
    const child = forkTypeScript(WRITER);
    child.send({ config, tasks: tasks.filter((_, i) => i % writers === w) });
    return child;
  });
  try {
    await Promise.all(children.map((child) => nextMessage(child, 'ready')));
    const share = Math.ceil(COMMANDS_PER_RUN / writers);
    const rates = await repeat(ctx, async (run) => {
      const started = performance.now();
      const done = children.map((child) => nextMessage(child, 'done'));
      for (const child of children) child.send({ kind: 'run', commands: share });
      await Promise.all(done);
      const rate = perSecond(share * writers, performance.now() - started);
      if (run >= 0) say(`${writers} writer(s) run ${run + 1}: ${Math.round(rate)} commands/s`);
      return rate;
    });
    const peaks = children.map((child) => peakRssOfPid(child.pid) ?? 0);
    return { rates, peakRssMb: Math.max(...peaks) || null };
  } finally {
    for (const child of children) child.send({ kind: 'stop' });
    await Promise.all(
      children.map((child) => new Promise((resolve) => child.once('exit', resolve))),
    );
  }
}
