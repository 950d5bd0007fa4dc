/**
 * The log an audit command reads: the API's data directory (`DIR/chidao.sqlite`, as
 * loadAppConfig lays it out), a database URL, or, given neither, the deployment's own log as the
 * processes find it (CHIDAO_EVENT_STORE, CHIDAO_DATABASE_URL, CHIDAO_DATABASE_SCHEMA,
 * CHIDAO_DATA_DIR). Always opened read-only: an audit never writes to the database it audits, not
 * even a schema or a pragma.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  anchorMigrations,
  LOG_ANCHORS_COMPONENT,
  PostgresAnchorStore,
  SqliteAnchorStore,
  type AnchorStore,
} from '@chidao/audit';
import {
  EVENT_STORE_COMPONENT,
  eventStoreMigrations,
  openEventStore,
  SqliteEventStore,
  type EventStore,
} from '@chidao/event-store';
import { postgresFailure, SQLITE_FILE } from '@chidao/runtime';
import { Client } from 'pg';
import { UsageError } from './cli-io';
import { DATABASE_OPTIONS, deploymentFromOptions } from './deployment-options';

export const SOURCE_OPTIONS = {
  'data-dir': { type: 'string' },
  ...DATABASE_OPTIONS,
} as const;

interface SourceArgs {
  readonly 'data-dir'?: string;
  readonly db?: string;
  readonly schema?: string;
}

type SourceLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

interface AuditSource {
  readonly eventStore: EventStore;
  readonly anchors: AnchorStore;
  /** The SQLite file read, so commands never write their output over it. */
  readonly file: string | null;
  /** For messages: the file, or the URL without its password. */
  readonly label: string;
  close(): Promise<void>;
}

/**
 * --data-dir DIR or --db sqlite:FILE name a SQLite log outright; --db postgres://… and --schema
 * stand in for CHIDAO_DATABASE_URL and CHIDAO_DATABASE_SCHEMA; given none, the environment's.
 */
export function locateSource(
  args: SourceArgs,
  env: NodeJS.ProcessEnv = process.env,
): SourceLocation {
  const dataDir = args['data-dir'];
  const db = args.db;
  if (dataDir !== undefined && db !== undefined) {
    throw new UsageError(
      'Give the log to read with at most one of --data-dir DIR or --db URL',
      'Chỉ dùng một trong hai tham số --data-dir THƯ_MỤC hoặc --db URL để chỉ nhật ký cần đọc',
    );
  }
  const file =
    dataDir !== undefined
      ? path.resolve(dataDir, SQLITE_FILE)
      : db !== undefined && !/^postgres(ql)?:\/\//i.test(db)
        ? sqliteFileOf(db)
        : null;
  if (file !== null) {
    if (args.schema !== undefined) {
      throw new UsageError(
        '--schema names a PostgreSQL schema; the log given is a SQLite file',
        '--schema chỉ dùng với PostgreSQL; nhật ký đã chỉ là một tệp SQLite',
      );
    }
    return { kind: 'sqlite', path: file };
  }
  const { eventStore } = deploymentFromOptions(args, env);
  return eventStore.kind === 'postgres'
    ? { kind: 'postgres', url: eventStore.url, schema: eventStore.schema ?? 'public' }
    : { kind: 'sqlite', path: eventStore.path };
}

function sqliteFileOf(db: string): string {
  const file = sqlitePathOf(db);
  if (file === null) {
    throw new UsageError(
      `--db takes sqlite:/absolute/path/file.sqlite (or file:…) or postgres://…, not "${db}"`,
      `--db nhận sqlite:/đường/dẫn/tệp.sqlite (hoặc file:…) hoặc postgres://…, không nhận "${db}"`,
    );
  }
  return file;
}

export async function openAuditSource(args: SourceArgs): Promise<AuditSource> {
  const location = locateSource(args);
  if (location.kind === 'postgres') return openPostgres(location);
  const file = location.path;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new UsageError(
      `No log file at ${file}`,
      `Không tìm thấy tệp nhật ký ${file} (kiểm tra lại thư mục dữ liệu hoặc đường dẫn)`,
    );
  }
  let eventStore: SqliteEventStore;
  try {
    eventStore = SqliteEventStore.open({ path: file, readonly: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `Cannot read the log in ${file}: ${reason}`,
      `Không đọc được nhật ký trong tệp ${file}: ${reason}`,
    );
  }
  return withAnchors(eventStore, () => SqliteAnchorStore.open({ path: file, readonly: true }), {
    file,
    label: file,
  });
}

/** The source of an opened log and its anchors; the log is closed again if they cannot open. */
async function withAnchors(
  eventStore: EventStore,
  openAnchors: () => AnchorStore | Promise<AnchorStore>,
  where: Pick<AuditSource, 'file' | 'label'>,
): Promise<AuditSource> {
  let anchors: AnchorStore;
  try {
    anchors = await openAnchors();
  } catch (error) {
    await eventStore.close();
    throw error;
  }
  return {
    eventStore,
    anchors,
    ...where,
    async close() {
      await anchors.close();
      await eventStore.close();
    },
  };
}

/**
 * The PostgreSQL adapters run their migrations when they open. On a log whose migrations are all
 * applied that is a no-op; on anything else it would create tables in the audited database. So a
 * read-only session checks first, and a database that is not a fully migrated Chidao log is
 * refused; anchors are opened only when their table is there (none taken: verified as none).
 */
async function openPostgres(location: {
  readonly url: string;
  readonly schema: string;
}): Promise<AuditSource> {
  const { url, schema } = location;
  const label = withoutPassword(url) + (schema === 'public' ? '' : ` (schema ${schema})`);
  const versions = await migratedVersions(url, schema);
  const logVersions = versions.get(EVENT_STORE_COMPONENT) ?? 0;
  if (logVersions !== eventStoreMigrations.length) {
    throw new UsageError(
      `${label} holds no Chidao log at the schema version this build reads ` +
        `(found ${logVersions}, expected ${eventStoreMigrations.length}); nothing was changed`,
      `${label} không chứa nhật ký Chidao ở phiên bản lược đồ mà bản này đọc được ` +
        `(có ${logVersions}, cần ${eventStoreMigrations.length}); không có gì bị thay đổi`,
    );
  }
  const anchorVersions = versions.get(LOG_ANCHORS_COMPONENT) ?? 0;
  if (anchorVersions !== 0 && anchorVersions !== anchorMigrations.length) {
    throw new UsageError(
      `${label}: the anchors table is at schema version ${anchorVersions}, this build reads ${anchorMigrations.length}`,
      `${label}: bảng mốc neo ở phiên bản lược đồ ${anchorVersions}, bản này đọc phiên bản ${anchorMigrations.length}`,
    );
  }
  const eventStore = await openEventStore({ kind: 'postgres', url, schema, poolSize: 2 }).catch(
    (error: unknown) => Promise.reject(postgresFailure(error, location)),
  );
  return withAnchors(
    eventStore,
    () => (anchorVersions === 0 ? NO_ANCHORS : PostgresAnchorStore.open({ url, schema })),
    { file: null, label },
  );
}

/** Applied migrations per component, read in a read-only session (0 components: not Chidao). */
async function migratedVersions(url: string, schema: string): Promise<Map<string, number>> {
  // The schema name was checked by loadDeploymentConfig: safe to write into the statements.
  const client = new Client({
    connectionString: url,
    application_name: 'chidao-audit',
    options: `-c default_transaction_read_only=on -c search_path=${schema}`,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw postgresFailure(error, { url, schema });
  }
  try {
    const { rows: found } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS exists`,
      [`${schema}.chidao_schema_migrations`],
    );
    if (!found[0].exists) return new Map();
    const { rows } = await client.query<{ component: string; versions: number }>(
      `SELECT component, count(*)::int AS versions FROM ${schema}.chidao_schema_migrations
       GROUP BY component`,
    );
    return new Map(rows.map((row) => [row.component, row.versions]));
  } finally {
    await client.end();
  }
}

/** A log no anchor was ever taken for. */
const NO_ANCHORS: AnchorStore = {
  insert: () => Promise.reject(new Error('read-only: no anchors are written by an audit')),
  latest: () => Promise.resolve(null),
  forDay: () => Promise.resolve(null),
  list: () => Promise.resolve([]),
  upTo: () => Promise.resolve(null),
  close: () => Promise.resolve(),
};

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** `sqlite:/abs/file`, `sqlite:///abs/file`, `file:/abs/file`, `file:///abs/file`; null otherwise. */
function sqlitePathOf(url: string): string | null {
  const match = /^(sqlite|file):(.+)$/i.exec(url);
  if (!match) return null;
  const rest = match[2];
  if (rest.includes('?')) return null;
  if (rest.startsWith('//')) {
    try {
      return fileURLToPath(`file:${rest}`);
    } catch {
      return null;
    }
  }
  return path.resolve(rest);
}

/** Whether `candidate` is the audited file or one of SQLite's companions of it. */
export function isSourceFile(source: AuditSource, candidate: string): boolean {
  if (source.file === null) return false;
  const target = realPath(candidate);
  const file = realPath(source.file);
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].includes(target);
}

/** Through symbolic links, also for a file that does not exist yet. */
function realPath(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync(absolute);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}
