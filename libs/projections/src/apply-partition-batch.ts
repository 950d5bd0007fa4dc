/**
 * One batch of one partition of a topic keyed by stream id (the log on Kafka) into one
 * generation, in one transaction. The partition is a source with its own checkpoint: everything
 * of that partition up to it is in the documents. A partition holds its streams' events in log
 * order, and documents of a `partitionedBy: 'stream'` projection depend on one stream each, so
 * applying partitions independently gives the same documents as applying the log in order.
 *
 * Duplicates (a relay republishing after a restart, a batch redelivered after a rebalance or a
 * crash before the offsets were committed) are events at or below the source's checkpoint:
 * skipped. A watermark W on the partition says every event of it up to W came before, so it
 * moves the source checkpoint to W even when the partition got none of those events.
 *
 * The generation's own `position` stays what queries and waitFor rely on: every event of the log
 * up to it is in the documents. Here that is the complete prefix, the smallest source checkpoint
 * over every partition of the topic; it only moves forward.
 */
import type { RecordedEvent } from '@chidao/event-store';
import { injectFaults, type ApplyBatchOptions } from './apply-batch';
import { writeEvolvedDocuments } from './evolve-documents';
import type { DocumentProjection, PositionedEvent } from './projection';
import type { ReadModelStore, WriteTarget } from './read-model-store.port';

/** What a partition delivers, in partition order. */
export type PartitionEntry<E extends PositionedEvent = RecordedEvent> =
  | { readonly kind: 'event'; readonly event: E }
  | { readonly kind: 'watermark'; readonly position: number };

export interface PartitionBatch<E extends PositionedEvent = RecordedEvent> {
  /** This partition as a source, e.g. `chidao-log:2`. */
  readonly source: string;
  /** Every partition of the topic as a source (this one included). */
  readonly sources: readonly string[];
  readonly entries: readonly PartitionEntry<E>[];
}

export interface PartitionBatchOutcome {
  /** `stale`: nothing in the batch was new to the generation. */
  readonly kind: 'applied' | 'stale';
  readonly generation: number;
  /** The source's checkpoint after the batch. */
  readonly sourceCheckpoint: number;
  /** The generation's position after the batch: the complete prefix of the log. */
  readonly checkpoint: number;
  /** Events applied (new ones only). */
  readonly events: number;
  /** Events skipped as already applied. */
  readonly duplicates: number;
}

/** A projection whose documents span streams cannot be fed partition by partition. */
export class NotPartitionableError extends Error {
  readonly code = 'not_partitionable';

  constructor(
    readonly projection: string,
    reason: string,
  ) {
    super(`Projection ${projection} cannot be fed by partitions: ${reason}`);
    this.name = 'NotPartitionableError';
  }
}

export function assertPartitionable<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
): void {
  if (projection.partitionedBy !== 'stream') {
    throw new NotPartitionableError(projection.name, "it does not declare partitionedBy: 'stream'");
  }
}

export async function applyPartitionBatch<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  store: ReadModelStore,
  target: WriteTarget,
  batch: PartitionBatch<E>,
  options: ApplyBatchOptions = {},
): Promise<PartitionBatchOutcome> {
  assertPartitionable(projection);
  if (!batch.sources.includes(batch.source)) {
    throw new TypeError(`${batch.source} is not one of the sources ${batch.sources.join(', ')}`);
  }
  return store.transaction(projection.name, target, async (tx) => {
    const generation = tx.generation.generation;
    const position = tx.generation.position;
    const stored = await tx.sourceCheckpoints();
    // Everything up to the generation's position is in, whichever source it came from (a
    // generation built from the store, or by another consumer before this source got a row).
    const from = Math.max(stored.get(batch.source) ?? 0, position);

    let reached = from;
    let duplicates = 0;
    const fresh: E[] = [];
    for (const entry of batch.entries) {
      if (entry.kind === 'watermark') {
        reached = Math.max(reached, entry.position);
      } else if (entry.event.position <= reached) {
        duplicates += 1;
      } else {
        fresh.push(entry.event);
        reached = entry.event.position;
      }
    }
    assertOneStreamPerDocument(projection, fresh);

    const documents = fresh.length > 0 ? await writeEvolvedDocuments(projection, tx, fresh) : 0;
    if (reached > (stored.get(batch.source) ?? 0)) {
      await tx.setSourceCheckpoint(batch.source, reached);
    }
    const checkpoints = await tx.sourceCheckpoints();
    const prefix = Math.min(...batch.sources.map((source) => checkpoints.get(source) ?? 0));
    const checkpoint = Math.max(position, prefix);
    if (checkpoint > position) await tx.setCheckpoint(checkpoint);

    if (fresh.length > 0) {
      await injectFaults(tx, options.faultInjection, {
        projection: projection.name,
        generation,
        fromPosition: fresh[0].position,
        toPosition: fresh[fresh.length - 1].position,
        documents,
      });
    }
    return {
      kind: fresh.length > 0 || reached > from || checkpoint > position ? 'applied' : 'stale',
      generation,
      sourceCheckpoint: reached,
      checkpoint,
      events: fresh.length,
      duplicates,
    };
  });
}

/**
 * What a batch can check of the declaration: no document is fed by two streams within it. A
 * projection that breaks it would give documents that depend on how partitions interleave.
 */
function assertOneStreamPerDocument<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  events: readonly E[],
): void {
  const streams = new Map<string, string>();
  for (const event of events) {
    const id = projection.documents.idOf(event);
    if (id === null) continue;
    const stream = streams.get(id);
    if (stream === undefined) streams.set(id, event.streamId);
    else if (stream !== event.streamId) {
      throw new NotPartitionableError(
        projection.name,
        `document ${id} is fed by streams ${stream} and ${event.streamId}`,
      );
    }
  }
}
