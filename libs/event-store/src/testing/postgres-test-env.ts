/**
 * PostgreSQL for integration suites: they run when CHIDAO_TEST_POSTGRES_URL is set (.ci/run sets
 * it) and otherwise register one skipped test whose name and a printed warning say why.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const POSTGRES_URL_VARIABLE = 'CHIDAO_TEST_POSTGRES_URL';

function postgresTestUrl(): string | null {
  const url = process.env[POSTGRES_URL_VARIABLE];
  return url && url.trim() !== '' ? url.trim() : null;
}

const NOT_RUN = `PostgreSQL suites not run: set ${POSTGRES_URL_VARIABLE} (e.g. postgres://postgres@127.0.0.1:5432/test); .ci/run does`;

/** `describe` when PostgreSQL is configured; otherwise a skipped test that says why. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const url = postgresTestUrl();
  if (url) {
    describe(name, () => body(url));
    return;
  }
  describe(name, () => {
    console.warn(`${name}: ${NOT_RUN}`);
    it.skip(NOT_RUN, () => undefined);
  });
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
