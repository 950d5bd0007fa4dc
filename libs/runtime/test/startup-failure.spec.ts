import { MigrationError } from '@chidao/event-store';
import { describeWithPostgres } from '@chidao/event-store/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  ConfigError,
  ConnectionFailure,
  describePostgresTarget,
  kafkaFailure,
  postgresFailure,
  startupFailureMessage,
} from '../src';

const PASSWORD = 'Top-Secret-42';

/** The error the driver really gives when connecting to `url`. */
async function pgConnectError(url: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error(`connected to ${url}`);
}

describe('start-up failures, said in one line', () => {
  it('name the PostgreSQL server, database, user and schema, never the password', () => {
    expect(
      describePostgresTarget({ url: `postgres://chidao:${PASSWORD}@db:6543/tinh`, schema: 'x' }),
    ).toBe('PostgreSQL at db:6543 (database "tinh", user "chidao", schema x)');
    expect(describePostgresTarget({ url: 'postgres://chidao@db/chidao', schema: 'public' })).toBe(
      'PostgreSQL at db:5432 (database "chidao", user "chidao")',
    );
  });

  it('turn a refused connection into one line with a hint', async () => {
    const url = `postgres://chidao:${PASSWORD}@127.0.0.1:1/chidao`;
    const failure = postgresFailure(await pgConnectError(url), { url, schema: 'tinh' });
    expect(failure).toBeInstanceOf(ConnectionFailure);
    const line = startupFailureMessage(failure);
    expect(line).toBe(
      'Cannot connect to PostgreSQL at 127.0.0.1:1 (database "chidao", user "chidao", schema tinh): ' +
        'connection refused (ECONNREFUSED). Hint: is the server running and listening on that host and port?',
    );
  });

  it('say a broker that cannot be reached, from the error kafkajs really gives', async () => {
    const admin = new Kafka({
      clientId: 'startup-failure-spec',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    const error = await admin.connect().then(
      () => new Error('connected'),
      (caught: unknown) => caught,
    );
    const line = startupFailureMessage(kafkaFailure(error, ['127.0.0.1:1']));
    expect(line).toBe(
      'Cannot reach Kafka broker 127.0.0.1:1 (CHIDAO_KAFKA_BROKERS=127.0.0.1:1): connection ' +
        'refused (ECONNREFUSED). Hint: is the server running and listening on that host and port?',
    );
  });

  it('keep a configuration list and a refused migration as they are, and a bug its stack', () => {
    const config = new ConfigError(['CHIDAO_BUS="x" is not a bus', 'CHIDAO_PORT is odd']);
    expect(startupFailureMessage(config)).toBe(config.message);
    const newer = new MigrationError('event-store: the database is at migration 9, newer');
    expect(startupFailureMessage(newer)).toBe(newer.message);
    const bug = new TypeError('undefined is not a function');
    expect(startupFailureMessage(bug)).toBe(bug.stack);
    expect(postgresFailure(bug, { url: 'postgres://db/x' })).toBe(bug);
  });
});

describeWithPostgres('start-up failures against a real server', (url) => {
  it('say a missing database and an unknown role with the server’s words and a hint', async () => {
    const server = new URL(url);
    const at = `${server.hostname}:${server.port || '5432'}`;
    const missing = `postgres://${server.username || 'postgres'}:${PASSWORD}@${at}/chidao_nowhere`;
    expect(
      startupFailureMessage(postgresFailure(await pgConnectError(missing), { url: missing })),
    ).toBe(
      `Cannot use PostgreSQL at ${at} (database "chidao_nowhere", user "${server.username || 'postgres'}"): ` +
        'database "chidao_nowhere" does not exist (SQLSTATE 3D000). Hint: create the database ' +
        '(createdb) or correct its name in the database URL.',
    );
    const stranger = `postgres://chidao_nobody:${PASSWORD}@${at}${server.pathname}`;
    const line = startupFailureMessage(
      postgresFailure(await pgConnectError(stranger), { url: stranger }),
    );
    expect(line).toMatch(/^Cannot use PostgreSQL at .*user "chidao_nobody".*SQLSTATE 28000\)/);
    expect(line).toContain('Hint: create the role');
    expect(line).not.toContain(PASSWORD);
  });
});
