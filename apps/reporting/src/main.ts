/**
 * The reporting process: keeps its own runner of the `tasks` read model (runners of several
 * processes share one projection safely: each batch commits only against the stored checkpoint)
 * and takes the configured periodic snapshots at each cut-off, exactly once however many of
 * these processes run. Its stores come from the deployment's environment (SQLite in the data
 * directory, or PostgreSQL); GET /health and GET /ready on PORT (default 3002) for probes.
 */
import type { TaskTimeline } from '@chidao/domain';
import { ensureProjection, taskTimelineProjection } from '@chidao/projections';
import { startScheduledReports } from '@chidao/reporting';
import { ConfigError, describeDeployment, openStores } from '@chidao/runtime';
import type { AddressInfo } from 'node:net';
import { startProbeServer } from './probe-server';
import { loadReportingConfig } from './reporting-config';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  const stores = await openStores(config.deployment, { applicationName: 'chidao-reporting' });
  const { eventStore, readStore, snapshots, anchors } = stores;
  const { runner } = await ensureProjection(taskTimelineProjection, { eventStore, readStore });
  const tasks = readStore.documents<TaskTimeline>('tasks');
  const scheduler = await startScheduledReports(
    {
      eventStore,
      tasks,
      waitForTasks: (position) => runner.waitFor(position),
      snapshots,
      clock: { now: () => new Date() },
      // As the API's embedded scheduler: each snapshot's log digest starts at the daily anchor.
      digestStart: (position) => anchors.upTo(position),
    },
    {
      schedules: config.schedules,
      cutoffDay: config.cutoffDay,
      at: config.at,
      onError: (error) => console.error(`scheduled snapshot failed: ${String(error)}`),
    },
  );
  const probes = await startProbeServer(config.port, async () => {
    await eventStore.ping();
    const [headPosition, tasksPosition] = await Promise.all([
      eventStore.headPosition(),
      tasks.position(),
    ]);
    return { headPosition, tasksPosition };
  });
  console.log(
    `Chidao reporting: ${config.schedules.map((s) => `${s.type}:${s.convention}`).join(', ') || 'no schedules'} ` +
      `at ${config.at}; probes on http://localhost:${(probes.address() as AddressInfo).port}; ` +
      describeDeployment(config.deployment),
  );
  const shutdown = async () => {
    probes.close();
    await scheduler.stop();
    await runner.stop();
    await stores.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // A configuration mistake is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
