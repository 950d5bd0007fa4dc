import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** `npm start`, without npm, with the deployment variables (see startup.e2e.spec.ts). */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const ENTRY = ['-r', './tools/ts-register.js', 'apps/api/src/main.ts'];
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The test runner's environment without any Chidao setting, plus the given ones. */
function start(extra: Record<string, string>): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^chidao_/i.test(name) || name === 'PORT') delete env[name];
  }
  return spawn(process.execPath, ENTRY, {
    cwd: REPO_ROOT,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess) {
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  return output;
}

async function runToExit(env: Record<string, string>) {
  const child = start(env);
  const output = collect(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout: output.stdout, stderr: output.stderr.replace(ANSI, '') };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start with wrong deployment variables', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-baddeploy-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('exits non-zero listing every problem, one line each, without the password', async () => {
    const { code, stdout, stderr } = await runToExit({
      CHIDAO_DATA_DIR: dataDir,
      PORT: 'abc',
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_READ_STORE: 'sqlite',
      CHIDAO_DATABASE_URL: 'mysql://chidao:Top-Secret-42@db.internal/chidao',
      CHIDAO_DATABASE_SCHEMA: 'Chidao',
      CHIDAO_BUS: 'kafka',
      CHIDAO_KAFKA_PARTITIONS: '0',
      CHIDAO_PROJECTIONS: 'sometimes',
      CHIDAO_EVENTSTORE: 'postgres',
    });
    expect(code).not.toBe(0);
    const lines = stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(stderr).toContain('Invalid configuration');
    for (const expected of [
      'CHIDAO_READ_STORE="sqlite" with CHIDAO_EVENT_STORE="postgres" is refused',
      'CHIDAO_DATABASE_URL="mysql://chidao:***@db.internal/chidao" is not a PostgreSQL URL',
      'CHIDAO_DATABASE_SCHEMA="Chidao" is not a schema name',
      'CHIDAO_KAFKA_BROKERS is required when CHIDAO_BUS is kafka',
      'CHIDAO_KAFKA_PARTITIONS="0" must be a whole number from 1 to 1000',
      'CHIDAO_EVENTSTORE is not a Chidao setting (ignored otherwise): did you mean CHIDAO_EVENT_STORE?',
      'PORT="abc" must be a whole number from 0 to 65535',
      'CHIDAO_PROJECTIONS="sometimes" must be embedded',
      'CHIDAO_JWT_SECRET is required when CHIDAO_EVENT_STORE is postgres',
    ]) {
      expect(lines.filter((line) => line.includes(expected))).toHaveLength(1);
    }
    expect(lines).toHaveLength(9);
    expect(stderr).not.toContain('Top-Secret-42');
    // The operator's mistake, not a crash: no stack trace, and it never listened.
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toMatch(/Chidao API on/);
  });
});

describeWithPostgres('npm start on PostgreSQL', (url) => {
  const schema = uniqueSchema('start');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-pgstart-'));
  let child: ChildProcess;
  let output: { stdout: string; stderr: string };
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    child = start({
      PORT: String(port),
      CHIDAO_DATA_DIR: dataDir,
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_JWT_SECRET: 'a-secret-shared-by-every-instance-0123456789',
      CHIDAO_BOOTSTRAP_ADMIN: 'admin:Quan-tri-Lo-Son-2024',
      CHIDAO_REPORT_SCHEDULES: 'none',
    });
    output = collect(child);
    await new Promise<void>((resolve, reject) => {
      const onData = () => {
        if (/Chidao API on/.test(output.stdout)) {
          child.stdout!.off('data', onData);
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null) =>
        reject(new Error(`exited with ${code}:\n${output.stdout}\n${output.stderr}`));
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
    });
  });
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(url, schema);
  });

  it('says where its stores are, answers /ready and keeps no log in the data directory', async () => {
    expect(output.stdout.replace(ANSI, '')).toContain(
      `log in PostgreSQL ${url} (schema ${schema}), read models in PostgreSQL`,
    );
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Quan-tri-Lo-Son-2024' }),
    });
    expect(login.status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'chidao.sqlite'))).toBe(false);
  });
});
