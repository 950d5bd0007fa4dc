/**
 * Where the `tasks` read model stands, for pinning a snapshot's figures to a log position.
 *
 * A generation's `position` says every event up to it is in the documents. Fed from the store,
 * nothing beyond it is; fed from Kafka partitions, a partition may run ahead (its source
 * checkpoint past the position), and its later events are in the documents too. Figures taken
 * then would count events the snapshot's position does not cover, and verify would disagree.
 * The documents are exactly the log up to the position when no source is ahead of it: every
 * partition has reached the same point (the relay's watermarks bring them there after each of
 * its batches).
 */
import {
  GenerationGoneError,
  taskTimelineProjection,
  UnknownProjectionError,
  type ReadModelStore,
} from '@chidao/projections';

export interface ReadModelMark {
  readonly generation: number;
  readonly position: number;
  /** The documents hold the log up to `position` and nothing after it. */
  readonly atPrefix: boolean;
}

/**
 * The active generation, its position and whether it is at a prefix, read together in one batch
 * transaction (which writes nothing) so that no batch commits between the reads.
 */
export async function readModelMark(
  store: ReadModelStore,
  name: string = taskTimelineProjection.name,
): Promise<ReadModelMark> {
  for (;;) {
    const record = await store.projection(name);
    if (!record) throw new UnknownProjectionError(name);
    const target = { kind: 'generation', generation: record.activeGeneration } as const;
    try {
      return await store.transaction(name, target, async (tx) => {
        const position = tx.generation.position;
        const sources = await tx.sourceCheckpoints();
        return {
          generation: tx.generation.generation,
          position,
          atPrefix: [...sources.values()].every((checkpoint) => checkpoint <= position),
        };
      });
    } catch (error) {
      // A rebuild swapped generations between the two reads: look again.
      if (!(error instanceof GenerationGoneError)) throw error;
    }
  }
}
