/**
 * Marten-style rebuild without downtime: project the whole log into a fresh generation while
 * queries keep reading the active one, then swap the two in one transaction and drop the old.
 */
import type { RecordedEvent } from '@chidao/event-store';
import type { BatchOutcome, ProjectionFaultInjection } from './apply-batch';
import { catchUp, type ProjectionDeps } from './catch-up';
import { projectionFingerprint } from './fingerprint';
import { schemaOf, type DocumentProjection, type PositionedEvent } from './projection';
import { GenerationGoneError, type ProjectionRecord } from './read-model-store.port';

interface RebuildOptions<E extends PositionedEvent = RecordedEvent> {
  /** Events per batch transaction (default 1000). */
  readonly batchSize?: number;
  /** TEST ONLY, see ProjectionFaultInjection. */
  readonly faultInjection?: ProjectionFaultInjection;
  readonly onOutcome?: (outcome: BatchOutcome, batch: readonly E[], startedAt: number) => void;
  readonly isStopping?: () => boolean;
}

export interface RebuildResult {
  readonly projection: string;
  /** The generation that is now active. */
  readonly generation: number;
  /** Its checkpoint at the swap. */
  readonly position: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  readonly record: ProjectionRecord;
}

/**
 * Rebuilds from position 0 into a new generation and swaps it in; the old generation keeps
 * answering queries until then.
 */
export async function rebuildProjection<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  deps: ProjectionDeps<E>,
  options: RebuildOptions<E> = {},
): Promise<RebuildResult> {
  const schema = schemaOf(projection);
  const fingerprint = projectionFingerprint(projection);
  await deps.readStore.register(schema, fingerprint);
  const pending = await deps.readStore.beginGeneration(schema, fingerprint);
  try {
    return await rebuildGeneration(projection, deps, pending.generation, options);
  } catch (error) {
    // Nothing serves from a half-built generation: drop it (a no-op if another took over).
    await deps.readStore.abandonGeneration(projection.name, pending.generation).catch(() => {});
    throw error;
  }
}

/**
 * Brings an existing pending generation to the head (resuming from its checkpoint) and swaps it
 * in. If the active generation is ahead at the swap (a live runner kept writing), catches up
 * again rather than let readers go back in time.
 */
export async function rebuildGeneration<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  deps: ProjectionDeps<E>,
  generation: number,
  options: RebuildOptions<E> = {},
): Promise<RebuildResult> {
  const started = performance.now();
  let events = 0;
  for (;;) {
    const current = await deps.readStore.generation(projection.name, generation);
    if (!current) throw new GenerationGoneError(projection.name, generation);
    const position = await catchUp(
      projection,
      deps,
      { kind: 'generation', generation },
      current.position,
      {
        batchSize: options.batchSize ?? 1000,
        faultInjection: options.faultInjection,
        isStopping: options.isStopping,
        onOutcome: (outcome, batch, startedAt) => {
          if (outcome.kind === 'applied') events += outcome.events;
          options.onOutcome?.(outcome, batch, startedAt);
        },
      },
    );
    if (options.isStopping?.()) throw new Error(`Rebuild of ${projection.name} stopped`);
    const activation = await deps.readStore.activateGeneration(projection.name, generation);
    if (activation.swapped) {
      const elapsedMs = performance.now() - started;
      return {
        projection: projection.name,
        generation,
        position,
        events,
        elapsedMs,
        eventsPerSecond: (events * 1000) / Math.max(elapsedMs, 1),
        record: activation.record,
      };
    }
    if (activation.reason === 'not_pending') {
      throw new GenerationGoneError(projection.name, generation);
    }
  }
}
