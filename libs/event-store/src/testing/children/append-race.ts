/** Appends one event with a given expected version after `go`; prints appended or conflict. */
import { isConcurrencyError } from '../../event-store.port';
import { openEventStore, type EventStoreConfig } from '../../open-event-store';
import { testEvent } from './fixtures';
import { runChild, say, waitForGo } from './protocol';

interface Args {
  connection: EventStoreConfig;
  streamId: string;
  expectedVersion: number;
  label: string;
}

runChild<Args>(async ({ connection, streamId, expectedVersion, label }) => {
  const store = await openEventStore(connection);
  say('ready');
  await waitForGo();
  const event = testEvent(0, { data: { winner: label } });
  try {
    const result = await store.append(streamId, [event], { expectedVersion });
    say(JSON.stringify({ outcome: 'appended', label, result }));
  } catch (error) {
    if (!isConcurrencyError(error)) throw error;
    say(JSON.stringify({ outcome: 'conflict', label, actual: error.actual }));
  }
  await store.close();
});
