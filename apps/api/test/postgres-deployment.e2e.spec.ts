import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { Client } from 'pg';
import { passwordOf, seedProvince, type Province } from './support/province';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app';

/**
 * The API on the distributed deployment's stores: the same walk gives the same answers on
 * PostgreSQL as on SQLite, and several instances on one database behave as one API (users,
 * tokens, retries, read models written by another instance's runners).
 */

const JWT_SECRET = 'a-secret-shared-by-every-instance-0123456789';

/** Ends the LISTEN connections of the instances on `schema`; they reconnect on their next poll. */
async function dropListeners(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'chidao-listen' AND query = $1`,
      // The log's channel, as libs/event-store/src/postgres/pg-append-listener.ts names it.
      [`LISTEN "${`chidao_log_${schema}`.slice(0, 63)}"`],
    );
  } finally {
    await client.end();
  }
}

const postgresEnv = (url: string, schema: string): Record<string, string> => ({
  CHIDAO_EVENT_STORE: 'postgres',
  CHIDAO_DATABASE_URL: url,
  CHIDAO_DATABASE_SCHEMA: schema,
  CHIDAO_JWT_SECRET: JWT_SECRET,
});

/**
 * Login, a directive, one task assigned to Sở TT&TT, received, reported done, confirmed; the
 * statistics then say 1/1 = 100%. Returns the statistics as the leader reads them.
 */
async function shortWalk(t: TestApp): Promise<Record<string, unknown>> {
  const p = await seedProvince(t);
  const directive = await t.http
    .post('/api/directives')
    .set(p.headers('leader'))
    .send({
      reference: '24/CTr-UBND',
      issuedOn: '2024-01-19',
      issuer: 'UBND tỉnh Hà Tĩnh',
      title: 'Chương trình công tác năm 2024 của UBND tỉnh',
    })
    .expect(201);
  const assigned = await t.http
    .post(`/api/directives/${directive.body.id}/tasks`)
    .set(p.headers('tracker'))
    .send({
      tasks: [
        {
          title: 'Triển khai nền tảng số dùng chung',
          leadAgency: 'STTTT',
          deadline: '2024-06-20',
          occurredOn: '2024-01-19',
        },
      ],
    })
    .expect(201);
  const taskId: string = assigned.body.tasks[0].id;
  await t.http
    .post(`/api/tasks/${taskId}/receive`)
    .set(p.headers('staffTTTT'))
    .send({ occurredOn: '2024-02-01' })
    .expect(200);
  await t.http
    .post(`/api/tasks/${taskId}/completion`)
    .set(p.headers('staffTTTT'))
    .send({ completedOn: '2024-06-10', resultDocument: '88/STTTT-CNTT', occurredOn: '2024-06-11' })
    .expect(200);
  const confirmed = await t.http
    .post(`/api/tasks/${taskId}/completion/confirm`)
    .set(p.headers('tracker'))
    .send({ occurredOn: '2024-06-12' })
    .expect(200);
  const { body } = await t.http
    .get(
      `/api/stats/completion?asOf=2024-06-30&agency=STTTT&minPosition=${confirmed.body.position}`,
    )
    .set(p.headers('leader'))
    .expect(200);
  expect(body.scope.total).toBe(1);
  expect(body.scope.done).toMatchObject({ total: 1, onTime: 1 });
  expect(body.scope.rates.doneOfAssigned).toMatchObject({
    numerator: 1,
    denominator: 1,
    display: '100%',
  });
  expect(body.scope.summaryVi).toContain('hoàn thành 1/1 nhiệm vụ, đạt 100%');
  return body;
}

describe('a short walk on SQLite (the embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ends with 1/1 tasks done, 100%', async () => {
    await shortWalk(t);
  });
});

describeWithPostgres('the API on PostgreSQL', (url) => {
  describe('one instance', () => {
    const schema = uniqueSchema('api');
    let pg: TestApp;
    let sqlite: TestApp;
    beforeAll(async () => {
      pg = await startTestApp({ env: postgresEnv(url, schema) });
      sqlite = await startTestApp();
    });
    afterAll(async () => {
      await pg.close();
      await sqlite.close();
      await dropSchema(url, schema);
    });

    it('walks the same walk as on SQLite, to the same statistics', async () => {
      const onPostgres = await shortWalk(pg);
      const onSqlite = await shortWalk(sqlite);
      expect(onPostgres).toEqual(onSqlite);
      // Nothing of the log in the data directory: it is in the database.
      expect(pg.config.deployment.eventStore.kind).toBe('postgres');
      const ready = await pg.http.get('/ready').expect(200);
      expect(ready.body.headPosition).toBeGreaterThan(0);
    });
  });

  describe('several instances on one schema', () => {
    const schema = uniqueSchema('api2');
    let a: TestApp;
    let b: TestApp;
    let p: Province;
    let taskId: string;

    const head = async (t: TestApp): Promise<number> =>
      (await t.http.get('/ready').expect(200)).body.headPosition;

    beforeAll(async () => {
      a = await startTestApp({ env: postgresEnv(url, schema) });
      p = await seedProvince(a);
      b = await startTestApp({ env: postgresEnv(url, schema) });
      const directive = await a.http
        .post('/api/directives')
        .set(p.headers('leader'))
        .send({
          reference: '30/KH-UBND',
          issuedOn: '2024-02-01',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Kế hoạch thực hiện Đề án 06 năm 2024',
        })
        .expect(201);
      const assigned = await a.http
        .post(`/api/directives/${directive.body.id}/tasks`)
        .set(p.headers('leader'))
        .send({ tasks: [{ title: 'Số hoá hồ sơ', leadAgency: 'STTTT', deadline: '2024-12-31' }] })
        .expect(201);
      taskId = assigned.body.tasks[0].id;
      await a.http.post(`/api/tasks/${taskId}/receive`).set(p.headers('staffTTTT')).expect(200);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await dropSchema(url, schema);
    });

    it('bootstraps the first administrator once, whichever instance starts', async () => {
      const users = await b.http.get('/api/users').set(p.headers('admin')).expect(200);
      const admins = (users.body.items ?? users.body).filter(
        (user: { username: string }) => user.username === ADMIN.username,
      );
      expect(admins).toHaveLength(1);
    });

    it('lets a user created through A log in through B at once, and B accepts A’s tokens', async () => {
      // B may miss A's append notification (a dropped LISTEN connection): it only polls then.
      await dropListeners(url, schema);
      const created = await a.http
        .post('/api/users')
        .set(p.headers('admin'))
        .send({
          username: 'chuyenvien.moi',
          password: passwordOf('moi'),
          displayName: 'Chuyên viên mới',
          roles: ['staff'],
          agency: 'STTTT',
        })
        .expect(201);
      const token = await b.login('chuyenvien.moi', passwordOf('moi'));
      const me = await b.http.get('/api/auth/me').set(bearer(token)).expect(200);
      expect(me.body).toMatchObject({ id: created.body.id, username: 'chuyenvien.moi' });

      // And the other way: a token A issued for another new user, presented to B first.
      await a.http
        .post('/api/users')
        .set(p.headers('admin'))
        .send({
          username: 'chuyenvien.hai',
          password: passwordOf('hai'),
          displayName: 'Chuyên viên hai',
          roles: ['staff'],
          agency: 'STC',
        })
        .expect(201);
      const fromA = await a.login('chuyenvien.hai', passwordOf('hai'));
      await b.http.get('/api/auth/me').set(bearer(fromA)).expect(200);
    });

    it('shares the sessions: a refresh on B retires A’s token, a logout on A ends B’s calls, a role change on A ends B’s session', async () => {
      await dropListeners(url, schema);
      const login = (
        await a.http
          .post('/api/auth/login')
          .send({ username: 'staffkhdt', password: passwordOf('staffKHDT') })
          .expect(200)
      ).body;
      const onB = (
        await b.http
          .post('/api/auth/refresh')
          .send({ refreshToken: login.refreshToken })
          .expect(200)
      ).body;
      await b.http.get('/api/auth/me').set(bearer(onB.accessToken)).expect(200);
      // The token A handed out was retired by B: presented to A, it ends the session everywhere.
      await a.http.post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(401);
      await b.http.get('/api/auth/me').set(bearer(onB.accessToken)).expect(401);

      const second = (
        await b.http
          .post('/api/auth/login')
          .send({ username: 'staffkhdt', password: passwordOf('staffKHDT') })
          .expect(200)
      ).body;
      await a.http.post('/api/auth/logout').set(bearer(second.accessToken)).expect(204);
      await b.http.get('/api/auth/me').set(bearer(second.accessToken)).expect(401);

      const third = (
        await b.http
          .post('/api/auth/login')
          .send({ username: 'staffkhdt', password: passwordOf('staffKHDT') })
          .expect(200)
      ).body;
      await a.http
        .patch(`/api/users/${p.userIds.staffKHDT}`)
        .set(p.headers('admin'))
        .send({ agency: 'STC' })
        .expect(200);
      // B learns of the new epoch from the log (its LISTEN connection was dropped: by polling).
      await b.http.get('/api/auth/me').set(bearer(third.accessToken)).expect(401);
      await b.http.post('/api/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);
    });

    it('answers a retried Idempotency-Key once, whichever instance the retry reaches', async () => {
      const progress = { percent: 40, note: 'Đã số hoá 40% hồ sơ', documents: ['12/STTTT'] };
      const send = (t: TestApp) =>
        t.http
          .post(`/api/tasks/${taskId}/progress`)
          .set(p.headers('staffTTTT'))
          .set('Idempotency-Key', 'progress-so-hoa-1')
          .send(progress);
      const first = await send(a).expect(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const headAfterFirst = await head(a);

      const retried = await send(b);
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(first.body);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(await head(b)).toBe(headAfterFirst);
      const history = await b.http
        .get(`/api/tasks/${taskId}/history`)
        .set(p.headers('tracker'))
        .expect(200);
      expect(
        history.body.filter((event: { type: string }) => event.type === 'TaskProgressReported'),
      ).toHaveLength(1);
    });

    it('refuses the same key with another body on the other instance (422)', async () => {
      await a.http
        .post(`/api/tasks/${taskId}/progress`)
        .set(p.headers('staffTTTT'))
        .set('Idempotency-Key', 'progress-so-hoa-2')
        .send({ percent: 50, note: 'Đã số hoá một nửa hồ sơ' })
        .expect(200);
      const reused = await b.http
        .post(`/api/tasks/${taskId}/progress`)
        .set(p.headers('staffTTTT'))
        .set('Idempotency-Key', 'progress-so-hoa-2')
        .send({ percent: 55, note: 'Đã số hoá một nửa hồ sơ' })
        .expect(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
    });

    describe('an instance with CHIDAO_PROJECTIONS=off', () => {
      let off: TestApp;
      beforeAll(async () => {
        off = await startTestApp({
          env: { ...postgresEnv(url, schema), CHIDAO_PROJECTIONS: 'off' },
        });
      });
      afterAll(() => off.close());

      it('answers ?minPosition= once the other instances’ runners have caught up', async () => {
        const before = await off.http
          .get('/api/tasks?agency=STTTT')
          .set(p.headers('tracker'))
          .expect(200);
        const assigned = await a.http
          .post(`/api/directives`)
          .set(p.headers('leader'))
          .send({
            reference: '45/KH-UBND',
            issuedOn: '2024-04-10',
            issuer: 'UBND tỉnh Hà Tĩnh',
            title: 'Kế hoạch chuyển đổi số năm 2024',
          })
          .expect(201);
        const tasks = await a.http
          .post(`/api/directives/${assigned.body.id}/tasks`)
          .set(p.headers('leader'))
          .send({
            tasks: [
              {
                title: 'Kết nối cơ sở dữ liệu dân cư',
                leadAgency: 'STTTT',
                deadline: '2024-09-30',
              },
            ],
          })
          .expect(201);
        const position = tasks.body.position as number;
        expect(position).toBeGreaterThan(0);

        const after = await off.http
          .get(`/api/tasks?agency=STTTT&minPosition=${position}`)
          .set(p.headers('tracker'))
          .expect(200);
        expect(after.body.items).toHaveLength(before.body.items.length + 1);
        expect(after.body.items.map((task: { id: string }) => task.id)).toContain(
          tasks.body.tasks[0].id,
        );
      });

      it('reports the projections from the store: no runner here, the stored checkpoint', async () => {
        const reached = await head(a);
        await off.http
          .get(`/api/directives?minPosition=${reached}`)
          .set(p.headers('leader'))
          .expect(200);
        const { body } = await off.http.get('/api/projections').set(p.headers('admin')).expect(200);
        expect(body.map((view: { name: string }) => view.name).sort()).toEqual([
          'directives',
          'reminder_messages',
          'task_reminders',
          'tasks',
          'urge_counts',
        ]);
        const directives = body.find((view: { name: string }) => view.name === 'directives');
        expect(directives).toMatchObject({ phase: 'external', eventsApplied: 0, lastError: null });
        expect(directives.position).toBeGreaterThanOrEqual(reached);
        expect(directives.generation).toBeGreaterThanOrEqual(1);
      });

      it('answers 503 projection_behind when no runner reaches the position in time', async () => {
        const beyond = (await head(a)) + 1000;
        const { body } = await off.http
          .get(`/api/tasks?minPosition=${beyond}`)
          .set(p.headers('tracker'))
          .expect(503);
        expect(body).toMatchObject({
          code: 'projection_behind',
          details: { projection: 'tasks', minPosition: beyond },
        });
      }, 20_000);
    });
  });
});
