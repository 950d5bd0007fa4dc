import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** `npm start`, without npm: the same interpreter, the same compiled entry point. */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const ENTRY = ['--enable-source-maps', 'apps/api/dist/main.js'];
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment of the test runner without any Chidao setting, plus the given ones. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('CHIDAO_') || name === 'PORT') delete env[name];
  }
  return { ...env, ...extra };
}

function start(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ENTRY, {
    cwd: REPO_ROOT,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a stream's text and resolves when a line matches, or rejects when the process ends first. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered
        .replace(ANSI, '')
        .split('\n')
        .find((l) => pattern.test(l));
      if (line !== undefined) {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve(line);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`exited with ${code} before logging ${pattern}:\n${buffered}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Runs the process to its end and returns its exit code and output. */
async function runToExit(env: Record<string, string>) {
  const child = start(env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr: stderr.replace(ANSI, '') };
}

// npm start's build step (tools/build.js), before any start: compiling is not start-up, and a
// deployment starts from code compiled when its image was built.
beforeAll(async () => {
  const build = spawn(process.execPath, ['tools/build.js'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [buildExit] = (await once(build, 'exit')) as [number | null];
  expect(buildExit).toBe(0);
});

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-start-'));
  let child: ChildProcess;
  let port: number;
  let listeningLine: string;
  let startedInMs: number;

  beforeAll(async () => {
    port = await freePort();
    const started = performance.now();
    child = start({
      PORT: String(port),
      CHIDAO_DATA_DIR: dataDir,
      CHIDAO_BOOTSTRAP_ADMIN: 'admin:Quan-tri-Lo-Son-2024',
    });
    listeningLine = await waitForLine(child, /Chidao API on http:\/\/localhost:\d+/);
    startedInMs = performance.now() - started;
    console.info(`npm start: listening after ${Math.round(startedInMs)} ms`);
  });

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs that it listens, on the configured port and data dir, in under 3 seconds', () => {
    expect(listeningLine).toContain(`http://localhost:${port}`);
    expect(listeningLine).toContain(dataDir);
    expect(startedInMs).toBeLessThan(3000);
  });

  it('answers on that port: liveness, the OpenAPI UI and the OpenAPI JSON', async () => {
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ui = await fetch(`${base}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);

    const json = await fetch(`${base}/docs-json`);
    expect(json.status).toBe(200);
    const document = (await json.json()) as { info: { title: string }; paths: object };
    expect(document.info.title).toBe('Chidao API');
    for (const route of [
      '/api/auth/login',
      '/api/users',
      '/api/agencies',
      '/api/directives',
      '/api/directives/{id}/tasks',
      '/api/tasks/{id}',
      '/api/tasks/{id}/history',
      '/api/tasks/{id}/receive',
      '/api/tasks/{id}/completion/confirm',
    ]) {
      expect(document.paths).toHaveProperty([route]);
    }
  });

  it('bootstrapped the admin into the data dir, who can log in', async () => {
    expect(fs.existsSync(path.join(dataDir, 'chidao.sqlite'))).toBe(true);
    const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Quan-tri-Lo-Son-2024' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { accessToken?: unknown }).accessToken).toEqual(
      expect.any(String),
    );
  });
});

describe('npm start with a wrong configuration', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-badstart-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['PORT=abc', { PORT: 'abc' }, 'PORT="abc" must be a whole number from 0 to 65535'],
    [
      'a short CHIDAO_JWT_SECRET',
      { CHIDAO_JWT_SECRET: 'too-short' },
      'CHIDAO_JWT_SECRET must be at least 32 characters',
    ],
    [
      'a bootstrap admin without a password',
      { CHIDAO_BOOTSTRAP_ADMIN: 'admin' },
      'CHIDAO_BOOTSTRAP_ADMIN must be "username:password"',
    ],
    [
      'a bootstrap admin with a weak password',
      { CHIDAO_BOOTSTRAP_ADMIN: 'admin:aaaaaaaaaaaa' },
      'CHIDAO_BOOTSTRAP_ADMIN: The password is too easy to guess',
    ],
    [
      'a bootstrap admin whose password contains the username',
      { CHIDAO_BOOTSTRAP_ADMIN: 'quantri:QuanTri-Lo-Son-2024' },
      'CHIDAO_BOOTSTRAP_ADMIN: The password must not contain the username',
    ],
  ])('%s: exits non-zero with a clear message on stderr', async (_, env, message) => {
    const { code, stdout, stderr } = await runToExit({ CHIDAO_DATA_DIR: dataDir, ...env });
    expect(code).not.toBe(0);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain(message);
    // The operator's mistake, not a crash: no stack trace, and it never said it was listening.
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toMatch(/Chidao API on/);
  });

  it('lists every problem at once', async () => {
    const { code, stderr } = await runToExit({
      CHIDAO_DATA_DIR: dataDir,
      PORT: '70000',
      CHIDAO_JWT_SECRET: 'short',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('PORT="70000"');
    expect(stderr).toContain('CHIDAO_JWT_SECRET');
  });
});
