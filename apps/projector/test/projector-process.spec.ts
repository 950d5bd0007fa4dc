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

  it('says what it runs and where the stores are, in one line', () => {
    expect(projector.startLine).toContain('runners of tasks, directives following the store');
    expect(projector.startLine).toContain(`log in SQLite ${path.join(dataDir, 'chidao.sqlite')}`);
    expect(projector.startLine).toContain(`probes on http://localhost:${port}`);
  });

  it('answers the probes: GET /health, and GET /ready with each projection', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { projections: { name: string }[] };
    expect(body).toMatchObject({ status: 'ready', headPosition: 0 });
    expect(body.projections.map((p) => p.name)).toEqual(['tasks', 'directives']);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
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
