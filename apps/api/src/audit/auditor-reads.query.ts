import {
  STREAMS,
  type AuditorRead,
  type AuditorReadRecorded,
  type ReadResource,
} from '@chidao/domain';
import type { EventReader, Recorded, RecordedEvent } from '@chidao/event-store';

interface AuditorReadFilter {
  /** User id of the auditor. */
  readonly actor?: string;
  /** Days (YYYY-MM-DD, Vietnam time), inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** Reads after this log position (exclusive). */
  readonly after: number;
}

export interface AuditorReadEntry {
  readonly position: number;
  readonly recordedAt: string;
  readonly occurredOn: string;
  readonly actor: string;
  readonly agency: string | null;
  readonly correlationId: string;
  readonly method: AuditorRead['method'];
  readonly path: string;
  readonly query: AuditorRead['query'];
  readonly resource: ReadResource | null;
}

export interface AuditorReadPage {
  /** In log order. */
  readonly items: readonly AuditorReadEntry[];
  /** Pass as `after` for the next page; null when the log was read to its end. */
  readonly nextAfter: number | null;
}

/**
 * Streams the log from `after` up to the head as it was when called, one batch at a time, and
 * keeps the first `limit` reads that match: memory is one batch and one page.
 */
export async function listAuditorReads(
  events: EventReader<RecordedEvent>,
  filter: AuditorReadFilter,
): Promise<AuditorReadPage> {
  const head = await events.headPosition();
  const items: AuditorReadEntry[] = [];
  if (filter.after >= head) return { items, nextAfter: null };
  const stream = filter.actor === undefined ? null : STREAMS.auditorReads.of(filter.actor);
  for await (const batch of events.readAll({ after: filter.after, upTo: head })) {
    for (const event of batch) {
      if (event.type !== 'AuditorReadRecorded') continue;
      if (STREAMS.auditorReads.idOf(event.streamId) === null) continue;
      if (stream !== null && event.streamId !== stream) continue;
      if (filter.from !== undefined && event.occurredOn < filter.from) continue;
      if (filter.to !== undefined && event.occurredOn > filter.to) continue;
      items.push(entryOf(event));
      if (items.length === filter.limit) return { items, nextAfter: event.position };
    }
  }
  return { items, nextAfter: null };
}

function entryOf(event: Recorded<AuditorReadRecorded>): AuditorReadEntry {
  return {
    position: event.position,
    recordedAt: event.recordedAt,
    occurredOn: event.occurredOn,
    actor: event.metadata.actor,
    agency: event.metadata.agency,
    correlationId: event.metadata.correlationId,
    method: event.data.method,
    path: event.data.path,
    query: event.data.query,
    resource: event.data.resource ?? null,
  };
}
