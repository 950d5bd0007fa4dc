/**
 * A writer process of the append workload: opens its own connection to the store, then on each
 * `run` message sends its share of commands, one after the other, on its own tasks (writers never
 * share a task, as agencies do not), and answers `done`.
 */
import { openEventStore, type EventStoreConfig } from '@chidao/event-store';
import type { OpenTask } from '../stores';
import { reportProgress } from './task-command';

interface Start {
  readonly config: EventStoreConfig;
  readonly tasks: OpenTask[];
}
type Message = { kind: 'run'; commands: number } | { kind: 'stop' };

async function main(): Promise<void> {
  const start = await new Promise<Start>((resolve) => process.once('message', resolve));
  const store = await openEventStore(start.config, {});
  let sequence = 0;
  process.send!({ kind: 'ready' });
  process.on('message', (message: Message) => {
    void (async () => {
      if (message.kind === 'stop') {
        await store.close();
        process.exit(0);
      }
      for (let i = 0; i < message.commands; i += 1) {
        sequence += 1;
        await reportProgress(
          store,
          start.tasks[sequence % start.tasks.length],
          sequence,
          new Date(),
        );
      }
      process.send!({ kind: 'done' });
    })().catch((error: unknown) => {
      process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
      process.exit(1);
    });
  });
}

void main();
