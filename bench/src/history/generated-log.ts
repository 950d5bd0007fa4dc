/**
 * The generated history as a log that is never stored: readAll generates it batch by batch,
 * with positions, as an event store would return it. It feeds the projections' own rebuild, so
 * a read model of a million tasks can be built without first appending seven million events.
 * Only what a rebuild reads is offered (readAll, headPosition).
 */
import type { EventStore, ReadAllOptions, StoredEvent } from '@chidao/event-store';
import { DEFAULT_SHAPE, generateTasks } from './task-histories';

export class GeneratedLog {
  /** Known once a read has gone through the whole history. */
  private head = 0;

  constructor(
    private readonly tasks: number,
    private readonly seed: number,
  ) {}

  // eslint-disable-next-line @typescript-eslint/require-await -- stands in for EventStore.readAll, an AsyncIterable; generating is sync
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent[]> {
    const after = options.after ?? 0;
    const batchSize = options.batchSize ?? 1000;
    let position = 0;
    let batch: StoredEvent[] = [];
    const shape = { ...DEFAULT_SHAPE, seed: this.seed };
    const upTo = options.upTo ?? Infinity;
    tasks: for (const task of generateTasks(Infinity, shape, this.tasks)) {
      for (const [index, event] of task.events.entries()) {
        position += 1;
        if (position <= after) continue;
        if (position > upTo) break tasks;
        batch.push({
          ...event,
          position,
          streamId: task.streamId,
          streamVersion: index + 1,
          recordedAt: `${event.occurredOn}T03:00:00.000Z`,
          hash: '',
        });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
    // Only a read to the end knows the head.
    if (position <= upTo) this.head = Math.max(this.head, position);
  }

  headPosition(): Promise<number> {
    return Promise.resolve(this.head);
  }

  /** Typed as the store the projections read (they use readAll and headPosition only). */
  asEventStore(): EventStore {
    return this as unknown as EventStore;
  }
}
