/**
 * The log archive (`chidao export-log`, `chidao import-log`): one UTF-8 text file of JSON lines,
 * readable with any editor or `jq`, written and read as a stream.
 *
 *   line 1         the header: {"chidaoLogArchive":1,"exportedAt":"…","headPosition":N}
 *   lines 2..N+1   every stored event in position order, exactly as the store reads it (the
 *                  envelope fields below, `hash` included, data and metadata as stored)
 *   last line      the manifest: {"manifest":{…}} (ArchiveManifest)
 *
 * Every line ends with "\n". The manifest's `sha256` covers every byte before its line (the
 * header and the events as written), so a flipped byte, a cut-off file or a changed manifest is
 * found before anything is kept.
 */
import type { StoredEvent } from '@chidao/event-store';

export const ARCHIVE_FORMAT_VERSION = 1;

export interface ArchiveHeader {
  readonly chidaoLogArchive: number;
  readonly exportedAt: string;
  readonly headPosition: number;
}

export interface ArchiveManifest {
  readonly format: 'chidao-log-archive';
  readonly formatVersion: number;
  readonly events: number;
  readonly streams: number;
  readonly headPosition: number;
  /** recordedAt of the first and last event; null for an empty log. */
  readonly firstRecordedAt: string | null;
  readonly lastRecordedAt: string | null;
  /** The log digest at the head (the digest daily anchors and report snapshots carry). */
  readonly logDigest: string;
  /** SHA-256 (hex) of every byte before the manifest line. */
  readonly sha256: string;
}

/** The envelope's fields, in the order every line writes them. */
export const ARCHIVE_EVENT_FIELDS = [
  'position',
  'streamId',
  'streamVersion',
  'type',
  'schemaVersion',
  'data',
  'metadata',
  'occurredOn',
  'recordedAt',
  'hash',
] as const;

/** The envelope's fields of `source`, in ARCHIVE_EVENT_FIELDS order, nothing else. */
export function archiveEnvelope(
  source: Readonly<Record<(typeof ARCHIVE_EVENT_FIELDS)[number], unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(ARCHIVE_EVENT_FIELDS.map((field) => [field, source[field]]));
}

/** An event's line: the envelope in a fixed order, whatever order the store built it in. */
export function eventLine(event: StoredEvent): string {
  return `${JSON.stringify(archiveEnvelope(event))}\n`;
}
