/**
 * The backup-and-restore runbook of docs/operations.md, followed word for word: its shell blocks
 * are read from the document and run by bash against processes started as an operator starts
 * them. A province's work is entered, figures are read, the backup is taken while the API runs,
 * more work is entered, the processes are stopped, the restore is run, the processes started
 * again: the figures must be those of the backup, the later work gone, the log intact.
 * On SQLite (embedded), on PostgreSQL in `public` of a database of its own (the API projecting
 * in process), and on PostgreSQL in a schema of its own with Kafka (API, projector).
 */
import {
  describeWithKafka,
  describeWithPostgres,
  dropSchema,
  uniqueSchema,
  uniqueTopic,
} from '@chidao/event-store/testing';
import { Kafka, logLevel } from 'kafkajs';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ADMIN } from '../../apps/api/test/support/test-app';
import {
  ENTRY,
  freePort,
  runToExit,
  startProcess,
  stopProcess,
  type Running,
} from '../distributed/support/processes';
import { walkIds, walkProvince, type Walked } from '../distributed/support/province-walk';
import { runRunbook } from './support/runbook';

const JWT_SECRET = 'a-secret-for-the-runbook-test-0123456789abcdef';
const ADMIN_ENV = { CHIDAO_BOOTSTRAP_ADMIN: `${ADMIN.username}:${ADMIN.password}` };
/** No scheduled snapshot may append to the log while the figures are compared. */
const NO_SCHEDULES = { CHIDAO_REPORT_SCHEDULES: 'none' };

const STATS_QUERIES = [
  'asOf=2024-06-15',
  'asOf=2024-12-31&groupBy=agency',
  'asOf=2024-09-30&groupBy=month',
  'asOf=2024-06-30&agency=STTTT',
];

/** What an operator checks after a restore: the log head, the statistics, the reports. */
async function figures(http: TestAgent, walked: Walked) {
  const ready = await http.get('/ready');
  const head = ready.body.headPosition as number;
  expect(typeof head).toBe('number');
  const stats: Record<string, unknown> = {};
  for (const query of STATS_QUERIES) {
    stats[query] = (
      await http
        .get(`/api/stats/completion?${query}&minPosition=${head}`)
        .set(walked.headers('leader'))
        .expect(200)
    ).body;
  }
  // Not as an auditor: an auditor's reads are recorded in the log, and would move its head.
  const reports = (await http.get('/api/reports').set(walked.headers('tracker')).expect(200)).body
    .items as { id: string }[];
  return { head, stats, reports };
}

/** Work entered after the backup: a directive with two tasks, which the restore must undo. */
async function laterWork(http: TestAgent, walked: Walked): Promise<void> {
  const directive = randomUUID();
  await http
    .post('/api/directives')
    .set(walked.headers('leader'))
    .send({
      id: directive,
      reference: '99/KH-UBND',
      issuedOn: '2024-05-02',
      issuer: 'UBND tỉnh Hà Tĩnh',
      title: 'Kế hoạch nhập sau bản sao lưu',
    })
    .expect(201);
  await http
    .post(`/api/directives/${directive}/tasks`)
    .set(walked.headers('tracker'))
    .send({
      tasks: [1, 2].map((n) => ({
        id: randomUUID(),
        title: `Nhiệm vụ sau sao lưu ${n}`,
        leadAgency: 'STTTT',
        deadline: '2024-06-01',
        occurredOn: '2024-05-02',
      })),
    })
    .expect(201);
}

interface Deployment {
  /** The environment every process and runbook command gets. */
  readonly env: Record<string, string>;
  /** Starts the processes; `env` adds to the deployment's (a new topic after the restore). */
  start(env?: Record<string, string>): Promise<{ http: TestAgent; running: Running[] }>;
}

interface RoundTrip {
  readonly backup: { code: number | null; stdout: string; stderr: string };
  readonly restore: { code: number | null; stdout: string; stderr: string };
  readonly before: Awaited<ReturnType<typeof figures>>;
  readonly changed: Awaited<ReturnType<typeof figures>>;
  readonly after: Awaited<ReturnType<typeof figures>>;
  readonly verified: unknown;
}

/**
 * The runbook against one deployment: work, figures, backup (processes running), later work,
 * stop, restore, start again (with `restartEnv`), figures. Every process is stopped at the end.
 */
async function roundTrip(
  deployment: Deployment,
  blocks: { backup: string; restore: string },
  backupFile: string,
  restartEnv: Record<string, string> = {},
): Promise<RoundTrip> {
  const env = { ...deployment.env, BACKUP: backupFile };
  const first = await deployment.start();
  let walked: Walked;
  let before: RoundTrip['before'];
  let changed: RoundTrip['changed'];
  let backup: RoundTrip['backup'];
  try {
    walked = await walkProvince(first.http, walkIds());
    // A published report: snapshots are kept by the backup, unlike read models.
    await first.http
      .post('/api/reports')
      .set(walked.headers('tracker'))
      .send({ period: '2024-Q2' })
      .expect(201);
    before = await figures(first.http, walked);
    backup = await runRunbook(blocks.backup, env);
    await laterWork(first.http, walked);
    changed = await figures(first.http, walked);
  } finally {
    for (const each of first.running.reverse()) await stopProcess(each);
  }
  const restore = await runRunbook(blocks.restore, env);
  const second = await deployment.start(restartEnv);
  try {
    const after = await figures(second.http, walked);
    const verified = (
      await second.http
        .get(`/api/reports/${before.reports[0].id}/verify`)
        .set(walked.headers('auditor'))
        .expect(200)
    ).body;
    return { backup, restore, before, changed, after, verified };
  } finally {
    for (const each of second.running.reverse()) await stopProcess(each);
  }
}

/** What every round trip must show, whatever the engine. */
function expectRestored(trip: RoundTrip): void {
  expect(trip.backup).toMatchObject({ code: 0, stderr: '' });
  // psql's notice of what DROP SCHEMA … CASCADE took with it is for the operator; nothing else.
  const said = trip.restore.stderr
    .split('\n')
    .filter((line) => line !== '' && !/^(NOTICE|DETAIL): |^drop cascades to /.test(line));
  expect(said).toEqual([]);
  expect(trip.restore.code).toBe(0);
  expect(trip.restore.stdout).toContain(`INTACT: `);
  expect(trip.restore.stdout).toContain(`head position ${trip.before.head}.`);
  // The later work was there, and the restore took it away again.
  expect(trip.changed.head).toBeGreaterThan(trip.before.head);
  expect(trip.changed.stats).not.toEqual(trip.before.stats);
  expect(trip.after).toEqual(trip.before);
  expect(trip.before.reports).toHaveLength(1);
  expect(trip.verified).toMatchObject({ identical: true, digestValid: true });
}

async function startApi(env: Record<string, string>): Promise<{ api: Running; http: TestAgent }> {
  const port = await freePort();
  const api = await startProcess('api', ENTRY.api, { ...env, PORT: String(port) }, /Chidao API on/);
  return { api, http: request(`http://127.0.0.1:${port}`) };
}

/** One API process running the projections itself. */
async function startEmbedded(
  env: Record<string, string>,
): Promise<{ http: TestAgent; running: Running[] }> {
  const { api, http } = await startApi(env);
  return { http, running: [api] };
}

/** The distributed shape: a projector keeps the read models, the API runs none. */
async function startWithProjector(
  env: Record<string, string>,
): Promise<{ http: TestAgent; running: Running[] }> {
  const port = String(await freePort());
  const projector = await startProcess(
    'projector',
    ENTRY.projector,
    { ...env, PORT: port },
    /Chidao projector:/,
  );
  const { api, http } = await startApi({ ...env, CHIDAO_PROJECTIONS: 'off' });
  return { http, running: [projector, api] };
}

/** The tables a dump holds, as `pg_restore --list` names them. */
async function dumpedTables(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('pg_restore', ['--list', file]);
  return [...stdout.matchAll(/^\d+; \d+ \d+ TABLE \S+ (\S+) /gm)].map((match) => match[1]);
}

describe('the backup-and-restore runbook on SQLite (embedded)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-runbook-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('restores the figures of the backup, and the log verifies', async () => {
    const dataDir = path.join(dir, 'data');
    const deployment: Deployment = {
      env: { CHIDAO_DATA_DIR: dataDir, ...ADMIN_ENV, ...NO_SCHEDULES },
      start: (extra = {}) => startEmbedded({ ...deployment.env, ...extra }),
    };
    const trip = await roundTrip(
      deployment,
      { backup: 'sqlite-backup', restore: 'sqlite-restore' },
      path.join(dir, 'backup.sqlite'),
    );
    expectRestored(trip);
    expect(fs.existsSync(path.join(dataDir, 'jwt-secret'))).toBe(true);
  });
});

describeWithPostgres('the backup-and-restore runbook on PostgreSQL', (url) => {
  it('restores a deployment in public of its own database, recreating the read models', async () => {
    const database = uniqueSchema('runbook_db');
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${database}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-runbook-'));
    await adminStatement(url, `CREATE DATABASE ${database}`);
    try {
      const deployment: Deployment = {
        env: {
          CHIDAO_EVENT_STORE: 'postgres',
          CHIDAO_DATABASE_URL: databaseUrl.toString(),
          CHIDAO_JWT_SECRET: JWT_SECRET,
          CHIDAO_DATA_DIR: dir,
          ...ADMIN_ENV,
          ...NO_SCHEDULES,
        },
        start: (extra = {}) => startEmbedded({ ...deployment.env, ...extra }),
      };
      expect(await runToExit([...ENTRY.chidao, 'migrate'], deployment.env)).toMatchObject({
        code: 0,
      });
      const trip = await roundTrip(
        deployment,
        { backup: 'postgres-backup', restore: 'postgres-restore' },
        path.join(dir, 'chidao.dump'),
      );
      expectRestored(trip);
      expect(trip.restore.stdout).toMatch(
        /read-models \(PostgreSQL\): rm_projections, rm_generations, rm_checkpoints, rm_source_checkpoints missing/,
      );
      const tables = await dumpedTables(path.join(dir, 'chidao.dump'));
      expect(tables).toEqual(expect.arrayContaining(['event_log', 'report_snapshots']));
      expect(tables.filter((table) => table.startsWith('rm_'))).toEqual([]);
    } finally {
      await adminStatement(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restores a deployment in a schema of its own, the projector rebuilding from the log', async () => {
    const schema = uniqueSchema('runbook');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-runbook-'));
    try {
      const deployment: Deployment = {
        env: {
          CHIDAO_EVENT_STORE: 'postgres',
          CHIDAO_DATABASE_URL: url,
          CHIDAO_DATABASE_SCHEMA: schema,
          CHIDAO_JWT_SECRET: JWT_SECRET,
          CHIDAO_DATA_DIR: dir,
          ...ADMIN_ENV,
          ...NO_SCHEDULES,
        },
        start: (extra = {}) => startWithProjector({ ...deployment.env, ...extra }),
      };
      expect(await runToExit([...ENTRY.chidao, 'migrate'], deployment.env)).toMatchObject({
        code: 0,
      });
      const trip = await roundTrip(
        deployment,
        { backup: 'postgres-backup', restore: 'postgres-restore' },
        path.join(dir, 'chidao.dump'),
      );
      expectRestored(trip);
      expect(trip.restore.stdout).toContain(`(schema ${schema})`);
      expect(trip.restore.stdout).toMatch(/read-models \(PostgreSQL\): rm_projections, .* missing/);
      const tables = await dumpedTables(path.join(dir, 'chidao.dump'));
      expect(tables).toEqual(expect.arrayContaining(['event_log', 'report_snapshots']));
      expect(tables.filter((table) => table.startsWith('rm_'))).toEqual([]);
    } finally {
      await dropSchema(url, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describeWithKafka('with CHIDAO_DATABASE_SCHEMA and Kafka', ({ brokers }) => {
    const schema = uniqueSchema('runbook');
    const topics = [uniqueTopic('runbook'), uniqueTopic('runbook-restored')];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-runbook-'));
    afterAll(async () => {
      const admin = new Kafka({
        clientId: 'runbook-spec',
        brokers: [...brokers],
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      const groups = topics.flatMap((topic) => [
        `${topic}.projector.tasks`,
        `${topic}.projector.directives`,
      ]);
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
      await dropSchema(url, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('restores the schema, and the projector rebuilds from a new topic', async () => {
      const deployment: Deployment = {
        env: {
          CHIDAO_EVENT_STORE: 'postgres',
          CHIDAO_DATABASE_URL: url,
          CHIDAO_DATABASE_SCHEMA: schema,
          CHIDAO_BUS: 'kafka',
          CHIDAO_KAFKA_BROKERS: brokers.join(','),
          CHIDAO_KAFKA_TOPIC: topics[0],
          CHIDAO_KAFKA_PARTITIONS: '3',
          CHIDAO_JWT_SECRET: JWT_SECRET,
          CHIDAO_DATA_DIR: dir,
          ...ADMIN_ENV,
          ...NO_SCHEDULES,
        },
        start: (extra = {}) => startWithProjector({ ...deployment.env, ...extra }),
      };
      expect(await runToExit([...ENTRY.chidao, 'migrate'], deployment.env)).toMatchObject({
        code: 0,
      });
      const trip = await roundTrip(
        deployment,
        { backup: 'postgres-backup', restore: 'postgres-restore' },
        path.join(dir, 'chidao.dump'),
        { CHIDAO_KAFKA_TOPIC: topics[1] },
      );
      expectRestored(trip);
      expect(trip.restore.stdout).toContain(`(schema ${schema})`);
      expect(trip.restore.stdout).toMatch(/read-models \(PostgreSQL\): rm_projections, .* missing/);
      // Every read model was left out of the schema's dump, the relay's checkpoint included.
      const tables = await dumpedTables(path.join(dir, 'chidao.dump'));
      expect(tables).toEqual(expect.arrayContaining(['event_log', 'log_anchors']));
      expect(tables.filter((table) => table.startsWith('rm_'))).toEqual([]);
    });
  });
});

/** One statement on the test server's own database (creating and dropping databases). */
async function adminStatement(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
