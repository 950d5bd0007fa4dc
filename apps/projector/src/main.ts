/**
 * The projector process: keeps the read models the API queries. With CHIDAO_BUS=kafka it runs
 * the outbox relay (one instance publishes at a time, the others stand by) and consumes every
 * projection from the topic as a consumer group, so instances share the partitions; with the bus
 * in process it follows the store with one runner per projection. Either way the API runs with
 * CHIDAO_PROJECTIONS=off. GET /health and GET /ready on PORT (default 3001) for probes.
 */
import {
  describeDeployment,
  onTerminationSignal,
  openStores,
  startProbeServer,
  startupFailureMessage,
} from '@chidao/runtime';
import type { AddressInfo } from 'node:net';
import { startKafkaPipeline, startStorePipeline } from './projection-pipeline';
import { loadProjectorConfig } from './projector-config';

async function main(): Promise<void> {
  const config = loadProjectorConfig();
  const { deployment } = config;
  const stores = await openStores(deployment, { applicationName: 'chidao-projector' });
  const onError = (part: string, error: unknown) =>
    console.error(`${part}: ${error instanceof Error ? error.message : String(error)}`);
  const pipeline =
    deployment.bus.kind === 'kafka'
      ? startKafkaPipeline(stores, deployment.bus, onError)
      : await startStorePipeline(stores, onError);
  const probes = await startProbeServer(config.port, async () => {
    await stores.eventStore.ping();
    return { headPosition: await stores.eventStore.headPosition(), ...(await pipeline.status()) };
  });
  console.log(
    `Chidao projector: ${pipeline.description}; probes on ` +
      `http://localhost:${(probes.address() as AddressInfo).port}; ${describeDeployment(deployment)}`,
  );
  onTerminationSignal(async () => {
    probes.close();
    await pipeline.stop();
    await stores.close();
  });
}

main().catch((error: unknown) => {
  // A configuration mistake or an unreachable server is the operator's to fix: one line each.
  console.error(startupFailureMessage(error));
  process.exit(1);
});
