import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ENTRY,
  freePort,
  runToExit,
  startProcess,
  stopProcess,
  type Running,
} from '../../../test/distributed/support/processes';

/** The projector as an operator starts it; on Kafka it runs in test/distributed. */
describe('the projector process with the bus in process (SQLite)', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-projector-')), 'data');
  let projector: Running;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    projector = await startProcess(
      'projector',
      ENTRY.projector,
      { PORT: String(port), CHIDAO_DATA_DIR: dataDir },
      /Chidao projector:/,
    );
  });
  afterAll(async () => {
    await stopProcess(projector);
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('says what it runs and where the stores are, in one JSON log line', () => {
    const line = JSON.parse(projector.startLine) as Record<string, string>;
    expect(line).toMatchObject({ level: 'info', service: 'projector' });
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(line.msg).toContain(
      'runners of tasks, directives, reminder_messages, task_reminders, urge_counts following the store',
    );
    expect(line.msg).toContain(`log in SQLite ${path.join(dataDir, 'chidao.sqlite')}`);
    expect(line.msg).toContain(`probes and /metrics on http://localhost:${port}`);
  });

  it('answers the probes: /health, /ready with each worker and its lag, and /metrics', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { workers: { name: string; state: string }[] };
    expect(body).toMatchObject({ status: 'ready', headPosition: 0 });
    expect(body.workers).toEqual([
      expect.objectContaining({
        name: 'projection tasks',
        state: 'running',
        lastError: null,
        lag: { events: 0, seconds: 0 },
      }),
      expect.objectContaining({ name: 'projection directives', state: 'running' }),
      expect.objectContaining({ name: 'projection reminder_messages', state: 'running' }),
      expect.objectContaining({ name: 'projection task_reminders', state: 'running' }),
      expect.objectContaining({ name: 'projection urge_counts', state: 'running' }),
    ]);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain(
      'chidao_worker_state{worker="projection tasks",kind="projection",state="running"} 1',
    );
    expect(text).toContain('chidao_projection_lag_events{projection="directives"} 0');
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await stopProcess(projector)).toEqual({ code: 0, signal: null });
    expect(projector.output.stderr).toBe('');
  });
});

describe('the projector process with a wrong environment', () => {
  it('exits 1 listing every problem, without a stack trace', async () => {
    const { code, stdout, stderr } = await runToExit(ENTRY.projector, {
      PORT: 'http',
      CHIDAO_BUS: 'kafka',
      CHIDAO_KAFKA_PARTITIONS: '0',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT="http" must be a whole number');
    expect(stderr).toContain('CHIDAO_KAFKA_BROKERS is required when CHIDAO_BUS is kafka');
    expect(stderr).toContain('CHIDAO_KAFKA_PARTITIONS="0" must be a whole number from 1 to 1000');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toContain('Chidao projector:');
  });
});

describe('the projector process when Kafka cannot be reached', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-projector-')), 'data');
  let projector: Running;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    // Nothing listens there: the broker is down.
    const brokerPort = await freePort();
    projector = await startProcess(
      'projector',
      ENTRY.projector,
      {
        PORT: String(port),
        CHIDAO_DATA_DIR: dataDir,
        CHIDAO_BUS: 'kafka',
        CHIDAO_KAFKA_BROKERS: `127.0.0.1:${brokerPort}`,
      },
      /Chidao projector:/,
    );
  });
  afterAll(async () => {
    await stopProcess(projector);
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('answers /ready 503 degraded, with the error and no progress, while it retries', async () => {
    // kafkajs gives up on a connection after its own retries (seconds), then the loop says so.
    const deadline = Date.now() + 60_000;
    let answer: { status: number; body: { status: string; workers: Record<string, unknown>[] } };
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      answer = { status: response.status, body: (await response.json()) as typeof answer.body };
      if (answer.body.status === 'degraded') break;
      if (Date.now() > deadline) throw new Error(JSON.stringify(answer.body));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer.status).toBe(503);
    // The relay, or a consumer: whichever found the broker away first.
    const failing = answer.body.workers.find((w) => w.state === 'retrying')!;
    expect(failing.name).toMatch(
      /^(relay chidao\.events|consumer (tasks|directives|reminder_messages|task_reminders|urge_counts))$/,
    );
    expect(failing).toMatchObject({
      state: 'retrying',
      phase: 'connecting',
      lastProgressAt: null,
      lastError: { transient: true, message: expect.stringMatching(/ECONNREFUSED|connect/i) },
      reason: null,
    });
    // The lines an operator reads say the same, as JSON with a level.
    const warnings = projector.output.stdout
      .split('\n')
      .filter((line) => line.includes('"level":"warn"') && line.includes(String(failing.name)));
    expect(warnings.length).toBeGreaterThan(0);
  });
});
