/**
 * The CLI as an auditor runs it: `node apps/cli/bin/chidao.js …` in a child process, against a
 * temporary data directory laid out like the API's (DIR/chidao.sqlite) holding real events.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteAnchorStore } from '@chidao/audit';
import { ManualClock } from '@chidao/audit/testing';
import { SqliteEventStore } from '@chidao/event-store';
import { SqliteLogTamper } from '@chidao/event-store/testing';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO_ROOT, 'apps/cli/bin/chidao.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI to its end and collects what it printed. With `env`, only those Chidao variables
 * (none of the test runner's), as a deployment's shell would have them.
 */
export function runCli(
  args: readonly string[],
  nodeOptions: readonly string[] = [],
  env?: Record<string, string>,
): Promise<CliRun> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  if (env) for (const name of Object.keys(base)) if (/^chidao_/i.test(name)) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** A data directory as the API leaves it: the log and its anchors in DIR/chidao.sqlite. */
export class TempDataDirs {
  private readonly dirs: string[] = [];

  create(): DataDir {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-cli-'));
    this.dirs.push(dir);
    return new DataDir(dir);
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export class DataDir {
  readonly clock = new ManualClock();
  readonly file: string;
  /** Edits the file as someone with sqlite3 would (see SqliteLogTamper). */
  readonly tamper: SqliteLogTamper;

  constructor(readonly dir: string) {
    this.file = path.join(dir, 'chidao.sqlite');
    this.tamper = new SqliteLogTamper(this.file);
  }

  /** Opens the log (writable, as the API does), runs `work`, closes it. */
  async withLog<T>(
    work: (events: SqliteEventStore, anchors: SqliteAnchorStore) => Promise<T>,
  ): Promise<T> {
    const events = SqliteEventStore.open({ path: this.file, now: this.clock.now });
    const anchors = SqliteAnchorStore.open({ path: this.file });
    try {
      return await work(events, anchors);
    } finally {
      await anchors.close();
      await events.close();
    }
  }

  /** The file's bytes and modification time: what "the CLI never writes" is checked against. */
  fingerprint(): { readonly bytes: Buffer; readonly mtimeMs: number } {
    return { bytes: fs.readFileSync(this.file), mtimeMs: fs.statSync(this.file).mtimeMs };
  }
}
