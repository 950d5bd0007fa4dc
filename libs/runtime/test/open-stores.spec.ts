import { anchorMigrations, ensureDailyAnchor } from '@chidao/audit';
import { eventStoreMigrations, type Migration } from '@chidao/event-store';
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { readModelMigrations, rebuildProjection } from '@chidao/projections';
import { seedLog, streamTally } from '@chidao/projections/testing';
import { snapshotMigrations } from '@chidao/reporting';
import { sampleSnapshot } from '@chidao/reporting/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  credentialMigrations,
  idempotencyMigrations,
  loadDeploymentConfig,
  migrateAll,
  openStores,
  sessionMigrations,
  importFileMigrations,
  type Stores,
} from '../src';

/** Each PostgreSQL component, in migrateAll's order, and the migrations this build ships. */
const COMPONENTS: [string, readonly Migration[]][] = [
  ['event-store', eventStoreMigrations],
  ['read-models', readModelMigrations],
  ['report-snapshots', snapshotMigrations],
  ['log-anchors', anchorMigrations],
  ['idempotency-keys', idempotencyMigrations],
  ['user-credentials', credentialMigrations],
  ['login-sessions', sessionMigrations],
  ['import-files', importFileMigrations],
];
const versionsOf = (migrations: readonly Migration[]) => migrations.map((m) => m.version);

const NOW = new Date('2024-05-28T03:00:00Z');

/**
 * What a process does with its stores: appends, projects, anchors the log, keeps a snapshot
 * and starts a login session. Returns the log's head.
 */
async function useEveryStore(stores: Stores): Promise<number> {
  const head = await seedLog(stores.eventStore, 120, 6, 40);
  const rebuilt = await rebuildProjection(streamTally, {
    eventStore: stores.eventStore,
    readStore: stores.readStore,
  });
  expect(rebuilt.position).toBe(head);
  const anchored = await ensureDailyAnchor(stores.eventStore, stores.anchors, NOW);
  expect(anchored.status).toBe('created');
  await stores.snapshots.save(sampleSnapshot({ id: 'snap-runtime' }));
  await stores.sessions.start({
    sessionId: 'session-runtime',
    userId: 'u-1',
    epoch: 0,
    startedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 3_600_000),
    userAgent: 'jest',
    address: '127.0.0.1',
  });
  return head;
}

/** What the next start of the process finds in the same stores. */
async function expectKept(stores: Stores, head: number): Promise<void> {
  expect(await stores.eventStore.headPosition()).toBe(head);
  const tallies = stores.readStore.documents('stream_tally');
  expect(await tallies.count()).toBe(6);
  expect(await tallies.position()).toBe(head);
  expect((await stores.anchors.latest())?.position).toBe(head);
  expect((await stores.snapshots.get('snap-runtime'))?.id).toBe('snap-runtime');
  expect((await stores.sessions.get('session-runtime'))?.generation).toBe(0);
}

describe('openStores on SQLite', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-runtime-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('opens every store in DIR/chidao.sqlite (creating the directory), and keeps them across a restart', async () => {
    const config = loadDeploymentConfig({ CHIDAO_DATA_DIR: dataDir });
    const first = await openStores(config);
    expect(first.pool).toBeNull();
    const head = await useEveryStore(first);
    await first.close();
    await first.close(); // twice is harmless: a shutdown hook may run after another
    expect(fs.readdirSync(dataDir)).toContain('chidao.sqlite');

    const again = await openStores(config);
    try {
      await expectKept(again, head);
    } finally {
      await again.close();
    }
  });

  it('migrateAll creates the tables and reports nothing versioned, every time', async () => {
    const config = loadDeploymentConfig({ CHIDAO_DATA_DIR: dataDir });
    for (let run = 0; run < 2; run++) {
      const results = await migrateAll(config);
      expect(results).toEqual(
        [
          'event-store',
          'read-models',
          'report-snapshots',
          'log-anchors',
          'user-credentials',
          'login-sessions',
          'import-files',
        ].map((component) => ({
          component,
          engine: 'sqlite',
          applied: [],
          version: null,
          missingTables: [],
        })),
      );
    }
    expect(fs.existsSync(path.join(dataDir, 'chidao.sqlite'))).toBe(true);
  });
});

describeWithPostgres('openStores on PostgreSQL', (url) => {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = uniqueSchema('rt');
    schemas.push(schema);
    return schema;
  };
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-runtime-pg-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(url, schema);
  });

  async function query<R>(sql: string, values: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as R[];
    } finally {
      await client.end();
    }
  }

  const postgresEnv = (schema: string) => ({
    CHIDAO_EVENT_STORE: 'postgres',
    CHIDAO_DATABASE_URL: url,
    CHIDAO_DATABASE_SCHEMA: schema,
    CHIDAO_DATA_DIR: dataDir,
  });

  it('opens every store in the configured schema on one shared pool, and closes every connection', async () => {
    const schema = fresh();
    const config = loadDeploymentConfig(postgresEnv(schema));
    const applicationName = `chidao-rt-${schema}`.slice(0, 63);
    const connections = async () =>
      Number(
        (
          await query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
            [applicationName],
          )
        )[0].n,
      );

    const first = await openStores(config, { now: () => NOW, applicationName });
    expect(first.pool).not.toBeNull();
    const head = await useEveryStore(first);
    expect(await connections()).toBeGreaterThan(0);
    await first.close();
    await first.close();
    expect(await connections()).toBe(0);

    const tables = await query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'event_log',
        'event_log_head',
        'rm_projections',
        'rm_checkpoints',
        'report_snapshots',
        'log_anchors',
        'login_sessions',
        'import_files',
      ]),
    );
    // Nothing of it in SQLite: the data directory stays empty.
    expect(fs.readdirSync(dataDir)).toEqual([]);

    const again = await openStores(config, { applicationName });
    try {
      await expectKept(again, head);
    } finally {
      await again.close();
    }
  });

  it('keeps the log in SQLite and the read models and snapshots in PostgreSQL when told so', async () => {
    const schema = fresh();
    const config = loadDeploymentConfig({
      CHIDAO_READ_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_DATA_DIR: dataDir,
    });
    const stores = await openStores(config);
    try {
      const head = await useEveryStore(stores);
      await expectKept(stores, head);
    } finally {
      await stores.close();
    }
    expect(fs.readdirSync(dataDir)).toContain('chidao.sqlite');
    const tables = (
      await query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      )
    ).map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(['rm_projections', 'report_snapshots']));
    expect(tables).not.toContain('event_log');
    expect(tables).not.toContain('log_anchors');
    expect(tables).not.toContain('login_sessions');
    expect(tables).not.toContain('import_files');
  });

  it('migrateAll applies every component once; the second run applies nothing', async () => {
    const schema = fresh();
    const config = loadDeploymentConfig(postgresEnv(schema));
    const first = await migrateAll(config);
    expect(first).toEqual(
      COMPONENTS.map(([component, migrations]) => ({
        component,
        engine: 'postgres',
        applied: versionsOf(migrations),
        version: migrations.length,
        missingTables: [],
      })),
    );
    const second = await migrateAll(config);
    expect(second).toEqual(first.map((result) => ({ ...result, applied: [] })));
    const recorded = await query<{ component: string; versions: number[] }>(
      `SELECT component, array_agg(version ORDER BY version) AS versions
       FROM ${schema}.chidao_schema_migrations GROUP BY component`,
    );
    expect(new Map(recorded.map((row) => [row.component, row.versions]))).toEqual(
      new Map(COMPONENTS.map(([component, migrations]) => [component, versionsOf(migrations)])),
    );
    // The stores open on the migrated schema without applying anything more.
    const stores = await openStores(config);
    await stores.close();
    expect(await migrateAll(config)).toEqual(second);
  });

  /** What a restore of a dump made with --exclude-table="<schema>.rm_*" leaves. */
  async function dropReadModelTables(schema: string): Promise<void> {
    const tables = await query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename LIKE 'rm\\_%'`,
      [schema],
    );
    expect(tables.length).toBeGreaterThanOrEqual(4);
    await query(`DROP TABLE ${tables.map(({ name }) => `${schema}.${name}`).join(', ')}`);
  }

  it('creates again the read models a restore left out: migrateAll, and processes opening at once', async () => {
    const schema = fresh();
    const config = loadDeploymentConfig(postgresEnv(schema));
    await migrateAll(config);
    const first = await openStores(config, { now: () => NOW });
    const head = await useEveryStore(first);
    await first.close();

    await dropReadModelTables(schema);
    const migrated = await migrateAll(config);
    expect(migrated.find((result) => result.component === 'read-models')).toEqual({
      component: 'read-models',
      engine: 'postgres',
      applied: versionsOf(readModelMigrations),
      version: readModelMigrations.length,
      missingTables: [
        'rm_projections',
        'rm_generations',
        'rm_checkpoints',
        'rm_source_checkpoints',
      ],
    });
    expect(migrated.filter((result) => result.applied.length > 0)).toHaveLength(1);

    // Without migrate: three processes start at once on the restored schema.
    await dropReadModelTables(schema);
    const opened = await Promise.all([1, 2, 3].map(() => openStores(config)));
    try {
      const [stores] = opened;
      await expect(stores.readStore.documents('stream_tally').count()).rejects.toThrow(
        'No read model registered as stream_tally',
      );
      const rebuilt = await rebuildProjection(streamTally, {
        eventStore: stores.eventStore,
        readStore: stores.readStore,
      });
      expect(rebuilt.position).toBe(head);
      await expectKept(stores, head);
    } finally {
      for (const stores of opened) await stores.close();
    }
    expect(await migrateAll(config)).toEqual(
      migrated.map((result) => ({ ...result, applied: [], missingTables: [] })),
    );
  });

  it('migrateAll from several processes at once applies each migration exactly once', async () => {
    const config = loadDeploymentConfig(postgresEnv(fresh()));
    const runs = await Promise.all([migrateAll(config), migrateAll(config), migrateAll(config)]);
    // Per component, the versions applied by all three runs together: each exactly once.
    for (const [index, [component, migrations]] of COMPONENTS.entries()) {
      const applied = runs.flatMap((run) => run[index].applied);
      expect([component, applied.sort((a, b) => a - b)]).toEqual([
        component,
        versionsOf(migrations),
      ]);
    }
  });
});
