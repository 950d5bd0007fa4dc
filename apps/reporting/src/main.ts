/**
 * The reporting process: keeps the `tasks` read model current itself and takes the configured
 * periodic snapshots at each cut-off, exactly once however many of these processes run. With the
 * bus in process it runs its own runner following the store; with CHIDAO_BUS=kafka it consumes
 * the topic in its own consumer group (see tasks-feed.ts). Either way it shares `tasks` with the
 * API and the projector (writers of one projection skip what another already applied). Its
 * stores come from the deployment's environment (SQLite in the data directory, or PostgreSQL);
 * GET /health, /ready and /metrics on PORT (default 3002).
 */
import type { TaskTimeline } from '@chidao/domain';
import {
  createLogger,
  createMetrics,
  registerLagMetrics,
  registerWorkerMetrics,
} from '@chidao/observability';
import { projectionLag } from '@chidao/projections';
import { startScheduledReports } from '@chidao/reporting';
import {
  describeDeployment,
  onTerminationSignal,
  openStores,
  startProbeServer,
  workersReadiness,
  startupFailureMessage,
} from '@chidao/runtime';
import type { AddressInfo } from 'node:net';
import { loadReportingConfig } from './reporting-config';
import { startTasksFeed } from './tasks-feed';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  const log = createLogger({ service: 'reporting', level: config.observability.logLevel });
  const stores = await openStores(config.deployment, { applicationName: 'chidao-reporting' });
  const { eventStore, readStore, snapshots, anchors } = stores;
  const workers = { ...config.workers, log };
  const metrics = createMetrics();
  const feed = await startTasksFeed(stores, config.deployment.bus, workers);
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
      ...workers,
      onOutcome: (outcome) => {
        metrics.countScheduledRun(
          'reports',
          outcome.result === 'taken' ? 'succeeded' : outcome.result,
        );
        if (outcome.result === 'taken') {
          log.info(
            { report: outcome.reportId, period: outcome.periodId },
            `snapshot taken: ${outcome.reportId}`,
          );
        }
      },
    },
  );
  const running = () => [feed.worker(), scheduler.status()];
  registerWorkerMetrics(metrics.registry, running);
  registerLagMetrics(
    metrics.registry,
    async () => {
      const lag = await projectionLag(eventStore, await tasks.position());
      return [
        { kind: 'projection', projection: 'tasks', events: lag.events, seconds: lag.seconds },
      ];
    },
    (error) => log.warn({ err: error }, 'lag metrics: the store did not answer'),
  );
  const probes = await startProbeServer(
    config.port,
    () => workersReadiness(eventStore, running()),
    { registry: metrics.registry, token: config.observability.metricsToken },
  );
  log.info(
    `Chidao reporting: ${config.schedules.map((s) => `${s.type}:${s.convention}`).join(', ') || 'no schedules'} ` +
      `at ${config.at}; tasks ${feed.description}; ` +
      `probes and /metrics on http://localhost:${(probes.address() as AddressInfo).port}; ` +
      describeDeployment(config.deployment),
  );
  onTerminationSignal(async () => {
    log.info('shutting down: finishing the snapshot and batch in flight');
    probes.close();
    await scheduler.stop();
    await feed.stop();
    await stores.close();
    log.info('stopped');
  });
}

main().catch((error: unknown) => {
  // A configuration mistake or an unreachable server is the operator's to fix: one line each.
  console.error(startupFailureMessage(error));
  process.exit(1);
});
