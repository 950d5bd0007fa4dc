/**
 * What a process prints when it cannot start, or when a server it needs cannot be reached: one
 * line saying what failed, where (host, port, database, user; never the password) and what to
 * check, instead of a driver's stack trace. A stack is kept only for what an operator cannot fix
 * (a bug).
 */
import { ConfigError } from './config-error';

/** A server that could not be reached or refused us, said in one line. */
export class ConnectionFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectionFailure';
  }
}

interface PostgresTarget {
  readonly url: string;
  readonly schema?: string;
}

/** Node's and the drivers' error fields read here; every one optional. */
interface ErrorFields {
  readonly code?: unknown;
  readonly severity?: unknown;
  readonly message?: unknown;
  readonly broker?: unknown;
  readonly cause?: unknown;
  readonly name?: unknown;
}

const fieldsOf = (error: unknown): ErrorFields =>
  typeof error === 'object' && error !== null ? error : {};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Network failures Node reports while connecting, and what they mean to an operator. */
const NETWORK: Readonly<Record<string, { said: string; hint: string }>> = {
  ECONNREFUSED: {
    said: 'connection refused',
    hint: 'is the server running and listening on that host and port?',
  },
  ENOTFOUND: { said: 'host not found', hint: 'check the host name (DNS).' },
  EAI_AGAIN: { said: 'host name lookup failed', hint: 'check the host name and DNS.' },
  ETIMEDOUT: {
    said: 'no answer',
    hint: 'is the address right, and does a firewall let it through?',
  },
  EHOSTUNREACH: { said: 'host unreachable', hint: 'check the address and the network route.' },
  ENETUNREACH: { said: 'network unreachable', hint: 'check the address and the network route.' },
  ECONNRESET: {
    said: 'connection closed by the server',
    hint: 'does the server expect TLS (sslmode) or another protocol on that port?',
  },
};

/** PostgreSQL SQLSTATEs met at connection time, with what to check. */
const POSTGRES_HINTS: Readonly<Record<string, string>> = {
  '3D000': 'create the database (createdb) or correct its name in the database URL.',
  '28000':
    'create the role (CREATE ROLE … LOGIN) or correct the user in the database URL; pg_hba.conf must let it in.',
  '28P01': 'check the password in the database URL.',
  '42501': 'grant the user CREATE on the database, or create the schema and give it to the user.',
  '57P03': 'the server is starting or stopping: try again in a moment.',
  '53300': 'the server has no connection left: raise max_connections or stop idle clients.',
};

/** Where a PostgreSQL URL points, for messages: never its password. */
export function describePostgresTarget(target: PostgresTarget): string {
  let where: string;
  try {
    const parsed = new URL(target.url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    const user = decodeURIComponent(parsed.username) || '(default user)';
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user;
    where = `${host}:${parsed.port || '5432'} (database "${database}", user "${user}"`;
  } catch {
    where = '(an unreadable URL';
  }
  const schema = target.schema && target.schema !== 'public' ? `, schema ${target.schema}` : '';
  return `PostgreSQL at ${where}${schema})`;
}

/**
 * The error as a ConnectionFailure naming the database when it is a network or server refusal
 * met while opening it; anything else (a bug, a refused migration) is returned unchanged.
 */
export function postgresFailure(error: unknown, target: PostgresTarget): unknown {
  if (error instanceof ConnectionFailure) return error;
  const line = postgresLine(error, describePostgresTarget(target));
  return line === null ? error : new ConnectionFailure(line, { cause: error });
}

function postgresLine(error: unknown, where: string): string | null {
  const fields = fieldsOf(error);
  const code = text(fields.code);
  const message = text(fields.message);
  if (code !== undefined && NETWORK[code]) {
    const { said, hint } = NETWORK[code];
    return `Cannot connect to ${where}: ${said} (${code}). Hint: ${hint}`;
  }
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && fields.severity !== undefined) {
    const hint = POSTGRES_HINTS[code];
    const said = `${message ?? 'refused'} (SQLSTATE ${code})`;
    return `Cannot use ${where}: ${said}.${hint ? ` Hint: ${hint}` : ''}`;
  }
  if (message !== undefined && /^Connection terminated|timeout expired/i.test(message)) {
    return `Cannot connect to ${where}: ${message}. Hint: is the server up, and is TLS (sslmode) as it expects?`;
  }
  if (message !== undefined && /^SASL: .*password/.test(message)) {
    return `Cannot connect to ${where}: the server asks for a password (${message}). Hint: give the password in the database URL.`;
  }
  return null;
}

/**
 * A kafkajs failure to reach a broker as a ConnectionFailure naming the brokers; other errors
 * unchanged: the line a process says each time it retries Kafka (it never stops for it).
 */
export function kafkaFailure(error: unknown, brokers: readonly string[]): unknown {
  if (error instanceof ConnectionFailure) return error;
  const line = kafkaLine(error, brokers);
  return line === null ? error : new ConnectionFailure(line, { cause: error });
}

function kafkaLine(error: unknown, brokers: readonly string[]): string | null {
  // kafkajs wraps the connection error in retry errors: the innermost says what happened.
  let fields = fieldsOf(error);
  for (let depth = 0; depth < 5 && fields.name !== 'KafkaJSConnectionError'; depth++) {
    if (fields.cause === undefined) break;
    fields = fieldsOf(fields.cause);
  }
  const name = text(fields.name);
  if (name !== 'KafkaJSConnectionError' && name !== 'KafkaJSConnectionClosedError') return null;
  const broker = text(fields.broker) ?? brokers.join(',');
  const code = text(fields.code);
  const network = code ? NETWORK[code] : undefined;
  const said = network ? `${network.said} (${code})` : (text(fields.message) ?? 'connection lost');
  const hint = network?.hint ?? 'is the broker running, and is this its advertised listener?';
  const listed = brokers.length > 0 ? ` (CHIDAO_KAFKA_BROKERS=${brokers.join(',')})` : '';
  return `Cannot reach Kafka broker ${broker}${listed}: ${said}. Hint: ${hint}`;
}

/**
 * The line a process that failed to start prints: a ConfigError's list (every problem, one line
 * each), a connection failure's one line, a refused migration's reason; otherwise the stack.
 */
export function startupFailureMessage(error: unknown): string {
  if (error instanceof ConfigError || error instanceof ConnectionFailure) return error.message;
  const fields = fieldsOf(error);
  if (fields.name === 'MigrationError' && typeof fields.message === 'string') {
    return fields.message;
  }
  const kafka = kafkaLine(error, []);
  if (kafka !== null) return kafka;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
