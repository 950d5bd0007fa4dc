import {
  describeWithPostgres,
  dropSchema,
  spawnTypeScript,
  uniqueSchema,
} from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IdempotencyPruningService } from '../src/infrastructure/idempotency-pruning.service';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../src/infrastructure/idempotency.store';
import { passwordOf, seedProvince, type Province } from './support/province';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const NOW = '2024-06-30T03:00:00Z';

/**
 * kill -9 while a request holds an Idempotency-Key: the documented retry (same key, same body)
 * must end in exactly one effect, whether the process died before the command ran or after
 * its events were appended; and keys are forgotten after their retention.
 */
describe('Idempotency-Key after a crash', () => {
  let dataDir: string;
  let p: Province;
  let taskId: string;
  let t: TestApp | null = null;

  const restart = async (): Promise<TestApp> => {
    await t?.close();
    t = await startTestApp({ dataDir, now: NOW });
    return t;
  };
  const head = async (app: TestApp): Promise<number> =>
    (await app.http.get('/ready').expect(200)).body.headPosition;
  const progressReports = async (app: TestApp): Promise<number> =>
    (
      await app.http.get(`/api/tasks/${taskId}/history`).set(p.headers('tracker')).expect(200)
    ).body.filter((event: { type: string }) => event.type === 'TaskProgressReported').length;
  const progress = (
    app: TestApp,
    key: string,
    body: object,
    headers: Record<string, string> = p.headers('staffTTTT'),
  ) =>
    app.http
      .post(`/api/tasks/${taskId}/progress`)
      .set(headers)
      .set('Idempotency-Key', key)
      .send(body);

  /** Runs the command in a child API process on the same data directory and kills it at `stopAt`. */
  async function crashDuring(key: string, body: object, stopAt: 'claimed' | 'appended') {
    await t?.close();
    t = null;
    const child = spawnTypeScript(
      path.join(__dirname, 'children', 'crash-during-keyed-command.ts'),
      {
        dataDir,
        now: NOW,
        url: `/api/tasks/${taskId}/progress`,
        headers: { ...p.headers('staffTTTT'), 'Idempotency-Key': key },
        body,
        stopAt,
      },
    );
    await child.expectLine(stopAt);
    child.kill('SIGKILL');
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-idempotency-crash-'));
    const app = await restart();
    p = await seedProvince(app);
    const directive = await app.http
      .post('/api/directives')
      .set(p.headers('leader'))
      .send({
        reference: '24/CTr-UBND',
        issuedOn: '2024-01-19',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Chương trình công tác năm 2024 của UBND tỉnh',
      })
      .expect(201);
    const assigned = await app.http
      .post(`/api/directives/${directive.body.id}/tasks`)
      .set(p.headers('leader'))
      .send({ tasks: [{ title: 'Nhiệm vụ thử', leadAgency: 'STTTT', deadline: '2024-12-31' }] })
      .expect(201);
    taskId = assigned.body.tasks[0].id;
    await app.http
      .post(`/api/tasks/${taskId}/receive`)
      .set(p.headers('staffTTTT'))
      .send({})
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('killed after claiming the key: the retry runs the command once, later retries replay it', async () => {
    const body = { percent: 20, note: 'Gửi lúc máy chủ bị tắt đột ngột' };
    await crashDuring('crash-before-command', body, 'claimed');
    let app = await restart();
    const reportsBefore = await progressReports(app);
    const headBefore = await head(app);

    const retried = await progress(app, 'crash-before-command', body).expect(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body).toMatchObject({ progress: 20 });
    expect(await head(app)).toBe(headBefore + 1);

    // Restarts change nothing: the answer is kept.
    for (let restarts = 0; restarts < 2; restarts++) {
      app = await restart();
      const again = await progress(app, 'crash-before-command', body).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(retried.body);
    }
    expect(await head(app)).toBe(headBefore + 1);
    expect(await progressReports(app)).toBe(reportsBefore + 1);
  });

  it('killed after appending: the retry appends nothing and says what the first attempt wrote', async () => {
    const body = { percent: 45, note: 'Đã ghi sự kiện, chưa kịp trả lời' };
    const reportsBefore = await progressReports(t ?? (await restart()));
    await crashDuring('crash-after-append', body, 'appended');
    let app = await restart();
    // The first attempt's event is in the log: the crash lost only its answer.
    expect(await progressReports(app)).toBe(reportsBefore + 1);
    const headBefore = await head(app);

    const retried = await progress(app, 'crash-after-append', body).expect(409);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toMatchObject({
      code: 'idempotent_request_applied',
      messageVi: expect.any(String),
      details: {
        events: [
          {
            streamId: `task-${taskId}`,
            type: 'TaskProgressReported',
            position: headBefore,
            streamVersion: expect.any(Number),
          },
        ],
      },
    });
    app = await restart();
    const again = await progress(app, 'crash-after-append', body).expect(409);
    expect(again.body).toEqual(retried.body);
    expect(await head(app)).toBe(headBefore);
    expect(await progressReports(app)).toBe(reportsBefore + 1);
    // Another request under the same key is still refused as such.
    await progress(app, 'crash-after-append', { ...body, percent: 50 }).expect(422);
  });

  it('forgets keys after CHIDAO_IDEMPOTENCY_RETENTION_HOURS and keeps the recent ones', async () => {
    const app = await restart();
    const ready = await app.http.get('/ready').expect(200);
    expect(ready.body.workers).toContainEqual(
      expect.objectContaining({ name: 'scheduler idempotency-keys', state: 'running' }),
    );
    const old = await progress(app, 'kept-for-a-day', { percent: 60, note: 'Khóa cũ' }).expect(200);
    app.clock.set('2024-07-01T02:00:00Z'); // 23 hours later
    // The first token has expired by then: the clerk logs in again.
    const staff = async () => bearer(await app.login('stafftttt', passwordOf('staffTTTT')));
    const recent = await progress(
      app,
      'recent-key',
      { percent: 65, note: 'Khóa mới' },
      await staff(),
    );
    expect(recent.status).toBe(200);
    const pruning = app.app.get(IdempotencyPruningService);
    expect(await pruning.prune()).toBe(0);

    app.clock.set('2024-07-01T03:00:01Z'); // just over 24 hours after the first
    expect(await pruning.prune()).toBeGreaterThanOrEqual(1);
    const replay = await progress(
      app,
      'recent-key',
      { percent: 65, note: 'Khóa mới' },
      await staff(),
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(recent.body);
    // The forgotten key is a new request: it runs again.
    const headBefore = await head(app);
    const forgotten = await progress(
      app,
      'kept-for-a-day',
      { percent: 60, note: 'Khóa cũ' },
      await staff(),
    );
    expect(forgotten.status).toBe(200);
    expect(forgotten.headers['idempotent-replayed']).toBeUndefined();
    expect(forgotten.body.version).toBe(old.body.version + 2);
    expect(await head(app)).toBe(headBefore + 1);
  });
});

describeWithPostgres(
  'Idempotency-Key of an instance that stopped answering (PostgreSQL)',
  (url) => {
    const schema = uniqueSchema('idem_takeover');
    const env = {
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_JWT_SECRET: 'a-secret-shared-by-every-instance-0123456789',
    };
    let frozen: TestApp;
    let other: TestApp;
    let p: Province;
    let taskId: string;

    const head = async (app: TestApp): Promise<number> =>
      (await app.http.get('/ready').expect(200)).body.headPosition;
    const body = { percent: 30, note: 'Máy chủ thứ nhất treo sau khi ghi' };
    const progress = (app: TestApp) =>
      app.http
        .post(`/api/tasks/${taskId}/progress`)
        .set(p.headers('staffTTTT'))
        .set('Idempotency-Key', 'frozen-instance-1')
        .send(body);

    beforeAll(async () => {
      frozen = await startTestApp({ now: NOW, env });
      other = await startTestApp({ now: NOW, env });
      p = await seedProvince(frozen);
      const directive = await frozen.http
        .post('/api/directives')
        .set(p.headers('leader'))
        .send({
          reference: '24/CTr-UBND',
          issuedOn: '2024-01-19',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Chương trình công tác năm 2024 của UBND tỉnh',
        })
        .expect(201);
      const assigned = await frozen.http
        .post(`/api/directives/${directive.body.id}/tasks`)
        .set(p.headers('leader'))
        .send({ tasks: [{ title: 'Nhiệm vụ thử', leadAgency: 'STTTT', deadline: '2024-12-31' }] })
        .expect(201);
      taskId = assigned.body.tasks[0].id;
      await frozen.http
        .post(`/api/tasks/${taskId}/receive`)
        .set(p.headers('staffTTTT'))
        .send({})
        .expect(200);
    });
    afterAll(async () => {
      await frozen?.close();
      await other?.close();
      await dropSchema(url, schema);
    });

    it('another instance takes the key over only after the lease, and finds what was written', async () => {
      // The first instance appends, then stops before storing its answer until released.
      const store = frozen.app.get<symbol, IdempotencyStore>(IDEMPOTENCY_STORE);
      const complete = store.complete.bind(store);
      let reached!: () => void;
      const appended = new Promise<void>((resolve) => (reached = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      store.complete = async (...args) => {
        reached();
        await gate;
        return complete(...args);
      };
      const first = progress(frozen).then((response) => response);
      await appended;
      const headAfterFirst = await head(other);

      // Within the lease the owner may be slow, not dead: the retry waits.
      const waiting = await progress(other).expect(409);
      expect(waiting.body.code).toBe('request_in_progress');

      other.clock.set('2024-06-30T03:01:01Z'); // the 60-second lease has run out
      const taken = await progress(other).expect(409);
      expect(taken.body).toMatchObject({
        code: 'idempotent_request_applied',
        details: { events: [{ type: 'TaskProgressReported', position: headAfterFirst }] },
      });

      // The first instance wakes up: its answer reaches its caller, the key keeps the takeover's.
      release();
      expect((await first).status).toBe(200);
      const replay = await progress(frozen).expect(409);
      expect(replay.body).toEqual(taken.body);
      expect(await head(other)).toBe(headAfterFirst);
    });
  },
);
