import type { EventStore } from '@chidao/event-store';

/** How far a read model is behind the log, as an operator alerts on it. */
export interface ProjectionLag {
  readonly position: number;
  readonly head: number;
  /** Events in the log not in the read model yet. */
  readonly events: number;
  /** Age of the oldest of those (0 when caught up): how stale a query can be. */
  readonly seconds: number;
}

/** The lag of a read model at `position`: one head read and, when behind, one event read. */
export async function projectionLag(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  position: number,
  now: Date = new Date(),
): Promise<ProjectionLag> {
  const head = await store.headPosition();
  if (position >= head) return { position, head, events: 0, seconds: 0 };
  let seconds = 0;
  for await (const batch of store.readAll({ after: position, upTo: head, batchSize: 1 })) {
    const oldest = batch[0];
    if (oldest) seconds = Math.max(0, (now.getTime() - Date.parse(oldest.recordedAt)) / 1000);
    break;
  }
  return { position, head, events: head - position, seconds: Math.round(seconds * 10) / 10 };
}
