/**
 * The projector process: keeps the read models the API queries. With CHIDAO_BUS=kafka it runs
 * the outbox relay (one instance publishes at a time, the others stand by) and consumes every
 * projection from the topic as a consumer group, so instances share the partitions; with the bus
 * in process it follows the store with one runner per projection. Either way the API runs with
 * CHIDAO_PROJECTIONS=off. GET /health, /ready and /metrics on PORT (default 3001).
 */
import {
  createLogger,
  createMetrics,
  registerLagMetrics,
  registerWorkerMetrics,
} from '@chidao/observability';
import {
  describeDeployment,
  onTerminationSignal,
  openStores,
  startProbeServer,
  workersReadiness,
  startupFailureMessage,
} from '@chidao/runtime';
import type { AddressInfo } from 'node:net';
import { startKafkaPipeline, startStorePipeline } from './projection-pipeline';
import { loadProjectorConfig } from './projector-config';

async function main(): Promise<void> {
  const config = loadProjectorConfig();
  const { deployment } = config;
  const log = createLogger({ service: 'projector', level: config.observability.logLevel });
  const stores = await openStores(deployment, { applicationName: 'chidao-projector' });
  const workers = { ...config.workers, log };
  const pipeline =
    deployment.bus.kind === 'kafka'
      ? startKafkaPipeline(stores, deployment.bus, workers)
      : await startStorePipeline(stores, workers);
  const metrics = createMetrics();
  registerWorkerMetrics(metrics.registry, () => pipeline.workers());
  registerLagMetrics(
    metrics.registry,
    () => pipeline.lags(),
    (error) => log.warn({ err: error }, 'lag metrics: the store did not answer'),
  );
  const probes = await startProbeServer(
    config.port,
    async () => workersReadiness(stores.eventStore, pipeline.workers(), await pipeline.details()),
    { registry: metrics.registry, token: config.observability.metricsToken },
  );
  log.info(
    `Chidao projector: ${pipeline.description}; probes and /metrics on ` +
      `http://localhost:${(probes.address() as AddressInfo).port}; ${describeDeployment(deployment)}`,
  );
  onTerminationSignal(async () => {
    log.info('shutting down: finishing the batches in flight');
    probes.close();
    await pipeline.stop();
    await stores.close();
    log.info('stopped');
  });
}

main().catch((error: unknown) => {
  // A configuration mistake or an unreachable server is the operator's to fix: one line each.
  console.error(startupFailureMessage(error));
  process.exit(1);
});
