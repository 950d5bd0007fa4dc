/**
 * One batch of events into one generation, in one transaction: load the touched documents in one
 * query, evolve them in log order, write them, then the checkpoint. The stored checkpoint (read
 * inside the transaction) is the truth, not the caller's idea of where it is: events at or below
 * it are skipped, and a batch that starts past it is refused, so a batch delivered twice, or
 * after a swap to a generation at another position, can neither double-count nor skip.
 */
import { writeEvolvedDocuments } from './evolve-documents';
import type { DocumentProjection, PositionedEvent } from './projection';
import type { BatchTransaction, ReadModelStore, WriteTarget } from './read-model-store.port';

/**
 * TEST ONLY: lets a test stop or kill a process at a known point of a batch. Never set in
 * production. A batch whose transaction is re-run after a conflict calls the hooks again.
 */
export interface ProjectionFaultInjection {
  /**
   * Called synchronously inside the commit, after the batch's documents were written and before
   * its checkpoint is written and the transaction commits. A child process blocks here (e.g.
   * Atomics.wait) to be SIGKILLed with the transaction open.
   */
  readonly afterDocumentsWritten?: (batch: FaultPoint) => void;
  /**
   * Called when the batch is computed and about to commit, holding no lock; the batch waits for
   * the returned promise. An in-process test holds a runner or rebuild mid-way with it.
   */
  readonly beforeCommit?: (batch: FaultPoint) => Promise<void> | void;
}

export interface FaultPoint {
  readonly projection: string;
  readonly generation: number;
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly documents: number;
}

export type BatchOutcome =
  /** Written; the checkpoint is now `checkpoint`. */
  | {
      readonly kind: 'applied';
      readonly checkpoint: number;
      readonly events: number;
      readonly generation: number;
    }
  /** Everything in the batch was already in the generation. */
  | { readonly kind: 'stale'; readonly checkpoint: number; readonly generation: number }
  /** The batch starts after the checkpoint: the caller must read again from `checkpoint`. */
  | { readonly kind: 'gap'; readonly checkpoint: number; readonly generation: number };

export interface ApplyBatchOptions {
  readonly faultInjection?: ProjectionFaultInjection;
}

export async function applyBatch<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  store: ReadModelStore,
  target: WriteTarget,
  events: readonly E[],
  options: ApplyBatchOptions = {},
): Promise<BatchOutcome> {
  return store.transaction(projection.name, target, async (tx) => {
    const checkpoint = tx.generation.position;
    const generation = tx.generation.generation;
    if (events.length === 0) return { kind: 'stale', checkpoint, generation };
    if (events[0].position > checkpoint + 1) return { kind: 'gap', checkpoint, generation };
    const fresh = events.filter((event) => event.position > checkpoint);
    if (fresh.length === 0) return { kind: 'stale', checkpoint, generation };

    const documents = await writeEvolvedDocuments(projection, tx, fresh);

    const last = fresh[fresh.length - 1].position;
    await tx.setCheckpoint(last);
    await injectFaults(tx, options.faultInjection, {
      projection: projection.name,
      generation,
      fromPosition: fresh[0].position,
      toPosition: last,
      documents,
    });
    return { kind: 'applied', checkpoint: last, events: fresh.length, generation };
  });
}

/** Arms the test hooks of a batch whose documents and checkpoints are set (every batch kind). */
export async function injectFaults(
  tx: BatchTransaction,
  faults: ProjectionFaultInjection | undefined,
  point: FaultPoint,
): Promise<void> {
  if (!faults) return;
  const { afterDocumentsWritten, beforeCommit } = faults;
  if (afterDocumentsWritten) tx.onDocumentsWritten(() => afterDocumentsWritten(point));
  await beforeCommit?.(point);
}
