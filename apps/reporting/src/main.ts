/**
 * The reporting process: keeps its own runner of the `tasks` read model (runners of several
 * processes share one projection safely: each batch commits only against the stored checkpoint)
 * and takes the configured periodic snapshots at each cut-off, exactly once however many of
 * these processes run.
 */
import type { TaskTimeline } from '@chidao/domain';
import { openEventStore } from '@chidao/event-store';
import { ensureProjection, openReadModelStore, taskTimelineProjection } from '@chidao/projections';
import { SqliteSnapshotStore, startScheduledReports } from '@chidao/reporting';
import * as fs from 'node:fs';
import { loadReportingConfig } from './reporting-config';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const eventStore = await openEventStore({ kind: 'sqlite', path: config.eventStorePath });
  const readStore = await openReadModelStore({ kind: 'sqlite', path: config.eventStorePath });
  const snapshots = SqliteSnapshotStore.open({ path: config.eventStorePath });
  const { runner } = await ensureProjection(taskTimelineProjection, { eventStore, readStore });
  const scheduler = await startScheduledReports(
    {
      eventStore,
      tasks: readStore.documents<TaskTimeline>('tasks'),
      waitForTasks: (position) => runner.waitFor(position),
      snapshots,
      clock: { now: () => new Date() },
    },
    {
      schedules: config.schedules,
      cutoffDay: config.cutoffDay,
      at: config.at,
      onError: (error) => console.error(`scheduled snapshot failed: ${String(error)}`),
    },
  );
  console.log(
    `Chidao reporting: ${config.schedules.map((s) => `${s.type}:${s.convention}`).join(', ') || 'no schedules'} ` +
      `at ${config.at} (data in ${config.dataDir})`,
  );
  const shutdown = async () => {
    await scheduler.stop();
    await runner.stop();
    await snapshots.close();
    await readStore.close();
    await eventStore.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
