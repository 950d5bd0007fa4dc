/**
 * Runs a projection (the `stream_tally` fixture, or the real `tasks` one) over a log and,
 * inside the transaction of batch number
 * `blockAtBatch` (after its documents are written, before checkpoint and commit), prints
 * `blocked <from> <to>` and blocks the thread until the parent kills it.
 */
import {
  openEventStore,
  readDomainEvents,
  type EventStore,
  type EventStoreConfig,
} from '@chidao/event-store';
import { openReadModelStore, type ReadModelStoreConfig } from '../../open-read-model-store';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../projection-runner';
import { taskTimelineProjection } from '../../read-models/task-timeline.projection';
import type { ReadModelStore } from '../../read-model-store.port';
import { streamTally } from '../fixtures';
import { runChild, say } from './protocol';

interface Runner {
  start(): Runner;
  waitFor(position: number): Promise<void>;
}

// The fixture reads the log as stored; the real projection as domain events, as the app does.
const PROJECTIONS: Record<
  string,
  (eventStore: EventStore, readStore: ReadModelStore, options: ProjectionRunnerOptions) => Runner
> = {
  stream_tally: (eventStore, readStore, options) =>
    new ProjectionRunner(streamTally, { eventStore, readStore }, options),
  tasks: (eventStore, readStore, options) =>
    new ProjectionRunner(
      taskTimelineProjection,
      { eventStore: readDomainEvents(eventStore), readStore },
      options,
    ),
};

interface Args {
  /** Default `stream_tally`. */
  projection?: keyof typeof PROJECTIONS;
  events: EventStoreConfig;
  readModels: ReadModelStoreConfig;
  batchSize: number;
  blockAtBatch: number;
}

runChild<Args>(
  async ({ projection = 'stream_tally', events, readModels, batchSize, blockAtBatch }) => {
    const eventStore = await openEventStore(events);
    const readStore = await openReadModelStore(readModels);
    let batches = 0;
    const runner = PROJECTIONS[projection](eventStore, readStore, {
      batchSize,
      faultInjection: {
        afterDocumentsWritten: ({ fromPosition, toPosition }) => {
          batches += 1;
          if (batches !== blockAtBatch) return;
          say(`blocked ${fromPosition} ${toPosition}`);
          // Synchronous: no commit, no rollback, no event loop, until SIGKILL.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        },
      },
    }).start();
    await runner.waitFor(await eventStore.headPosition());
    say('committed'); // never expected: the parent fails if it sees this
  },
);
