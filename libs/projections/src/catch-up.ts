import type { EventReader, RecordedEvent } from '@chidao/event-store';
import { applyBatch, type BatchOutcome, type ProjectionFaultInjection } from './apply-batch';
import type { DocumentProjection, PositionedEvent } from './projection';
import type { ReadModelStore, WriteTarget } from './read-model-store.port';

export interface ProjectionDeps<E extends PositionedEvent = RecordedEvent> {
  /** The log as the projection reads it: `readDomainEvents(store)` for Chidao's own projections. */
  readonly eventStore: EventReader<E>;
  readonly readStore: ReadModelStore;
}

interface CatchUpOptions<E extends PositionedEvent = RecordedEvent> {
  readonly batchSize: number;
  readonly faultInjection?: ProjectionFaultInjection;
  /** After every batch transaction, with what it did. */
  readonly onOutcome?: (outcome: BatchOutcome, batch: readonly E[], startedAt: number) => void;
  /** Checked between batches: a stopping runner leaves at the next batch boundary. */
  readonly isStopping?: () => boolean;
}

/**
 * Applies the log from `from` to the head with readAll, batch by batch, and returns the
 * checkpoint reached. When a batch transaction finds the stored checkpoint elsewhere than where
 * the batch expected it (another writer moved it, a swap changed the generation), reading
 * restarts from the stored checkpoint. Ends when a head read after the last batch is not ahead.
 */
export async function catchUp<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  deps: ProjectionDeps<E>,
  target: WriteTarget,
  from: number,
  options: CatchUpOptions<E>,
): Promise<number> {
  let position = from;
  for (;;) {
    let restarted = false;
    for await (const batch of deps.eventStore.readAll({
      after: position,
      batchSize: options.batchSize,
    })) {
      if (options.isStopping?.()) return position;
      const startedAt = performance.now();
      const outcome = await applyBatch(projection, deps.readStore, target, batch, options);
      options.onOutcome?.(outcome, batch, startedAt);
      position = outcome.checkpoint;
      if (outcome.checkpoint !== batch[batch.length - 1].position) {
        restarted = true;
        break;
      }
    }
    if (options.isStopping?.()) return position;
    if (!restarted && (await deps.eventStore.headPosition()) <= position) return position;
  }
}
