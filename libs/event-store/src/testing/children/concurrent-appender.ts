/**
 * After `go`, makes `appends` single-event appends over `streams` streams with exact expected
 * versions, retrying on conflicts; prints how many conflicts it had to retry.
 */
import { isConcurrencyError } from '../../event-store.port';
import { openEventStore, type EventStoreConfig } from '../../open-event-store';
import { testEvent } from './fixtures';
import { runChild, say, waitForGo } from './protocol';

interface Args {
  connection: EventStoreConfig;
  label: string;
  appends: number;
  streams: number;
}

runChild<Args>(async ({ connection, label, appends, streams }) => {
  const store = await openEventStore(connection);
  say('ready');
  await waitForGo();
  let conflicts = 0;
  for (let i = 0; i < appends; i += 1) {
    const streamId = `shared-${(i * 7) % streams}`;
    const event = testEvent(i, { data: { writer: label, i } });
    for (;;) {
      const version = await store.streamVersion(streamId);
      try {
        await store.append(streamId, [event], { expectedVersion: version });
        break;
      } catch (error) {
        if (!isConcurrencyError(error)) throw error;
        conflicts += 1;
      }
    }
  }
  say(JSON.stringify({ label, appended: appends, conflicts }));
  await store.close();
});
