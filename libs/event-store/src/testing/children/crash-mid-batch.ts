/**
 * Appends a batch and, inside the write transaction after the `crashAfter`-th insert, prints
 * `inserted` and blocks forever, so the parent can SIGKILL it with the transaction open.
 */
import { openEventStore, type EventStoreConfig } from '../../open-event-store';
import { testEvent } from './fixtures';
import { runChild, say } from './protocol';

interface Args {
  connection: EventStoreConfig;
  streamId: string;
  batchSize: number;
  crashAfter: number;
}

runChild<Args>(async ({ connection, streamId, batchSize, crashAfter }) => {
  let inserted = 0;
  const store = await openEventStore(connection, {
    faultInjection: {
      afterEventInsert: () => {
        inserted += 1;
        if (inserted !== crashAfter) return;
        say('inserted');
        // Block the thread synchronously: no commit, no rollback, until the parent kills us.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      },
    },
  });
  const events = Array.from({ length: batchSize }, (_, i) => testEvent(i));
  await store.append(streamId, events);
  say('committed'); // never expected: the parent fails the test if it sees this
});
