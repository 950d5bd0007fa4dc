import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** `npm run start:reporting`, without npm. */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const ENTRY = ['-r', './tools/ts-register.js', 'apps/reporting/src/main.ts'];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Running {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
}

/** Starts the process with only the given Chidao variables; resolves once it says it runs. */
async function startReporting(extra: Record<string, string>): Promise<Running> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (/^chidao_/i.test(name) || name === 'PORT') delete env[name];
  const child = spawn(process.execPath, ENTRY, {
    cwd: REPO_ROOT,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.stdout += chunk.toString('utf8');
      if (output.stdout.includes('Chidao reporting:')) {
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`exited with ${code}:\n${output.stdout}\n${output.stderr}`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  return { child, output };
}

async function stop({ child }: Running): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('the reporting process on SQLite', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-reporting-')), 'data');
  let running: Running;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    running = await startReporting({
      PORT: String(port),
      CHIDAO_DATA_DIR: dataDir,
      CHIDAO_REPORT_SCHEDULES: 'month:nd09',
    });
  });
  afterAll(async () => {
    await stop(running);
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('keeps its stores in DIR/chidao.sqlite, as before', () => {
    expect(running.output.stdout).toContain(`log in SQLite ${path.join(dataDir, 'chidao.sqlite')}`);
    expect(fs.existsSync(path.join(dataDir, 'chidao.sqlite'))).toBe(true);
  });

  it('answers the probes: GET /health and GET /ready (the stores answer)', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    // The schedule's start is the first event it appends.
    expect(await ready.json()).toMatchObject({ status: 'ready', headPosition: 1 });
    expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await stop(running)).toBe(0);
  });
});

describe('the reporting process with a wrong environment', () => {
  it('exits 1 listing every problem', async () => {
    const child = spawn(process.execPath, ENTRY, {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: 'http',
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_REPORT_AT: '25:00',
        // The reminders' variables, as the API reads them.
        CHIDAO_REMINDER_AT: '8h',
        CHIDAO_SMTP_URL: 'smtp://nhacviec:s3cret@mail.example.vn',
        CHIDAO_SMS_GATEWAY_URL: 'https://sms.example.vn/send',
        CHIDAO_SMS_GATEWAY_AUTH: 'Bearer t0ken',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('CHIDAO_DATABASE_URL is required');
    expect(stderr).toContain('PORT="http" must be a whole number');
    expect(stderr).toContain('CHIDAO_REPORT_AT="25:00" must be HH:MM');
    expect(stderr).toContain('CHIDAO_REMINDER_AT="8h" must be HH:MM (or off)');
    expect(stderr).toContain('CHIDAO_SMS_GATEWAY_AUTH must read "Header-Name: value"');
    expect(stderr).not.toMatch(/s3cret|t0ken/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describeWithPostgres('the reporting process on PostgreSQL', (url) => {
  const schema = uniqueSchema('rep');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-reporting-pg-'));
  let running: Running;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    running = await startReporting({
      PORT: String(port),
      CHIDAO_DATA_DIR: dataDir,
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
    });
  });
  afterAll(async () => {
    await stop(running);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(url, schema);
  });

  it('opens its stores in the database and is ready', async () => {
    expect(running.output.stdout).toContain(`log in PostgreSQL ${url} (schema ${schema})`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      headPosition: expect.any(Number),
      workers: [
        // Lag measured as asked: the scheduler's start may have just appended.
        { name: 'projection tasks', state: 'running', lag: { events: expect.any(Number) } },
        { name: 'scheduler reports', state: 'running', position: null },
      ],
    });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
