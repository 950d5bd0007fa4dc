/**
 * One batch of events into one generation, in one transaction: load the touched documents in one
 * query, evolve them in log order, write them, then the checkpoint. The stored checkpoint (read
 * inside the transaction) is the truth, not the caller's idea of where it is: events at or below
 * it are skipped, and a batch that starts past it is refused, so a batch delivered twice, or
 * after a swap to a generation at another position, can neither double-count nor skip.
 */
import { canonicalJson, type StoredEvent } from '@chidao/event-store';
import type { ColumnValue, DocumentProjection } from './projection';
import type { DocumentWrite, ReadModelStore, WriteTarget } from './read-model-store.port';

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

export async function applyBatch<D>(
  projection: DocumentProjection<D>,
  store: ReadModelStore,
  target: WriteTarget,
  events: readonly StoredEvent[],
  options: ApplyBatchOptions = {},
): Promise<BatchOutcome> {
  return store.transaction(projection.name, target, async (tx) => {
    const checkpoint = tx.generation.position;
    const generation = tx.generation.generation;
    if (events.length === 0) return { kind: 'stale', checkpoint, generation };
    if (events[0].position > checkpoint + 1) return { kind: 'gap', checkpoint, generation };
    const fresh = events.filter((event) => event.position > checkpoint);
    if (fresh.length === 0) return { kind: 'stale', checkpoint, generation };

    const { idOf, evolve } = projection.documents;
    const ids = fresh.map((event) => idOf(event));
    const touched = [...new Set(ids.filter((id): id is string => id !== null))];
    const stored = await tx.load(touched);
    const working = new Map<string, D | null>();
    for (const [id, json] of stored) working.set(id, JSON.parse(json) as D);

    fresh.forEach((event, i) => {
      const id = ids[i];
      if (id === null) return;
      working.set(id, evolve(working.get(id) ?? null, event));
    });

    const writes: DocumentWrite[] = [];
    const deletes: string[] = [];
    for (const id of touched) {
      const doc = working.get(id) ?? null;
      if (doc === null) {
        if (stored.has(id)) deletes.push(id);
      } else {
        writes.push({ id, json: canonicalJson(doc), columns: columnValues(projection, doc) });
      }
    }
    await tx.delete(deletes);
    await tx.upsert(writes);

    const last = fresh[fresh.length - 1].position;
    await tx.setCheckpoint(last);
    const faults = options.faultInjection;
    if (faults) {
      const point: FaultPoint = {
        projection: projection.name,
        generation,
        fromPosition: fresh[0].position,
        toPosition: last,
        documents: touched.length,
      };
      const { afterDocumentsWritten, beforeCommit } = faults;
      if (afterDocumentsWritten) tx.onDocumentsWritten(() => afterDocumentsWritten(point));
      await beforeCommit?.(point);
    }
    return { kind: 'applied', checkpoint: last, events: fresh.length, generation };
  });
}

/** Column values checked against their declared type, so a query never meets a stray value. */
function columnValues<D>(projection: DocumentProjection<D>, doc: D): Record<string, ColumnValue> {
  const values: Record<string, ColumnValue> = {};
  for (const column of projection.columns) {
    const value = column.of(doc);
    const ok =
      value === null ||
      (column.type === 'text' && typeof value === 'string') ||
      (column.type === 'integer' && Number.isSafeInteger(value)) ||
      (column.type === 'real' && typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      throw new TypeError(
        `${projection.name}.${column.name}: ${JSON.stringify(value)} is not a ${column.type}`,
      );
    }
    values[column.name] = value;
  }
  return values;
}
