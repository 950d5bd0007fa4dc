/** Appends `count` events to one stream in one call and prints the AppendResult. */
import { openEventStore, type EventStoreConfig } from '../../open-event-store';
import { testEvent } from './fixtures';
import { runChild, say } from './protocol';

interface Args {
  connection: EventStoreConfig;
  streamId: string;
  count: number;
}

runChild<Args>(async ({ connection, streamId, count }) => {
  const store = await openEventStore(connection);
  const events = Array.from({ length: count }, (_, i) => testEvent(i));
  say(JSON.stringify(await store.append(streamId, events)));
  await store.close();
});
