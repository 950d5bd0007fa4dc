/**
 * Chidao processes as an operator starts them: `node -r ./tools/ts-register.js <entry>` from the
 * repository root, with nothing of the test runner's Chidao settings, only the ones given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const LOADER = ['-r', './tools/ts-register.js'];

export const ENTRY = {
  api: [...LOADER, 'apps/api/src/main.ts'],
  projector: [...LOADER, 'apps/projector/src/main.ts'],
  reporting: [...LOADER, 'apps/reporting/src/main.ts'],
  chidao: ['apps/cli/bin/chidao.js'],
} as const;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^chidao_/i.test(name) || name === 'PORT') delete env[name];
  }
  return { ...env, ...extra };
}

export interface Running {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it printed so far, colours removed. */
  readonly output: { stdout: string; stderr: string };
  /** The line it printed once started. */
  readonly startLine: string;
}

/** Starts a process and resolves once it prints a line matching `started`; rejects if it exits first. */
export async function startProcess(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
  started: RegExp,
): Promise<Running> {
  const child = spawn(process.execPath, [...args], {
    cwd: REPO_ROOT,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString('utf8').replace(ANSI, '');
  });
  const startLine = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.stdout += chunk.toString('utf8').replace(ANSI, '');
      const line = output.stdout.split('\n').find((l) => started.test(l));
      if (line !== undefined) {
        child.off('exit', onExit);
        resolve(line);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`${name} exited with ${code}:\n${output.stdout}\n${output.stderr}`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  return { name, child, output, startLine };
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** SIGTERM, then how it ended; a process that ended already gives how it did. */
export async function stopProcess({ child }: Running): Promise<Exit> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  return { code: child.exitCode, signal: child.signalCode };
}

/** Runs a process to its end. */
export async function runToExit(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...args], {
    cwd: REPO_ROOT,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Resolves once `check` gives a value other than undefined, reading again after a growing pause;
 * fails after `timeoutMs` saying what it waited for. For facts another process brings about.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 500)) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
