/**
 * Connects once to the deployment's PostgreSQL database and leaves again. The API calls it before
 * NestJS builds its modules: NestJS's injector prints its own stack trace for a store that cannot
 * open, whereas here a failure becomes the one line of startup-failure.ts.
 */
import { Client } from 'pg';
import type { DeploymentConfig } from './deployment-config';
import { postgresFailure } from './startup-failure';

/** Long enough for a busy server; an unreachable one is said after this, not after minutes. */
const CONNECT_TIMEOUT_MS = 10_000;

export async function reachDatabase(config: DeploymentConfig): Promise<void> {
  if (!config.database) return;
  const client = new Client({
    connectionString: config.database.url,
    application_name: 'chidao-start',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection the server drops while we leave is not this check's concern.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw postgresFailure(error, config.database);
  } finally {
    await client.end().catch(() => undefined);
  }
}
