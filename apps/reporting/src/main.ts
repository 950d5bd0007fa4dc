/**
 * The reporting process: keeps the `tasks` read model current itself and takes the configured
 * periodic snapshots at each cut-off, exactly once however many of these processes run. With the
 * bus in process it runs its own runner following the store; with CHIDAO_BUS=kafka it consumes
 * the topic in its own consumer group (see tasks-feed.ts). Either way it shares `tasks` with the
 * API and the projector (writers of one projection skip what another already applied). Its
 * stores come from the deployment's environment (SQLite in the data directory, or PostgreSQL);
 * GET /health and GET /ready on PORT (default 3002) for probes.
 */
import type { TaskTimeline } from '@chidao/domain';
import { startScheduledReports } from '@chidao/reporting';
import {
  describeDeployment,
  onTerminationSignal,
  openStores,
  startProbeServer,
  startupFailureMessage,
} from '@chidao/runtime';
import type { AddressInfo } from 'node:net';
import { loadReportingConfig } from './reporting-config';
import { startTasksFeed } from './tasks-feed';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  const stores = await openStores(config.deployment, { applicationName: 'chidao-reporting' });
  const { eventStore, readStore, snapshots, anchors } = stores;
  const feed = await startTasksFeed(stores, config.deployment.bus, (error) =>
    console.error(`tasks: ${error instanceof Error ? error.message : String(error)}`),
  );
  const tasks = readStore.documents<TaskTimeline>('tasks');
  const scheduler = await startScheduledReports(
    {
      eventStore,
      tasks,
      waitForTasks: (position) => feed.waitFor(position),
      snapshots,
      clock: { now: () => new Date() },
      // As the API's embedded scheduler: each snapshot's log digest starts at the daily anchor.
      digestStart: (position) => anchors.upTo(position),
      // Fed from Kafka, a snapshot waits until no partition of `tasks` is ahead of the others.
      readStore: config.deployment.bus.kind === 'kafka' ? readStore : undefined,
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
      `at ${config.at}; tasks ${feed.description}; ` +
      `probes on http://localhost:${(probes.address() as AddressInfo).port}; ` +
      describeDeployment(config.deployment),
  );
  onTerminationSignal(async () => {
    probes.close();
    await scheduler.stop();
    await feed.stop();
    await stores.close();
  });
}

main().catch((error: unknown) => {
  // A configuration mistake or an unreachable server is the operator's to fix: one line each.
  console.error(startupFailureMessage(error));
  process.exit(1);
});
