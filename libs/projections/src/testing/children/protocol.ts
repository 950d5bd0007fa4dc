/**
 * Child processes of the projection tests speak the event store's line protocol: the child
 * prints one line per fact on stdout and the parent waits for that line, never for time.
 */
import { spawnTypeScript, type ChildHandle } from '@chidao/event-store/testing';
import * as path from 'node:path';

export { runChild, say } from '@chidao/event-store/testing';

type ChildScript = 'run-until-fault';

export function spawnChild(script: ChildScript, args: unknown): ChildHandle {
  return spawnTypeScript(path.join(__dirname, `${script}.ts`), args);
}
