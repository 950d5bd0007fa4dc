import type { StoredEvent } from './event-store.port';

/**
 * One event as every adapter stores it: data and metadata as their canonical JSON text (the
 * bytes the hash covers, so a round trip can never change them), dates as ISO strings.
 */
export interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  /** YYYY-MM-DD */
  occurred_on: string;
  /** ISO-8601 UTC with milliseconds, as hashed. */
  recorded_at: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, stream_id, stream_version, type, schema_version, data, metadata, occurred_on, recorded_at, hash';

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    // Written from an event's metadata (canonical JSON) and never edited: it reads back as one.
    metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}
