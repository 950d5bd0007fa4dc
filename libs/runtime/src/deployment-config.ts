/**
 * Where a Chidao process keeps its data and how events travel, from the environment. The same
 * variables for every process (api, projector, reporting, `chidao migrate`), so one environment
 * file serves the whole deployment. Validated once at start: every mistake is reported together,
 * one line each naming the variable, the value given (passwords masked) and what is accepted.
 */
import type { EventStoreConfig } from '@chidao/event-store';
import type { ReadModelStoreConfig } from '@chidao/projections';
import * as path from 'node:path';
import { ConfigError } from './config-error';
import { KAFKA_SETTING_VARIABLES, readKafkaSettings, type KafkaSettings } from './kafka-settings';
import { misspeltVariables, type ChidaoProcess } from './variables';

export type StoreEngine = 'sqlite' | 'postgres';

export type BusConfig =
  /** Embedded: subscribers read the store directly. */
  | { readonly kind: 'inprocess' }
  /** Distributed: an outbox relay publishes the log to a Kafka topic, consumers read that. */
  | ({
      readonly kind: 'kafka';
      readonly brokers: readonly string[];
      readonly topic: string;
      readonly partitions: number;
      readonly clientId: string;
    } & KafkaSettings);

export interface DeploymentConfig {
  readonly eventStore: EventStoreConfig;
  readonly readStore: ReadModelStoreConfig;
  /** The PostgreSQL database when either store is in it; null when both are SQLite. */
  readonly database: { readonly url: string; readonly schema: string } | null;
  /** SQLite files (DIR/chidao.sqlite), the API's generated secret and scratch space. */
  readonly dataDir: string;
  readonly bus: BusConfig;
}

interface DeploymentConfigOptions {
  /** Names the process in the default Kafka client id (`chidao-<process>`); default `api`. */
  readonly process?: ChidaoProcess;
}

/** The SQLite file of the embedded deployment, inside the data directory. */
export const SQLITE_FILE = 'chidao.sqlite';

const DEFAULT_KAFKA_TOPIC = 'chidao.events';
const DEFAULT_KAFKA_PARTITIONS = 6;

const ENGINES: readonly StoreEngine[] = ['sqlite', 'postgres'];
const BUSES = ['inprocess', 'kafka'] as const;
/** As openPgPool checks it; `pg_` names are reserved by PostgreSQL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Kafka's own rule for topic names. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const CLIENT_ID = /^[a-zA-Z0-9._-]{1,255}$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])$/;

/** Throws ConfigError listing every problem; otherwise the whole configuration. */
export function loadDeploymentConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: DeploymentConfigOptions = {},
): DeploymentConfig {
  const { config, problems } = readDeploymentConfig(env, options);
  if (problems.length > 0 || config === null) throw new ConfigError(problems);
  return config;
}

/**
 * The configuration and the problems found, without throwing: a process that has settings of
 * its own (the API) adds its problems to these and reports them all at once.
 */
export function readDeploymentConfig(
  env: NodeJS.ProcessEnv,
  options: DeploymentConfigOptions = {},
): { config: DeploymentConfig | null; problems: string[] } {
  const problems: string[] = [];
  const given = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const engine = (name: string, fallback: StoreEngine): StoreEngine => {
    const raw = given(name);
    if (raw === undefined) return fallback;
    if ((ENGINES as readonly string[]).includes(raw)) return raw as StoreEngine;
    problems.push(`${name}="${raw}" is not a store: use sqlite or postgres`);
    return fallback;
  };
  const eventEngine = engine('CHIDAO_EVENT_STORE', 'sqlite');
  const readEngine = engine('CHIDAO_READ_STORE', eventEngine);
  if (eventEngine === 'postgres' && readEngine === 'sqlite') {
    problems.push(
      'CHIDAO_READ_STORE="sqlite" with CHIDAO_EVENT_STORE="postgres" is refused: with the log in ' +
        'PostgreSQL several instances may run, and each must see the same read models, which a ' +
        'local SQLite file cannot give; use CHIDAO_READ_STORE=postgres (or leave it unset)',
    );
  }
  const usesPostgres = eventEngine === 'postgres' || readEngine === 'postgres';

  const rawUrl = given('CHIDAO_DATABASE_URL');
  let url: string | null = null;
  if (usesPostgres) {
    if (rawUrl === undefined) {
      problems.push(
        'CHIDAO_DATABASE_URL is required when CHIDAO_EVENT_STORE or CHIDAO_READ_STORE is postgres: ' +
          'postgres://user:password@host:5432/database',
      );
    } else {
      const problem = databaseUrlProblem(rawUrl);
      if (problem) problems.push(problem);
      else url = rawUrl;
    }
  } else if (rawUrl !== undefined) {
    // Most likely CHIDAO_EVENT_STORE was forgotten: running on SQLite instead would go unnoticed.
    problems.push(
      `CHIDAO_DATABASE_URL="${maskUrl(rawUrl)}" is set but both stores are SQLite: set ` +
        'CHIDAO_EVENT_STORE=postgres to use it, or unset it',
    );
  }

  const rawSchema = given('CHIDAO_DATABASE_SCHEMA');
  let schema = 'public';
  if (rawSchema !== undefined) {
    if (!SCHEMA_NAME.test(rawSchema) || rawSchema.startsWith('pg_')) {
      problems.push(
        `CHIDAO_DATABASE_SCHEMA="${rawSchema}" is not a schema name: lower-case letters, digits ` +
          'and _, starting with a letter or _, at most 63 characters, not starting with pg_',
      );
    } else {
      schema = rawSchema;
    }
    if (!usesPostgres) {
      problems.push(
        `CHIDAO_DATABASE_SCHEMA="${rawSchema}" is set but both stores are SQLite: set ` +
          'CHIDAO_EVENT_STORE=postgres to use it, or unset it',
      );
    }
  }

  const dataDir = path.resolve(given('CHIDAO_DATA_DIR') ?? 'data');
  const sqlitePath = path.join(dataDir, SQLITE_FILE);
  const bus = readBus(given, problems, options.process ?? 'api');

  misspeltVariables(env).forEach((problem) => problems.push(problem));

  if (problems.length > 0) return { config: null, problems };
  const database = usesPostgres ? { url: url as string, schema } : null;
  const eventStore: EventStoreConfig =
    eventEngine === 'postgres'
      ? { kind: 'postgres', url: url as string, schema }
      : { kind: 'sqlite', path: sqlitePath };
  const readStore: ReadModelStoreConfig =
    readEngine === 'postgres'
      ? { kind: 'postgres', url: url as string, schema }
      : { kind: 'sqlite', path: sqlitePath };
  return { config: { eventStore, readStore, database, dataDir, bus }, problems };
}

function readBus(
  given: (name: string) => string | undefined,
  problems: string[],
  processName: string,
): BusConfig {
  const raw = given('CHIDAO_BUS') ?? 'inprocess';
  const kafkaVariables = [
    'CHIDAO_KAFKA_BROKERS',
    'CHIDAO_KAFKA_TOPIC',
    'CHIDAO_KAFKA_PARTITIONS',
    'CHIDAO_KAFKA_CLIENT_ID',
    ...KAFKA_SETTING_VARIABLES,
  ];
  if (!(BUSES as readonly string[]).includes(raw)) {
    problems.push(`CHIDAO_BUS="${raw}" is not a bus: use inprocess or kafka`);
    return { kind: 'inprocess' };
  }
  if (raw === 'inprocess') {
    for (const name of kafkaVariables) {
      const value = given(name);
      if (value !== undefined) {
        problems.push(
          `${name}="${value}" is set but CHIDAO_BUS is inprocess: set CHIDAO_BUS=kafka to use it, or unset it`,
        );
      }
    }
    return { kind: 'inprocess' };
  }

  const rawBrokers = given('CHIDAO_KAFKA_BROKERS');
  const brokers: string[] = [];
  if (rawBrokers === undefined) {
    problems.push(
      'CHIDAO_KAFKA_BROKERS is required when CHIDAO_BUS is kafka: a comma-separated list of host:port, e.g. kafka-0:9092,kafka-1:9092',
    );
  } else {
    const bad = rawBrokers
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => {
        if (!isBroker(entry)) return true;
        brokers.push(entry);
        return false;
      });
    if (bad.length > 0) {
      problems.push(
        `CHIDAO_KAFKA_BROKERS="${rawBrokers}" has ${bad.map((b) => `"${b}"`).join(', ')}, not host:port: ` +
          'use a comma-separated list of host:port with a port from 1 to 65535, e.g. kafka-0:9092,kafka-1:9092',
      );
    }
  }

  const topic = given('CHIDAO_KAFKA_TOPIC') ?? DEFAULT_KAFKA_TOPIC;
  if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    problems.push(
      `CHIDAO_KAFKA_TOPIC="${topic}" is not a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-", not "." or ".."`,
    );
  }

  const rawPartitions = given('CHIDAO_KAFKA_PARTITIONS');
  let partitions = DEFAULT_KAFKA_PARTITIONS;
  if (rawPartitions !== undefined) {
    const value = Number(rawPartitions);
    if (!/^\d+$/.test(rawPartitions) || value < 1 || value > 1000) {
      problems.push(
        `CHIDAO_KAFKA_PARTITIONS="${rawPartitions}" must be a whole number from 1 to 1000`,
      );
    } else {
      partitions = value;
    }
  }

  const clientId = given('CHIDAO_KAFKA_CLIENT_ID') ?? `chidao-${processName}`;
  if (!CLIENT_ID.test(clientId)) {
    problems.push(
      `CHIDAO_KAFKA_CLIENT_ID="${clientId}" is not a client id: 1 to 255 letters, digits, ".", "_" or "-"`,
    );
  }
  return {
    kind: 'kafka',
    brokers,
    topic,
    partitions,
    clientId,
    ...readKafkaSettings(given, problems),
  };
}

function isBroker(entry: string): boolean {
  const match = /^(.+):(\d{1,5})$/.exec(entry);
  if (!match) return false;
  const port = Number(match[2]);
  return HOST.test(match[1]) && port >= 1 && port <= 65535;
}

function databaseUrlProblem(raw: string): string | null {
  const accepted = 'postgres://user:password@host:5432/database (or postgresql://…)';
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return `CHIDAO_DATABASE_URL="${maskUrl(raw)}" is not a URL: use ${accepted}`;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return `CHIDAO_DATABASE_URL="${maskUrl(raw)}" is not a PostgreSQL URL: use ${accepted}`;
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
    return `CHIDAO_DATABASE_URL="${maskUrl(raw)}" names no host: use ${accepted}`;
  }
  const schema = parsed.searchParams.get('schema');
  if (schema !== null) {
    return schemaParameterProblem('CHIDAO_DATABASE_URL', maskUrl(raw), schema);
  }
  return null;
}

/**
 * `?schema=` is refused, not read: PostgreSQL's own tools (psql, pg_dump, pg_restore), which the
 * backup runbook hands the same URL, refuse the parameter, and reading it here would let the URL
 * and CHIDAO_DATABASE_SCHEMA disagree. `where` names the variable or the option given.
 */
export function schemaParameterProblem(where: string, maskedUrl: string, schema: string): string {
  const instead =
    where === '--db'
      ? `--schema ${schema} (or CHIDAO_DATABASE_SCHEMA=${schema})`
      : `CHIDAO_DATABASE_SCHEMA=${schema}`;
  return (
    `${where}="${maskedUrl}" has ?schema=${schema}, which Chidao does not read (psql and pg_dump ` +
    `refuse it too): remove it and give ${instead}`
  );
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function maskUrl(raw: string): string {
  // By hand rather than with URL: a value too broken to parse may still hold a password.
  return raw
    .replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?[^:/?#@]*):[^/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/i, '$1***');
}

/** Where the log or the read models are: the SQLite file, or the database and schema. */
export function describeStore(config: DeploymentConfig, store: 'eventStore' | 'readStore'): string {
  return config[store].kind === 'postgres' && config.database
    ? `PostgreSQL ${maskUrl(config.database.url)} (schema ${config.database.schema})`
    : `SQLite ${path.join(config.dataDir, SQLITE_FILE)}`;
}

/** One line for start-up logs: which engines, which schema, which bus; never a password. */
export function describeDeployment(config: DeploymentConfig): string {
  const bus =
    config.bus.kind === 'kafka'
      ? `Kafka ${config.bus.brokers.join(',')} topic ${config.bus.topic}`
      : 'in process';
  return `log in ${describeStore(config, 'eventStore')}, read models in ${describeStore(config, 'readStore')}, events ${bus}`;
}
