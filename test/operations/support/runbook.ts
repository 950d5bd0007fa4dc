/**
 * The runbook's shell commands as docs/operations.md prints them: each block follows a marker
 * `<!-- runbook: NAME -->` and is run verbatim by bash, so the document and the test cannot drift.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const OPERATIONS_MD = path.join(REPO_ROOT, 'docs/operations.md');

/** The `sh` block after the marker; throws when the document has none. */
export function runbookBlock(name: string): string {
  const text = fs.readFileSync(OPERATIONS_MD, 'utf8');
  const marker = `<!-- runbook: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`docs/operations.md has no ${marker}`);
  const block = /^\s*```sh\n([\s\S]*?)\n```/.exec(text.slice(at + marker.length));
  if (!block) throw new Error(`docs/operations.md: no sh block right after ${marker}`);
  return block[1];
}

export interface BlockRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a block with bash from the repository root, as an operator in a shell that stops at the
 * first failure, with only the given Chidao settings (none of the test runner's).
 */
export async function runRunbook(name: string, env: Record<string, string>): Promise<BlockRun> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of Object.keys(base)) {
    if (/^chidao_/i.test(variable) || variable === 'PORT') delete base[variable];
  }
  const child = spawn('bash', ['-euo', 'pipefail', '-c', runbookBlock(name)], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}
