import * as path from 'node:path';
import {
  ConfigError,
  describeDeployment,
  loadDeploymentConfig,
  maskUrl,
  type DeploymentConfig,
} from '../src';

const PG = 'postgres://chidao:s3cret-pw@db.internal:5432/chidao';

/** The problems a ConfigError lists, or fails the test when the environment is accepted. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadDeploymentConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

/** The one problem the environment has. */
function problemOf(env: NodeJS.ProcessEnv): string {
  const problems = problemsOf(env);
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('loadDeploymentConfig', () => {
  describe('the embedded default', () => {
    it('keeps both stores in DIR/chidao.sqlite and events in process, with no database', () => {
      const config = loadDeploymentConfig({ CHIDAO_DATA_DIR: '/srv/chidao' });
      expect(config).toEqual<DeploymentConfig>({
        eventStore: { kind: 'sqlite', path: '/srv/chidao/chidao.sqlite' },
        readStore: { kind: 'sqlite', path: '/srv/chidao/chidao.sqlite' },
        database: null,
        dataDir: '/srv/chidao',
        bus: { kind: 'inprocess' },
      });
    });

    it('uses ./data when CHIDAO_DATA_DIR is unset or blank, as before', () => {
      for (const env of [{}, { CHIDAO_DATA_DIR: '  ' }]) {
        const config = loadDeploymentConfig(env);
        expect(config.dataDir).toBe(path.resolve('data'));
        expect(config.eventStore).toEqual({
          kind: 'sqlite',
          path: path.resolve('data', 'chidao.sqlite'),
        });
      }
    });

    it('accepts sqlite spelled out for both stores', () => {
      const config = loadDeploymentConfig({
        CHIDAO_EVENT_STORE: 'sqlite',
        CHIDAO_READ_STORE: 'sqlite',
        CHIDAO_DATA_DIR: '/d',
      });
      expect(config.eventStore.kind).toBe('sqlite');
      expect(config.readStore.kind).toBe('sqlite');
    });
  });

  describe('PostgreSQL', () => {
    it('puts both stores in the database when the event store is postgres (the read store follows)', () => {
      const config = loadDeploymentConfig({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_DATABASE_URL: PG,
      });
      expect(config.eventStore).toEqual({ kind: 'postgres', url: PG, schema: 'public' });
      expect(config.readStore).toEqual({ kind: 'postgres', url: PG, schema: 'public' });
      expect(config.database).toEqual({ url: PG, schema: 'public' });
    });

    it('takes postgresql:// too, and a schema', () => {
      const url = 'postgresql://chidao@10.0.0.5/chidao';
      const config = loadDeploymentConfig({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_READ_STORE: 'postgres',
        CHIDAO_DATABASE_URL: url,
        CHIDAO_DATABASE_SCHEMA: 'ha_tinh_2024',
      });
      expect(config.database).toEqual({ url, schema: 'ha_tinh_2024' });
      expect(config.eventStore).toMatchObject({ kind: 'postgres', schema: 'ha_tinh_2024' });
    });

    it('may keep only the read models in PostgreSQL, the log staying in SQLite', () => {
      const config = loadDeploymentConfig({
        CHIDAO_READ_STORE: 'postgres',
        CHIDAO_DATABASE_URL: PG,
        CHIDAO_DATA_DIR: '/d',
      });
      expect(config.eventStore).toEqual({ kind: 'sqlite', path: '/d/chidao.sqlite' });
      expect(config.readStore).toEqual({ kind: 'postgres', url: PG, schema: 'public' });
    });

    it('requires CHIDAO_DATABASE_URL when either store is postgres, showing the expected form', () => {
      for (const env of [{ CHIDAO_EVENT_STORE: 'postgres' }, { CHIDAO_READ_STORE: 'postgres' }]) {
        expect(problemOf(env)).toMatch(
          /^CHIDAO_DATABASE_URL is required when CHIDAO_EVENT_STORE or CHIDAO_READ_STORE is postgres: postgres:\/\//,
        );
      }
    });

    it.each([
      ['mysql://chidao:s3cret-pw@db/chidao', 'is not a PostgreSQL URL'],
      ['chidao:s3cret-pw@db.internal:5432/chidao', 'is not a PostgreSQL URL'],
      ['postgres://chidao:s3cret-pw@/chidao', 'is not a URL'],
      ['postgres:///chidao', 'names no host'],
    ])('refuses CHIDAO_DATABASE_URL=%s without echoing the password', (url, reason) => {
      const problem = problemOf({ CHIDAO_EVENT_STORE: 'postgres', CHIDAO_DATABASE_URL: url });
      expect(problem).toMatch(/^CHIDAO_DATABASE_URL="/);
      expect(problem).toContain(reason);
      expect(problem).toContain('postgres://user:password@host:5432/database');
      expect(problem).not.toContain('s3cret-pw');
    });

    it('refuses ?schema= in CHIDAO_DATABASE_URL rather than ignoring it, naming the variable to use', () => {
      for (const url of [
        'postgres://chidao:s3cret-pw@db:5432/chidao?schema=tinh',
        'postgres://chidao:s3cret-pw@db:5432/chidao?sslmode=require&schema=tinh',
      ]) {
        const problem = problemOf({ CHIDAO_EVENT_STORE: 'postgres', CHIDAO_DATABASE_URL: url });
        expect(problem).toMatch(/^CHIDAO_DATABASE_URL="postgres:\/\/chidao:\*\*\*@db:5432\//);
        expect(problem).toContain(
          'has ?schema=tinh, which Chidao does not read (psql and pg_dump refuse it too): ' +
            'remove it and give CHIDAO_DATABASE_SCHEMA=tinh',
        );
        expect(problem).not.toContain('s3cret-pw');
      }
    });

    it.each(['Chidao', '1st', 'ha-tinh', 'pg_chidao', 'a'.repeat(64), 'public; DROP TABLE x'])(
      'refuses CHIDAO_DATABASE_SCHEMA=%s, saying what a schema name may be',
      (schema) => {
        const problem = problemOf({
          CHIDAO_EVENT_STORE: 'postgres',
          CHIDAO_DATABASE_URL: PG,
          CHIDAO_DATABASE_SCHEMA: schema,
        });
        expect(problem).toBe(
          `CHIDAO_DATABASE_SCHEMA="${schema}" is not a schema name: lower-case letters, digits and _, ` +
            'starting with a letter or _, at most 63 characters, not starting with pg_',
        );
      },
    );

    it('refuses a database URL or schema that nothing would use (the store variables were forgotten)', () => {
      const problems = problemsOf({ CHIDAO_DATABASE_URL: PG, CHIDAO_DATABASE_SCHEMA: 'chidao' });
      expect(problems).toEqual([
        'CHIDAO_DATABASE_URL="postgres://chidao:***@db.internal:5432/chidao" is set but both stores are SQLite: set CHIDAO_EVENT_STORE=postgres to use it, or unset it',
        'CHIDAO_DATABASE_SCHEMA="chidao" is set but both stores are SQLite: set CHIDAO_EVENT_STORE=postgres to use it, or unset it',
      ]);
    });

    it('refuses the read models in SQLite with the log in PostgreSQL, and says why', () => {
      const problem = problemOf({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_READ_STORE: 'sqlite',
        CHIDAO_DATABASE_URL: PG,
      });
      expect(problem).toMatch(
        /^CHIDAO_READ_STORE="sqlite" with CHIDAO_EVENT_STORE="postgres" is refused/,
      );
      expect(problem).toContain('each must see the same read models');
      expect(problem).toContain('use CHIDAO_READ_STORE=postgres');
    });

    it.each(['mongodb', 'Postgres', 'pg'])(
      'refuses CHIDAO_EVENT_STORE=%s, naming both stores',
      (kind) => {
        expect(problemOf({ CHIDAO_EVENT_STORE: kind })).toBe(
          `CHIDAO_EVENT_STORE="${kind}" is not a store: use sqlite or postgres`,
        );
        expect(problemOf({ CHIDAO_READ_STORE: kind })).toBe(
          `CHIDAO_READ_STORE="${kind}" is not a store: use sqlite or postgres`,
        );
      },
    );
  });

  describe('the bus', () => {
    const kafka = (env: NodeJS.ProcessEnv) =>
      loadDeploymentConfig(
        { CHIDAO_BUS: 'kafka', CHIDAO_KAFKA_BROKERS: 'kafka:9092', ...env },
        {
          process: 'projector',
        },
      ).bus;

    it('is in process by default', () => {
      expect(loadDeploymentConfig({}).bus).toEqual({ kind: 'inprocess' });
      expect(loadDeploymentConfig({ CHIDAO_BUS: 'inprocess' }).bus).toEqual({ kind: 'inprocess' });
    });

    it('reads Kafka with its defaults: topic chidao.events, 6 partitions, client chidao-<process>, kept for ever', () => {
      expect(kafka({})).toEqual({
        kind: 'kafka',
        brokers: ['kafka:9092'],
        topic: 'chidao.events',
        partitions: 6,
        clientId: 'chidao-projector',
        replicationFactor: null,
        retentionMs: -1,
        groupTimings: {
          sessionTimeoutMs: 10_000,
          heartbeatIntervalMs: 1_000,
          rebalanceTimeoutMs: 30_000,
        },
      });
      expect(
        loadDeploymentConfig({ CHIDAO_BUS: 'kafka', CHIDAO_KAFKA_BROKERS: 'k:1' }).bus,
      ).toMatchObject({ clientId: 'chidao-api' });
    });

    it('reads every Kafka setting given', () => {
      expect(
        kafka({
          CHIDAO_KAFKA_BROKERS: 'kafka-0.kafka.chidao.svc:9092, 10.0.0.7:19092,[::1]:9093',
          CHIDAO_KAFKA_TOPIC: 'ha-tinh.chidao_events',
          CHIDAO_KAFKA_PARTITIONS: '1000',
          CHIDAO_KAFKA_CLIENT_ID: 'projector-2',
        }),
      ).toEqual({
        kind: 'kafka',
        brokers: ['kafka-0.kafka.chidao.svc:9092', '10.0.0.7:19092', '[::1]:9093'],
        topic: 'ha-tinh.chidao_events',
        partitions: 1000,
        clientId: 'projector-2',
        replicationFactor: null,
        retentionMs: -1,
        groupTimings: {
          sessionTimeoutMs: 10_000,
          heartbeatIntervalMs: 1_000,
          rebalanceTimeoutMs: 30_000,
        },
      });
      expect(kafka({ CHIDAO_KAFKA_PARTITIONS: '1' })).toMatchObject({ partitions: 1 });
    });

    it('refuses an unknown bus', () => {
      expect(problemOf({ CHIDAO_BUS: 'rabbitmq' })).toBe(
        'CHIDAO_BUS="rabbitmq" is not a bus: use inprocess or kafka',
      );
    });

    it('requires the brokers for kafka', () => {
      expect(problemOf({ CHIDAO_BUS: 'kafka' })).toMatch(
        /^CHIDAO_KAFKA_BROKERS is required when CHIDAO_BUS is kafka: a comma-separated list of host:port/,
      );
    });

    it.each([
      ['kafka', '"kafka"'],
      ['kafka:0', '"kafka:0"'],
      ['kafka:70000', '"kafka:70000"'],
      ['kafka:9092,,kafka-1:9092', '""'],
      ['kafka_0:9092', '"kafka_0:9092"'],
    ])('refuses CHIDAO_KAFKA_BROKERS=%s, naming the bad entry', (brokers, bad) => {
      const problem = problemOf({ CHIDAO_BUS: 'kafka', CHIDAO_KAFKA_BROKERS: brokers });
      expect(problem).toBe(
        `CHIDAO_KAFKA_BROKERS="${brokers}" has ${bad}, not host:port: use a comma-separated list ` +
          'of host:port with a port from 1 to 65535, e.g. kafka-0:9092,kafka-1:9092',
      );
    });

    it.each(['.', '..', 'chidao events', 'chidao/events', 'x'.repeat(250)])(
      'refuses CHIDAO_KAFKA_TOPIC=%s',
      (topic) => {
        expect(
          problemOf({
            CHIDAO_BUS: 'kafka',
            CHIDAO_KAFKA_BROKERS: 'k:9092',
            CHIDAO_KAFKA_TOPIC: topic,
          }),
        ).toMatch(
          /is not a Kafka topic name: 1 to 249 letters, digits, "\.", "_" or "-", not "\." or "\.\."$/,
        );
      },
    );

    it.each(['0', '1001', '6.5', 'six', '-1'])(
      'refuses CHIDAO_KAFKA_PARTITIONS=%s',
      (partitions) => {
        expect(
          problemOf({
            CHIDAO_BUS: 'kafka',
            CHIDAO_KAFKA_BROKERS: 'k:9092',
            CHIDAO_KAFKA_PARTITIONS: partitions,
          }),
        ).toBe(`CHIDAO_KAFKA_PARTITIONS="${partitions}" must be a whole number from 1 to 1000`);
      },
    );

    it('refuses a client id Kafka would not take', () => {
      expect(
        problemOf({
          CHIDAO_BUS: 'kafka',
          CHIDAO_KAFKA_BROKERS: 'k:9092',
          CHIDAO_KAFKA_CLIENT_ID: 'api #1',
        }),
      ).toBe(
        'CHIDAO_KAFKA_CLIENT_ID="api #1" is not a client id: 1 to 255 letters, digits, ".", "_" or "-"',
      );
    });

    it('refuses Kafka settings given while the bus is in process (CHIDAO_BUS forgotten)', () => {
      expect(problemsOf({ CHIDAO_KAFKA_BROKERS: 'kafka:9092', CHIDAO_KAFKA_TOPIC: 't' })).toEqual([
        'CHIDAO_KAFKA_BROKERS="kafka:9092" is set but CHIDAO_BUS is inprocess: set CHIDAO_BUS=kafka to use it, or unset it',
        'CHIDAO_KAFKA_TOPIC="t" is set but CHIDAO_BUS is inprocess: set CHIDAO_BUS=kafka to use it, or unset it',
      ]);
    });
  });

  describe('misspelt variables', () => {
    it.each([
      ['CHIDAO_EVENTSTORE', 'CHIDAO_EVENT_STORE'],
      ['CHIDAO_STORE_EVENT', 'CHIDAO_EVENT_STORE'],
      ['chidao_read_store', 'CHIDAO_READ_STORE'],
      ['CHIDAO_DATABSE_URL', 'CHIDAO_DATABASE_URL'],
      ['CHIDAO_KAFKA_BROKER', 'CHIDAO_KAFKA_BROKERS'],
      ['CHIDAO_JWT_SECRETS', 'CHIDAO_JWT_SECRET'],
      ['CHIDAO_DATADIR', 'CHIDAO_DATA_DIR'],
    ])('reports %s with a hint: did you mean %s?', (typo, meant) => {
      expect(problemOf({ [typo]: 'x' })).toBe(
        `${typo} is not a Chidao setting (ignored otherwise): did you mean ${meant}?`,
      );
    });

    it('leaves alone unknown names that resemble nothing, and the test and tooling variables', () => {
      const config = loadDeploymentConfig({
        CHIDAO_FEATURE_FLAGS_2031: 'x',
        CHIDAO_TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1/test',
        CHIDAO_TEST_KAFKA_BROKERS: '127.0.0.1:9092',
        CHIDAO_KAFKA_PORT: '9092',
        CHIDAO_REQUIRE_SERVICES: '1',
        HOME: '/root',
      });
      expect(config.eventStore.kind).toBe('sqlite');
    });

    it('knows every variable the API and reporting read', () => {
      expect(() =>
        loadDeploymentConfig({
          CHIDAO_BOOTSTRAP_ADMIN: 'admin:admin-password',
          CHIDAO_JWT_SECRET: 'x'.repeat(32),
          CHIDAO_ACCESS_TOKEN_TTL: '900',
          CHIDAO_REFRESH_TOKEN_TTL: '3600',
          CHIDAO_OIDC_JWKS_URL: 'https://id.example/jwks',
          CHIDAO_OIDC_ISSUER: 'i',
          CHIDAO_OIDC_AUDIENCE: 'a',
          CHIDAO_OIDC_USERNAME_CLAIM: 'c',
          CHIDAO_PROJECTIONS: 'off',
          CHIDAO_HOLIDAYS: '',
          CHIDAO_REPORT_SCHEDULES: 'none',
          CHIDAO_REPORT_CUTOFF_DAY: '14',
          CHIDAO_REPORT_AT: '23:59',
        }),
      ).not.toThrow();
    });
  });

  it('reports every problem at once, one line each, and never the password', () => {
    let error: unknown;
    try {
      loadDeploymentConfig({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_READ_STORE: 'sqlite',
        CHIDAO_DATABASE_URL: 'mysql://chidao:s3cret-pw@db/chidao',
        CHIDAO_DATABASE_SCHEMA: 'Bad-Schema',
        CHIDAO_BUS: 'kafka',
        CHIDAO_KAFKA_PARTITIONS: '0',
        CHIDAO_KAFKA_TOPIC: '..',
        CHIDAO_BUSS: 'kafka',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(/[=" ]/)[0])).toEqual([
      'CHIDAO_READ_STORE',
      'CHIDAO_DATABASE_URL',
      'CHIDAO_DATABASE_SCHEMA',
      'CHIDAO_KAFKA_BROKERS',
      'CHIDAO_KAFKA_TOPIC',
      'CHIDAO_KAFKA_PARTITIONS',
      'CHIDAO_BUSS',
    ]);
    expect(message.split('\n')).toHaveLength(1 + problems.length);
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
    expect(message).not.toContain('s3cret-pw');
  });
});

describe('maskUrl and describeDeployment', () => {
  it('hide the password however the URL carries it', () => {
    expect(maskUrl(PG)).toBe('postgres://chidao:***@db.internal:5432/chidao');
    expect(maskUrl('postgres://chidao:p@ss:w0rd@db/chidao')).toBe(
      'postgres://chidao:***@db/chidao',
    );
    expect(maskUrl('postgres://db/chidao?user=chidao&password=s3cret-pw')).toBe(
      'postgres://db/chidao?user=chidao&password=***',
    );
    expect(maskUrl('postgres://chidao@db/chidao')).toBe('postgres://chidao@db/chidao');
    // The scheme forgotten: still a password.
    expect(maskUrl('chidao:s3cret-pw@db/chidao')).toBe('chidao:***@db/chidao');
  });

  it('say where each store is in one line a start-up log can print', () => {
    const line = describeDeployment(
      loadDeploymentConfig({
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_DATABASE_URL: PG,
        CHIDAO_DATABASE_SCHEMA: 'chidao',
        CHIDAO_BUS: 'kafka',
        CHIDAO_KAFKA_BROKERS: 'kafka:9092',
      }),
    );
    expect(line).toBe(
      'log in PostgreSQL postgres://chidao:***@db.internal:5432/chidao (schema chidao), read models in ' +
        'PostgreSQL postgres://chidao:***@db.internal:5432/chidao (schema chidao), events Kafka kafka:9092 topic chidao.events',
    );
  });
});
