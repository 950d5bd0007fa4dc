import type { RecordedEvent } from '@chidao/event-store';
import type { ProjectionDeps } from './catch-up';
import { projectionFingerprint } from './fingerprint';
import { schemaOf, type DocumentProjection, type PositionedEvent } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import type { ProjectionRecord } from './read-model-store.port';

interface EnsuredProjection<D, E extends PositionedEvent = RecordedEvent> {
  /** Started; stop it on shutdown. */
  readonly runner: ProjectionRunner<D, E>;
  /** The registry row as found on start. */
  readonly record: ProjectionRecord;
  /** True when the stored documents were built by other code and a rebuild has started. */
  readonly rebuilding: boolean;
}

/**
 * What an app calls on start for each projection: registers it if new, and starts its runner.
 * When the stored fingerprint differs from this code's, the runner first rebuilds into a new
 * generation (the old one keeps answering queries) and swaps it in when caught up.
 */
export async function ensureProjection<D, E extends PositionedEvent>(
  projection: DocumentProjection<D, E>,
  deps: ProjectionDeps<E>,
  options: ProjectionRunnerOptions = {},
): Promise<EnsuredProjection<D, E>> {
  const fingerprint = projectionFingerprint(projection);
  const record = await deps.readStore.register(schemaOf(projection), fingerprint);
  const runner = new ProjectionRunner(projection, deps, options).start();
  return { runner, record, rebuilding: record.fingerprint !== fingerprint };
}
