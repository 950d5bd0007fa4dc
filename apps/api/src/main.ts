import { createLogger } from '@chidao/observability';
import { describeDeployment, reachDatabase, startupFailureMessage } from '@chidao/runtime';
import { createApp } from './app.factory';
import { loadAppConfig } from './config/app-config';
import { serveWebApp } from './web/serve-web-app';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadAppConfig();
  const log = createLogger({ service: 'api', level: config.observability.logLevel }).child({
    context: 'Main',
  });
  // Before opening anything: if a store does not answer, the operator sees which one was meant.
  log.info(`${describeDeployment(config.deployment)}; projections ${config.projections}`);
  // Before NestJS, whose injector would print a stack trace for a database it cannot reach.
  await reachDatabase(config.deployment);
  const app = await createApp(config);
  serveWebApp(app);
  await app.listen(config.port);
  log.info(
    `Chidao API on http://localhost:${config.port} (docs at /docs, metrics at /metrics, data in ${config.dataDir}) — started in ${Date.now() - started} ms`,
  );
}

main().catch((error: unknown) => {
  // A configuration mistake or an unreachable server is the operator's to fix: one line each.
  console.error(startupFailureMessage(error));
  process.exit(1);
});
