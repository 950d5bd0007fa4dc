import Database from 'better-sqlite3';
import { seedProvince } from './support/province';
import { registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

interface ReadyBody {
  status: string;
  headPosition: number;
  workers: Array<{ name: string; state: string; reason: string | null; lastError: unknown }>;
  readModels: Array<{ name: string; position: number; lag: { events: number; seconds: number } }>;
}

/** Asks /ready until `done` holds for its body (each ask is a real request; no fixed sleep). */
async function readyUntil(t: TestApp, done: (body: ReadyBody) => boolean): Promise<ReadyBody> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const body = (await t.http.get('/ready')).body as ReadyBody;
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`/ready never got there: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('/ready of the API', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('lists the background workers and how far behind the log each read model is', async () => {
    t = await startTestApp({ env: { CHIDAO_REPORT_SCHEDULES: 'month:nd09' } });
    const body = await readyUntil(t, (b) => b.readModels.every((m) => m.lag.events === 0));
    expect(body.status).toBe('ready');
    const names = body.workers.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'projection tasks',
        'scheduler anchors',
        'scheduler reports',
        'scheduler idempotency-keys',
      ]),
    );
    expect(body.workers.every((w) => w.state === 'running' && w.lastError === null)).toBe(true);
    expect(body.readModels.find((m) => m.name === 'tasks')).toEqual({
      name: 'tasks',
      position: body.headPosition,
      lag: { events: 0, seconds: 0 },
    });
  });

  it('answers 503 failed, saying why, once a projection fails the same way again and again', async () => {
    const logged: string[] = [];
    t = await startTestApp({
      env: { CHIDAO_WORKER_MAX_FAILURES: '3', CHIDAO_WORKER_RETRY_MAX_MS: '100' },
      log: { level: 'info', write: (line) => logged.push(line) },
    });
    const province = await seedProvince(t);
    await readyUntil(t, (b) => b.readModels.every((m) => m.lag.events === 0));
    // An operator's mistake: the read-model tables are gone from under the running process.
    const db = new Database(t.config.eventStorePath);
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'rm_*_g[0-9]*'",
      )
      .all();
    for (const { name } of tables) db.exec(`DROP TABLE ${name}`);
    db.close();

    await registerDirective(t, province);

    const body = await readyUntil(t, (b) => b.status === 'failed');
    const response = await t.http.get('/ready').expect(503);
    expect(response.body.status).toBe('failed');
    const failed = body.workers.filter((w) => w.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const worker of failed) {
      expect(worker.name).toMatch(/^projection /);
      expect(worker.reason).toMatch(
        /^the same failure 3 times in a row at position \d+: .*no such table/,
      );
    }
    // The read models it keeps are behind the log, and say so.
    expect(body.readModels.some((m) => m.lag.events > 0)).toBe(true);
    // Liveness is not readiness: the process still answers.
    await t.http.get('/health').expect(200);
    // The probe's 503 is a warning without a made-up stack (the worker logs why, as an error).
    const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
    const probe = lines.find((line) => line.msg === 'GET /ready 503 failed');
    expect(probe).toMatchObject({ level: 'warn', res: { statusCode: 503 } });
    expect(probe).not.toHaveProperty('err');
  });
});
