/** A TypeScript module of the bench as a child process with an IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function forkTypeScript(file: string, args: string[] = []): ChildProcess {
  return fork(file, args, {
    cwd: REPO_ROOT,
    execArgv: ['-r', path.join(REPO_ROOT, 'tools/ts-register.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next message of a kind from the child; rejects if it exits first. */
export function nextMessage<T extends { kind: string }>(
  child: ChildProcess,
  kind: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
