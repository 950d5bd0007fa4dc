/**
 * The line protocol between the contract suite and its child processes. Children print one line
 * per fact on stdout and may wait for `go` on stdin, so the parent synchronises on what actually
 * happened, never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

/** children -> testing -> src -> event-store -> libs -> repository root */
const REPO_ROOT = path.resolve(__dirname, '../../../../..');

type ChildScript =
  'append-race' | 'append-events' | 'concurrent-appender' | 'crash-mid-batch' | 'read-all-bounded';

interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class ChildHandle {
  private readonly lines: string[] = [];
  private readonly readers: Array<(line: string | null) => void> = [];
  private stderrText = '';
  private ended = false;
  readonly exited: Promise<ChildExit>;

  constructor(private readonly child: ChildProcess) {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const reader = this.readers.shift();
      if (reader) reader(line);
      else this.lines.push(line);
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        // Let readline flush the last lines before declaring the end of output.
        setImmediate(() => {
          this.ended = true;
          for (const reader of this.readers.splice(0)) reader(null);
          resolve({ code, signal });
        });
      }),
    );
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** The next stdout line; rejects if the child exits without printing one. */
  async nextLine(): Promise<string> {
    const buffered = this.lines.shift();
    if (buffered !== undefined) return buffered;
    const line = this.ended
      ? null
      : await new Promise<string | null>((resolve) => this.readers.push(resolve));
    if (line === null) {
      const { code, signal } = await this.exited;
      throw new Error(
        `child exited (code ${code}, signal ${signal}) before a line:\n${this.stderr}`,
      );
    }
    return line;
  }

  /** Waits for a line equal to `expected`, failing on anything else. */
  async expectLine(expected: string): Promise<void> {
    const line = await this.nextLine();
    if (line !== expected) throw new Error(`expected "${expected}" from child, got "${line}"`);
  }

  async nextJson<T>(): Promise<T> {
    return JSON.parse(await this.nextLine()) as T;
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** Waits for a clean exit (code 0) and fails with the child's stderr otherwise. */
  async succeeded(): Promise<void> {
    const { code, signal } = await this.exited;
    if (code !== 0)
      throw new Error(`child failed (code ${code}, signal ${signal}):\n${this.stderr}`);
  }
}

/** Starts `children/<script>.ts` in a fresh Node process with the TypeScript loader. */
export function spawnChild(
  script: ChildScript,
  args: unknown,
  nodeOptions: readonly string[] = [],
): ChildHandle {
  return spawnTypeScript(path.join(__dirname, `${script}.ts`), args, nodeOptions);
}

/** Starts any TypeScript file of the repository as a child speaking this line protocol. */
export function spawnTypeScript(
  file: string,
  args: unknown,
  nodeOptions: readonly string[] = [],
): ChildHandle {
  const loader = path.join(REPO_ROOT, 'tools', 'ts-register.js');
  const child = spawn(
    process.execPath,
    [...nodeOptions, '-r', loader, file, JSON.stringify(args)],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  return new ChildHandle(child);
}

// ---- child side ----

/** Prints one protocol line synchronously (it must be out before the child blocks or dies). */
export function say(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

/** Resolves when the parent sends `go`: a start barrier for racing children. */
export function waitForGo(): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = readline.createInterface({ input: process.stdin });
    input.on('line', (line) => {
      if (line !== 'go') return;
      resolve(); // before close(), whose 'close' event would otherwise reject first
      input.close();
    });
    input.on('close', () => reject(new Error('stdin closed before go')));
  });
}

/** Runs a child's main with its JSON arguments; any failure exits 1 with the error on stderr. */
export function runChild<A>(main: (args: A) => Promise<void>): void {
  const args = JSON.parse(process.argv[2] ?? '{}') as A;
  main(args).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
