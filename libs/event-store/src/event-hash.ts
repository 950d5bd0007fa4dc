import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { StoredEvent } from './event-store.port';

/** The previous hash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything of a stored event that its hash covers (all of it except the hash itself). */
export type HashedEventFields = Omit<StoredEvent, 'hash'>;

/**
 * SHA-256 (hex) over the canonical JSON of { position, streamId, streamVersion, type,
 * schemaVersion, data, metadata, occurredOn, recordedAt, previousHash }. The position is
 * included so that moving an event within the log breaks the chain.
 */
export function computeEventHash(event: HashedEventFields, previousHash: string): string {
  return computeEventHashFromJson(
    event,
    canonicalJson(event.data),
    canonicalJson(event.metadata),
    previousHash,
  );
}

/**
 * The same hash for adapters that already hold the canonical JSON of data and metadata (they
 * store it), so appends do not serialise twice. Keys are written in canonical (sorted) order;
 * the spec checks that this equals canonicalJson of the whole envelope.
 */
export function computeEventHashFromJson(
  event: Omit<HashedEventFields, 'data' | 'metadata'>,
  canonicalDataJson: string,
  canonicalMetadataJson: string,
  previousHash: string,
): string {
  const payload =
    `{"data":${canonicalDataJson},"metadata":${canonicalMetadataJson}` +
    `,"occurredOn":${text(event.occurredOn)},"position":${integer(event.position)}` +
    `,"previousHash":${text(previousHash)},"recordedAt":${text(event.recordedAt)}` +
    `,"schemaVersion":${integer(event.schemaVersion)},"streamId":${text(event.streamId)}` +
    `,"streamVersion":${integer(event.streamVersion)},"type":${text(event.type)}}`;
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

// Scalars of the envelope, written as canonicalJson would, without its generic walk.
function text(value: string): string {
  if (typeof value !== 'string')
    throw new TypeError(`event hash: expected a string, got ${String(value)}`);
  return JSON.stringify(value);
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value))
    throw new TypeError(`event hash: expected an integer, got ${value}`);
  return String(value);
}
