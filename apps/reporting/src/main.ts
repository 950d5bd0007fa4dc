/**
 * The reporting process: keeps the `tasks` read model current itself and takes the configured
 * periodic snapshots at each cut-off, exactly once however many of these processes run. With
 * CHIDAO_REMINDER_AT set (here, and in no other process of the deployment) it also runs the daily
 * reminders and sends the messages (reporting-reminders.ts), keeping `task_reminders` and
 * `reminder_messages` as well. With the bus in process it runs its own runners following the
 * store; with CHIDAO_BUS=kafka it consumes the topic in its own consumer groups (see
 * read-model-feeds.ts). Either way it shares the read models with the API and the projector
 * (writers of one projection skip what another already applied). Its stores come from the
 * deployment's environment (SQLite in the data directory, or PostgreSQL); GET /health, /ready
 * and /metrics on PORT (default 3002).
 */
import type { TaskTimeline } from '@chidao/domain';
import {
  createLogger,
  createMetrics,
  registerLagMetrics,
  registerWorkerMetrics,
} from '@chidao/observability';
import {
  projectionLag,
  reminderMessagesProjection,
  taskRemindersProjection,
  taskTimelineProjection,
  type DocumentProjection,
} from '@chidao/projections';
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
import { startReadModelFeeds } from './read-model-feeds';
import { startReportingReminders, type ReportingReminders } from './reporting-reminders';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  const log = createLogger({ service: 'reporting', level: config.observability.logLevel });
  const stores = await openStores(config.deployment, { applicationName: 'chidao-reporting' });
  const { eventStore, readStore, snapshots, anchors } = stores;
  const workers = { ...config.workers, log };
  const metrics = createMetrics();
  const { reminders } = config;
  const projections = [
    taskTimelineProjection,
    ...(reminders.at === null ? [] : [taskRemindersProjection, reminderMessagesProjection]),
  ] as DocumentProjection<unknown>[];
  const feeds = await startReadModelFeeds(stores, config.deployment.bus, projections, workers);
  const tasks = readStore.documents<TaskTimeline>('tasks');
  const clock = { now: () => new Date() };
  const scheduler = await startScheduledReports(
    {
      eventStore,
      tasks,
      waitForTasks: (position) => feeds.waitFor('tasks', position),
      snapshots,
      clock,
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
  const sending: ReportingReminders | null =
    reminders.at === null
      ? null
      : await startReportingReminders({
          stores,
          feeds,
          config: { ...reminders, at: reminders.at },
          workers: config.workers,
          metrics,
          log,
          clock,
        });
  const running = () => [
    ...feeds.workers(),
    scheduler.status(),
    ...(sending ? [sending.status()] : []),
  ];
  registerWorkerMetrics(metrics.registry, running);
  registerLagMetrics(
    metrics.registry,
    () =>
      Promise.all(
        projections.map(async ({ name }) => {
          const lag = await projectionLag(eventStore, await readStore.documents(name).position());
          const { events, seconds } = lag;
          return { kind: 'projection' as const, projection: name, events, seconds };
        }),
      ),
    (error) => log.warn({ err: error }, 'lag metrics: the store did not answer'),
  );
  const probes = await startProbeServer(
    config.port,
    () => workersReadiness(eventStore, running()),
    { registry: metrics.registry, token: config.observability.metricsToken },
  );
  log.info(
    `Chidao reporting: ${config.schedules.map((s) => `${s.type}:${s.convention}`).join(', ') || 'no schedules'} ` +
      `at ${config.at}; ${projections.map((p) => p.name).join(', ')} ${feeds.description}; ` +
      `${sending ? sending.description : 'no reminders (CHIDAO_REMINDER_AT unset)'}; ` +
      `probes and /metrics on http://localhost:${(probes.address() as AddressInfo).port}; ` +
      describeDeployment(config.deployment),
  );
  onTerminationSignal(async () => {
    log.info('shutting down: finishing the snapshot, reminders and batch in flight');
    probes.close();
    await Promise.all([scheduler.stop(), sending?.stop()]);
    await feeds.stop();
    await stores.close();
    log.info('stopped');
  });
}

main().catch((error: unknown) => {
  // A configuration mistake or an unreachable server is the operator's to fix: one line each.
  console.error(startupFailureMessage(error));
  process.exit(1);
});
