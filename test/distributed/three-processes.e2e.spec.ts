/**
 * The distributed deployment as an operator runs it: `chidao migrate`, then the API, the
 * projector and reporting as three separate processes on PostgreSQL + Kafka (a fresh schema and
 * topic). The same year of a province's work is driven through the API's HTTP port and through
 * an embedded app (one process, SQLite, projections in process); both must give the same
 * completion statistics and the same report snapshots, which verify against their own log.
 */
import {
  describeWithKafka,
  describeWithPostgres,
  dropSchema,
  uniqueSchema,
  uniqueTopic,
  whileRetriable,
} from '@chidao/event-store/testing';
import { Kafka, logLevel } from 'kafkajs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { startTestApp, type TestApp, ADMIN } from '../../apps/api/test/support/test-app';
import { dueSchedule, writeScheduleStart } from './support/due-schedule';
import {
  ENTRY,
  eventually,
  freePort,
  runToExit,
  startProcess,
  stopProcess,
  type Running,
} from './support/processes';
import { walkIds, walkProvince, type Walked, type WalkIds } from './support/province-walk';

const JWT_SECRET = 'a-secret-shared-by-every-api-instance-0123456789';

/** Statistics queries leadership makes: several cut-offs and groupings of the year 2024. */
const STATS_QUERIES = [
  'asOf=2024-06-15',
  'asOf=2024-12-31&groupBy=agency',
  'asOf=2024-07-31&groupBy=directive',
  'asOf=2024-09-30&groupBy=month',
  'asOf=2024-06-30&groupBy=leader',
  'asOf=2024-06-30&agency=STTTT',
  'from=2024-04-01&to=2024-06-30&asOf=2024-06-30',
];

describeWithPostgres('api, projector and reporting as three processes', (url) => {
  describeWithKafka('on PostgreSQL and Kafka, against the embedded mode', ({ brokers }) => {
    const schema = uniqueSchema('three');
    const topic = uniqueTopic('three');
    const groups = [
      `${topic}.projector.tasks`,
      `${topic}.projector.directives`,
      `${topic}.reporting.tasks`,
      `${topic}.projector.reminder_messages`,
      `${topic}.projector.task_reminders`,
      `${topic}.projector.urge_counts`,
    ];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-three-'));
    /** Reporting's schedule and the embedded app's: one period due, whatever the date. */
    const schedule = dueSchedule(new Date());
    const ids: WalkIds = walkIds();
    const kafka = new Kafka({
      clientId: 'three-processes-spec',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    });
    const running: Running[] = [];
    let api: Running;
    let projector: Running;
    let reporting: Running;
    let distributed: { http: TestAgent; walked: Walked };
    let embedded: { app: TestApp; walked: Walked };

    /** What every process reads: the stores in the schema, the log on the topic. */
    const deployment: Record<string, string> = {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_READ_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_BUS: 'kafka',
      CHIDAO_KAFKA_BROKERS: brokers.join(','),
      CHIDAO_KAFKA_TOPIC: topic,
      CHIDAO_KAFKA_PARTITIONS: '3',
    };
    const dirOf = (name: string) => {
      const dir = path.join(dataDir, name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    };

    beforeAll(async () => {
      const migrated = await runToExit([...ENTRY.chidao, 'migrate'], deployment);
      expect(migrated).toMatchObject({ code: 0 });
      await writeScheduleStart(deployment, schedule);

      const start = async (name: keyof typeof ENTRY, env: Record<string, string>, line: RegExp) => {
        const started = await startProcess(name, ENTRY[name], env, line);
        running.push(started);
        return started;
      };
      const [apiPort, projectorPort, reportingPort] = await Promise.all([
        freePort(),
        freePort(),
        freePort(),
      ]);
      [api, projector, reporting] = await Promise.all([
        start(
          'api',
          {
            ...deployment,
            PORT: String(apiPort),
            CHIDAO_DATA_DIR: dirOf('api'),
            CHIDAO_PROJECTIONS: 'off',
            CHIDAO_REPORT_SCHEDULES: 'none',
            // Periods under ND 09 end on the same day in both modes.
            CHIDAO_REPORT_CUTOFF_DAY: schedule.env.CHIDAO_REPORT_CUTOFF_DAY,
            CHIDAO_JWT_SECRET: JWT_SECRET,
            CHIDAO_BOOTSTRAP_ADMIN: `${ADMIN.username}:${ADMIN.password}`,
          },
          /Chidao API on http/,
        ),
        start(
          'projector',
          { ...deployment, PORT: String(projectorPort), CHIDAO_DATA_DIR: dirOf('projector') },
          /Chidao projector:/,
        ),
        start(
          'reporting',
          {
            ...deployment,
            PORT: String(reportingPort),
            CHIDAO_DATA_DIR: dirOf('reporting'),
            ...schedule.env,
          },
          /Chidao reporting:/,
        ),
      ]);
      const http = request(`http://127.0.0.1:${apiPort}`);
      distributed = { http, walked: await walkProvince(http, ids) };

      // The same schedule, begun on the same day: it appends the same events as reporting does.
      const embeddedDir = dirOf('embedded');
      await writeScheduleStart({ CHIDAO_DATA_DIR: embeddedDir }, schedule);
      const app = await startTestApp({
        now: new Date().toISOString(),
        env: schedule.env,
        dataDir: embeddedDir,
      });
      embedded = { app, walked: await walkProvince(app.http, ids) };
    }, 120_000);

    afterAll(async () => {
      for (const { child } of running) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      await embedded?.app.close();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
      await dropSchema(url, schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('runs each process on its own, on the database and the topic', () => {
      const where = `log in PostgreSQL ${url} (schema ${schema})`;
      for (const { output } of [api, projector, reporting]) {
        expect(output.stdout).toContain(where);
        expect(output.stdout).toContain(`events Kafka ${brokers.join(',')} topic ${topic}`);
      }
      expect(api.output.stdout).toContain('projections off');
      expect(projector.startLine).toContain(`groups ${groups[0]}, ${groups[1]}`);
      expect(reporting.startLine).toContain(`in group ${groups[2]}`);
    });

    it('wrote the same log in both modes', async () => {
      const head = async (http: TestAgent) =>
        (await http.get('/ready').expect(200)).body.headPosition as number;
      expect(distributed.walked.position).toBe(embedded.walked.position);
      expect(await head(distributed.http)).toBe(await head(embedded.app.http));
    });

    it('gives the same completion statistics as the embedded mode', async () => {
      const stats = async (http: TestAgent, walked: Walked, query: string) =>
        (
          await http
            .get(`/api/stats/completion?${query}&minPosition=${walked.position}`)
            .set(walked.headers('leader'))
            .expect(200)
        ).body;
      for (const query of STATS_QUERIES) {
        const expected = await stats(embedded.app.http, embedded.walked, query);
        expect({ query, ...(await stats(distributed.http, distributed.walked, query)) }).toEqual({
          query,
          ...expected,
        });
      }
      // Not empty figures agreeing: the year has every kind of task.
      const year = await stats(embedded.app.http, embedded.walked, 'asOf=2024-12-31');
      expect(year.scope.total).toBe(10);
      expect(year.scope.done).toEqual({ total: 8, onTime: 5, late: 2, noDeadline: 1 });
      expect(year.scope.notDone).toMatchObject({ total: 2, overdue: 2 });
    });

    it('takes report snapshots with the same figures at the same position, which verify', async () => {
      const requests = [
        { period: '2024-Q2' },
        { period: '2024-H1', convention: 'nd09', scope: { agency: 'STTTT' } },
        { period: '..2024-07-31' },
        { period: '2024', scope: { directive: ids.directives.plan } },
      ];
      const take = async (http: TestAgent, walked: Walked, body: object) =>
        (await http.post('/api/reports').set(walked.headers('tracker')).send(body).expect(201))
          .body;
      const verify = async (http: TestAgent, walked: Walked, id: string) =>
        (await http.get(`/api/reports/${id}/verify`).set(walked.headers('auditor')).expect(200))
          .body;
      for (const body of requests) {
        const inProcess = await take(embedded.app.http, embedded.walked, body);
        const apart = await take(distributed.http, distributed.walked, body);
        expect({ body, figures: apart.figures }).toEqual({ body, figures: inProcess.figures });
        expect([apart.period, apart.scope, apart.position]).toEqual([
          inProcess.period,
          inProcess.scope,
          inProcess.position,
        ]);
        for (const [http, walked, id] of [
          [distributed.http, distributed.walked, apart.id],
          [embedded.app.http, embedded.walked, inProcess.id],
        ] as const) {
          expect(await verify(http, walked, id)).toMatchObject({
            identical: true,
            digestValid: true,
            logDigestValid: true,
          });
        }
      }
    });

    it('lets reporting keep tasks from Kafka in its own group and take the scheduled snapshot', async () => {
      // Every group read the whole topic: its committed offsets reach the end of each partition.
      const admin = kafka.admin();
      await admin.connect();
      try {
        const ends = await whileRetriable(() => admin.fetchTopicOffsets(topic));
        for (const groupId of groups) {
          await eventually(async () => {
            const [committed] = await whileRetriable(() =>
              admin.fetchOffsets({ groupId, topics: [topic] }),
            );
            const behind = ends.filter(
              (end) =>
                committed.partitions.find((p) => p.partition === end.partition)?.offset !==
                end.high,
            );
            return behind.length === 0 ? true : undefined;
          }, `${groupId} at the end of ${topic}`);
        }
      } finally {
        await admin.disconnect();
      }

      const scheduled = async (http: TestAgent, walked: Walked) =>
        eventually(async () => {
          const { body } = await http
            .get('/api/reports')
            .set(walked.headers('auditor'))
            .expect(200);
          return (body.items as { id: string; trigger: string }[]).find(
            (item) => item.trigger === schedule.scheduleId,
          );
        }, 'scheduled snapshot');
      const taken = await scheduled(distributed.http, distributed.walked);
      const reference = await scheduled(embedded.app.http, embedded.walked);
      const [snapshot, expected] = await Promise.all([
        distributed.http.get(`/api/reports/${taken.id}`).set(distributed.walked.headers('auditor')),
        embedded.app.http
          .get(`/api/reports/${reference.id}`)
          .set(embedded.walked.headers('auditor')),
      ]);
      expect([taken.id, reference.id]).toEqual([schedule.reportId, schedule.reportId]);
      expect(snapshot.body.figures).toEqual(expected.body.figures);
      const verified = await distributed.http
        .get(`/api/reports/${taken.id}/verify`)
        .set(distributed.walked.headers('auditor'))
        .expect(200);
      expect(verified.body).toMatchObject({ identical: true, logDigestValid: true });
    });

    it('stops every process cleanly on SIGTERM', async () => {
      // The API first, then reporting, then the projector (whose relay the others depend on).
      // NestJS closes the API, then raises the signal again: it ends by SIGTERM, not exit 0.
      expect(await stopProcess(api)).toEqual({ code: null, signal: 'SIGTERM' });
      expect(api.output.stderr).toBe('');
      for (const each of [reporting, projector]) {
        expect({ process: each.name, ...(await stopProcess(each)) }).toEqual({
          process: each.name,
          code: 0,
          signal: null,
        });
        expect(each.output.stderr).toBe('');
      }
    });
  });
});
