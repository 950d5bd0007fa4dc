/**
 * PostgreSQL for integration suites: they run when CHIDAO_TEST_POSTGRES_URL is set (.ci/run sets
 * it) and otherwise hold one test, skipped or failed (see describeNotRun), that says why.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeNotRun } from './required-services';

const POSTGRES_URL_VARIABLE = 'CHIDAO_TEST_POSTGRES_URL';

function postgresTestUrl(): string | null {
  const url = process.env[POSTGRES_URL_VARIABLE];
  return url && url.trim() !== '' ? url.trim() : null;
}

const NOT_RUN = `PostgreSQL suites not run: set ${POSTGRES_URL_VARIABLE} (e.g. postgres://postgres@127.0.0.1:5432/test); .ci/run does`;

/** `describe` when PostgreSQL is configured; otherwise a test that says why it did not run. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const url = postgresTestUrl();
  if (url) describe(name, () => body(url));
  else describeNotRun(name, NOT_RUN);
}

/** A fresh schema name, so suites and parallel workers never see each other's tables. */
export const uniqueSchema = (prefix = 't'): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
