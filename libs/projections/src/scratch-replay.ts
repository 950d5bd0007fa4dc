/**
 * Replays the log into a fresh read model in a scratch SQLite file, hands it to the caller, then
 * deletes it. Verification and time travel use it so that their answers come from the log and
 * the same projection code the application runs, never from the application's tables.
 * Memory: one batch of events (and whatever the caller reads from the scratch store).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ensurePrivateDir,
  readDomainEvents,
  type EventStore,
  type RecordedEvent,
} from '@chidao/event-store';
import { applyBatch } from './apply-batch';
import { projectionFingerprint } from './fingerprint';
import { schemaOf, type DocumentProjection } from './projection';
import { taskTimelineProjection } from './read-models/task-timeline.projection';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';

interface ScratchReplayOptions {
  /** A directory for the scratch file (created when missing; the file is removed after). */
  readonly scratchDir: string;
  /** Last position replayed (inclusive). */
  readonly upTo: number;
  /**
   * Only events for which this answers true reach the projections (e.g. recorded at or before an
   * instant); the others are read and skipped, so the checkpoint still moves past them.
   */
  readonly include?: (event: RecordedEvent) => boolean;
  /** Default: the `tasks` read model only. */
  readonly projections?: readonly DocumentProjection<never>[];
  /** Events per batch (default 1000). */
  readonly batchSize?: number;
}

interface ScratchReplay {
  readonly store: SqliteReadModelStore;
  /** Events the projections took (skipped and foreign events not counted). */
  readonly eventsReplayed: number;
  /** Position the scratch read model reflects. */
  readonly position: number;
}

export async function withScratchReadModel<T>(
  eventStore: EventStore,
  options: ScratchReplayOptions,
  use: (replay: ScratchReplay) => Promise<T>,
): Promise<T> {
  ensurePrivateDir(options.scratchDir);
  const dir = fs.mkdtempSync(path.join(options.scratchDir, 'replay-'));
  const store = SqliteReadModelStore.open({ path: path.join(dir, 'scratch.db') });
  try {
    const projections = (options.projections ?? [
      taskTimelineProjection,
    ]) as readonly DocumentProjection<unknown>[];
    let eventsReplayed = 0;
    for (const projection of projections) {
      eventsReplayed += await replayOne(eventStore, store, projection, options);
    }
    return await use({ store, eventsReplayed, position: options.upTo });
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Projects positions 1..upTo with applyBatch, the same code path as the live runner and rebuilds. */
async function replayOne(
  eventStore: EventStore,
  store: SqliteReadModelStore,
  projection: DocumentProjection<unknown>,
  options: ScratchReplayOptions,
): Promise<number> {
  const fingerprint = projectionFingerprint(projection);
  await store.register(schemaOf(projection), fingerprint);
  const include = options.include;
  // Excluded events keep their place in the batch (no gap for applyBatch) but touch no document.
  const filtered: DocumentProjection<unknown> = include
    ? {
        ...projection,
        documents: {
          ...projection.documents,
          idOf: (event) => (include(event) ? projection.documents.idOf(event) : null),
        },
      }
    : projection;
  let events = 0;
  if (options.upTo <= 0) return events;
  const batches = readDomainEvents(eventStore).readAll({
    upTo: options.upTo,
    batchSize: options.batchSize ?? 1000,
  });
  for await (const batch of batches) {
    const outcome = await applyBatch(filtered, store, { kind: 'active', fingerprint }, batch);
    if (outcome.kind === 'gap') {
      throw new Error(`Replay found a gap before position ${batch[0].position}`);
    }
    if (outcome.kind === 'applied') {
      events += include ? batch.filter(include).length : outcome.events;
    }
  }
  return events;
}
