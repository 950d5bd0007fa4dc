/**
 * Opens every store a Chidao process uses from its DeploymentConfig, on either engine, and runs
 * their migrations for `chidao migrate`. Snapshots live beside the read models (they are taken
 * from them); anchors beside the log (they certify it); the API's idempotency keys beside the
 * log too (with the log in PostgreSQL several API instances run and must share them).
 */
import {
  type AnchorStore,
  anchorMigrations,
  LOG_ANCHORS_COMPONENT,
  PostgresAnchorStore,
  SqliteAnchorStore,
} from '@chidao/audit';
import {
  ensurePrivateDir,
  EVENT_STORE_COMPONENT,
  eventStoreMigrations,
  migrate,
  openEventStore,
  openPgPool,
  type EventStore,
  type Migration,
} from '@chidao/event-store';
import {
  openReadModelStore,
  PostgresReadModelStore,
  READ_MODELS_COMPONENT,
  readModelMigrations,
  type ReadModelStore,
} from '@chidao/projections';
import {
  PostgresSnapshotStore,
  REPORT_SNAPSHOTS_COMPONENT,
  snapshotMigrations,
  SqliteSnapshotStore,
  type SnapshotStore,
} from '@chidao/reporting';
import type { Pool } from 'pg';
import type { DeploymentConfig, StoreEngine } from './deployment-config';
import {
  type CredentialStore,
  credentialMigrations,
  PostgresCredentialStore,
  SqliteCredentialStore,
  USER_CREDENTIALS_COMPONENT,
} from './credential-store';
import { IDEMPOTENCY_KEYS_COMPONENT, idempotencyMigrations } from './idempotency-migrations';
import { resetReadModelsWithMissingTables } from './read-model-bookkeeping';
import {
  LOGIN_SESSIONS_COMPONENT,
  PostgresSessionStore,
  sessionMigrations,
  type SessionStore,
  SqliteSessionStore,
} from './session-store';
import {
  IMPORT_FILES_COMPONENT,
  importFileMigrations,
  PostgresImportFileStore,
  SqliteImportFileStore,
  type ImportFileStore,
} from './import-file-store';
import { postgresFailure } from './startup-failure';

export interface Stores {
  readonly eventStore: EventStore;
  readonly readStore: ReadModelStore;
  readonly snapshots: SnapshotStore;
  readonly anchors: AnchorStore;
  /** Password hashes, which the log only names (credential-store.ts). */
  readonly credentials: CredentialStore;
  /** Login sessions and their refresh-token generations (session-store.ts). */
  readonly sessions: SessionStore;
  /** The files uploaded to import, which the log names by SHA-256 (import-file-store.ts). */
  readonly importFiles: ImportFileStore;
  /**
   * The process's one PostgreSQL pool (read models, snapshots, anchors, and whatever else of the
   * app's lives in the database), or null when nothing is in PostgreSQL. The event store keeps
   * a pool of its own: its appends hold a connection across a transaction the others must not
   * queue behind. Ended by close().
   */
  readonly pool: Pool | null;
  /** Closes every store, then the pool; safe to call twice. */
  close(): Promise<void>;
}

interface OpenStoresOptions {
  /** Server clock for the log's `recordedAt` (default: the system clock). */
  readonly now?: () => Date;
  /** `application_name` of the shared pool's connections, as seen in pg_stat_activity. */
  readonly applicationName?: string;
}

/** Which engine holds each component of the deployment. */
export function componentEngines(config: DeploymentConfig) {
  return {
    eventStore: config.eventStore.kind,
    readStore: config.readStore.kind,
    snapshots: config.readStore.kind,
    anchors: config.eventStore.kind,
    idempotencyKeys: config.eventStore.kind,
    credentials: config.eventStore.kind,
    sessions: config.eventStore.kind,
    importFiles: config.eventStore.kind,
  } satisfies Record<string, StoreEngine>;
}

export async function openStores(
  config: DeploymentConfig,
  options: OpenStoresOptions = {},
): Promise<Stores> {
  const opened: { close(): Promise<void> }[] = [];
  let pool: Pool | null = null;
  const closeAll = async () => {
    for (const store of opened.splice(0).reverse()) await store.close();
    const ending = pool;
    pool = null;
    await ending?.end();
  };
  const track = <S extends { close(): Promise<void> }>(store: S): S => {
    opened.push(store);
    return store;
  };
  try {
    if (config.eventStore.kind === 'sqlite' || config.readStore.kind === 'sqlite') {
      ensurePrivateDir(config.dataDir);
    }
    if (config.database) {
      pool = await openPgPool({
        url: config.database.url,
        schema: config.database.schema,
        applicationName: options.applicationName ?? 'chidao',
      });
    }
    const eventStore = track(await openEventStore(config.eventStore, { now: options.now }));
    if (config.readStore.kind === 'postgres') await resetReadModelsWithMissingTables(pool!);
    const readStore = track(
      config.readStore.kind === 'postgres'
        ? await PostgresReadModelStore.open({ ...config.readStore, pool: pool! })
        : await openReadModelStore(config.readStore),
    );
    const snapshots = track(
      config.readStore.kind === 'postgres'
        ? await PostgresSnapshotStore.open({ ...config.readStore, pool: pool! })
        : SqliteSnapshotStore.open({ path: config.readStore.path }),
    );
    const anchors = track(
      config.eventStore.kind === 'postgres'
        ? await PostgresAnchorStore.open({ ...config.eventStore, pool: pool! })
        : SqliteAnchorStore.open({ path: config.eventStore.path }),
    );
    // Beside the log: in its SQLite file, or in the database that holds it.
    const credentials = track(
      config.eventStore.kind === 'postgres'
        ? await PostgresCredentialStore.open(pool!)
        : SqliteCredentialStore.open(config.eventStore.path),
    );
    const sessions = track(
      config.eventStore.kind === 'postgres'
        ? await PostgresSessionStore.open(pool!)
        : SqliteSessionStore.open(config.eventStore.path),
    );
    const importFiles = track(
      config.eventStore.kind === 'postgres'
        ? await PostgresImportFileStore.open(pool!)
        : SqliteImportFileStore.open(config.eventStore.path),
    );
    return {
      eventStore,
      readStore,
      snapshots,
      anchors,
      credentials,
      sessions,
      importFiles,
      pool,
      close: closeAll,
    };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw config.database ? postgresFailure(error, config.database) : error;
  }
}

export interface ComponentMigration {
  readonly component: string;
  readonly engine: StoreEngine;
  /** Migrations applied by this run (PostgreSQL); SQLite stores create their tables when missing. */
  readonly applied: readonly number[];
  /** The schema version the component is at now; null for SQLite, which is not versioned. */
  readonly version: number | null;
  /**
   * Read models only: their tables found missing though recorded as migrated (a restore without
   * them), so they were reset and created again, empty; none when nothing was missing.
   */
  readonly missingTables: readonly string[];
}

/**
 * Brings every component's schema up to this build: PostgreSQL migrations not yet applied are
 * applied (each once, under the advisory lock, whatever else runs), read models restored without
 * their tables created again, SQLite tables created when missing. Running it again applies
 * nothing.
 */
export async function migrateAll(config: DeploymentConfig): Promise<ComponentMigration[]> {
  const engines = componentEngines(config);
  const postgres: [string, StoreEngine, readonly Migration[]][] = [
    [EVENT_STORE_COMPONENT, engines.eventStore, eventStoreMigrations],
    [READ_MODELS_COMPONENT, engines.readStore, readModelMigrations],
    [REPORT_SNAPSHOTS_COMPONENT, engines.snapshots, snapshotMigrations],
    [LOG_ANCHORS_COMPONENT, engines.anchors, anchorMigrations],
    [IDEMPOTENCY_KEYS_COMPONENT, engines.idempotencyKeys, idempotencyMigrations],
    [USER_CREDENTIALS_COMPONENT, engines.credentials, credentialMigrations],
    [LOGIN_SESSIONS_COMPONENT, engines.sessions, sessionMigrations],
    [IMPORT_FILES_COMPONENT, engines.importFiles, importFileMigrations],
  ];
  const results: ComponentMigration[] = [];
  let pool: Pool | null = null;
  try {
    for (const [component, engine, migrations] of postgres) {
      if (engine === 'postgres') {
        pool ??= await openPgPool({
          url: config.database!.url,
          schema: config.database!.schema,
          max: 1,
          applicationName: 'chidao-migrate',
        });
        const missingTables =
          component === READ_MODELS_COMPONENT ? await resetReadModelsWithMissingTables(pool) : [];
        const result = await migrate(pool, component, migrations);
        results.push({ ...result, engine, missingTables });
      } else if (component !== IDEMPOTENCY_KEYS_COMPONENT) {
        // The API keeps SQLite idempotency keys in a file of its own, created on start.
        await createSqliteTables(config, component);
        results.push({ component, engine, applied: [], version: null, missingTables: [] });
      }
    }
    return results;
  } catch (error) {
    throw config.database ? postgresFailure(error, config.database) : error;
  } finally {
    await pool?.end();
  }
}

async function createSqliteTables(config: DeploymentConfig, component: string): Promise<void> {
  ensurePrivateDir(config.dataDir);
  const eventPath = config.eventStore.kind === 'sqlite' ? config.eventStore.path : '';
  const readPath = config.readStore.kind === 'sqlite' ? config.readStore.path : '';
  const store: { close(): Promise<void> } =
    component === EVENT_STORE_COMPONENT
      ? await openEventStore({ kind: 'sqlite', path: eventPath })
      : component === READ_MODELS_COMPONENT
        ? await openReadModelStore({ kind: 'sqlite', path: readPath })
        : component === REPORT_SNAPSHOTS_COMPONENT
          ? SqliteSnapshotStore.open({ path: readPath })
          : component === USER_CREDENTIALS_COMPONENT
            ? SqliteCredentialStore.open(eventPath)
            : component === LOGIN_SESSIONS_COMPONENT
              ? SqliteSessionStore.open(eventPath)
              : component === IMPORT_FILES_COMPONENT
                ? SqliteImportFileStore.open(eventPath)
                : SqliteAnchorStore.open({ path: eventPath });
  await store.close();
}
