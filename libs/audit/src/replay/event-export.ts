import { documentJson, spreadsheetCell } from '@chidao/domain';
import {
  decodeEvent,
  type EventStore,
  type RecordedEvent,
  type StoredEvent,
  withoutCredentials,
} from '@chidao/event-store';
import { agenciesOf } from './event-agencies';
import { matchesEventFilter, type EventFilter } from './event-filter';
import { exportHeaders, type ExportLanguage } from './export-headers';
import { describeEvent, personWords } from '../words/describe-event';
import { eventTypeLabel } from '../words/event-labels';
import type { Words } from '../words/event-labels';
import type { EventNames } from '../words/event-names';

export type ExportFormat = 'ndjson' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'csv'];

/**
 * One exported event: who, which agency, both dates, where in the log, and the data as stored
 * (at the schema version it was written with, so its hash can be checked — except an old log's
 * UserPasswordSet, whose password hash is left out: withoutCredentials). Filters and the
 * agencies it names read the event decoded, as every other reader of the log does.
 */
interface ExportedEvent {
  readonly position: number;
  readonly recordedAt: string;
  readonly occurredOn: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: string | null;
  readonly actorRoles: readonly string[];
  /** The actor's agency. */
  readonly agency: string | null;
  /** The agencies the event names (agenciesOf). */
  readonly agencies: readonly string[];
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly hash: string;
  readonly data: unknown;
  /** With names: the event in words (an extra field; the fields above keep their meaning). */
  readonly words?: {
    readonly label: Words;
    readonly who: Words;
    readonly sentence: Words;
  };
}

/** The CSV header, in record order. */
const EXPORT_COLUMNS: readonly Exclude<keyof ExportedEvent, 'words'>[] = [
  'position',
  'recordedAt',
  'occurredOn',
  'streamId',
  'streamVersion',
  'type',
  'schemaVersion',
  'actor',
  'actorRoles',
  'agency',
  'agencies',
  'correlationId',
  'causationId',
  'hash',
  'data',
];

export interface ExportSummary {
  /** Events read from the log. */
  readonly scanned: number;
  /** Events written out. */
  readonly matched: number;
  /** The last position the export covers. */
  readonly upTo: number;
}

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Events read per batch (default 1000): the memory held is about one batch. */
  readonly batchSize?: number;
  /** Last position covered (default: the head when the export starts). */
  readonly upTo?: number;
  /** At most this many matching events, then the log is no longer read (a screen's first page). */
  readonly limit?: number;
  /** Called once after the last chunk, when the export ran to its end. */
  readonly onDone?: (summary: ExportSummary) => void;
  /** Names for the words: NDJSON records gain `words`, CSV rows the words' columns (with lang). */
  readonly names?: EventNames;
  /**
   * CSV for people: headers in this language and three more columns (event, who, what it
   * says). Absent: the machine header as before, without the words' columns.
   */
  readonly lang?: ExportLanguage;
}

/** UTF-8 byte order mark: without it Excel reads the file as ANSI and garbles Vietnamese. */
const CSV_BOM = '\uFEFF';
const CSV_EOL = '\r\n';
const LIST_SEPARATOR = ';';

/**
 * The matching events in log order, as text chunks (one per batch read, none when no event of the
 * batch matches): NDJSON lines, or RFC 4180 CSV starting with a BOM and a header row. Covers the
 * log up to `upTo`, fixed at the start, so appends made meanwhile neither make the export endless
 * nor change what it holds. Stopping the iteration stops reading.
 */
export async function* exportEvents(
  eventStore: EventStore,
  filter: EventFilter,
  options: ExportOptions,
): AsyncGenerator<string> {
  const upTo = options.upTo ?? (await eventStore.headPosition());
  const lang = options.lang;
  const names = options.names;
  const line =
    options.format === 'csv' ? (record: ExportedEvent) => csvLineOf(record, lang) : ndjsonLineOf;
  const limit = options.limit ?? Infinity;
  let scanned = 0;
  let matched = 0;
  if (options.format === 'csv') {
    const header = lang ? exportHeaders(EXPORT_COLUMNS, lang) : EXPORT_COLUMNS;
    yield CSV_BOM + csvRow(header) + CSV_EOL;
  }
  if (upTo > 0 && limit > 0) {
    // A small limit reads small batches: the first page must not wait for a thousand events.
    const batchSize = Math.min(options.batchSize ?? 1000, Math.max(limit, 100));
    for await (const batch of eventStore.readAll({ upTo, batchSize })) {
      let chunk = '';
      for (const stored of batch) {
        scanned += 1;
        const event = decodeEvent(stored);
        if (!matchesEventFilter(filter, event)) continue;
        matched += 1;
        chunk += line(exportedEvent(stored, event, names));
        if (matched === limit) break;
      }
      if (chunk !== '') yield chunk;
      if (matched === limit) break;
    }
  }
  options.onDone?.({ scanned, matched, upTo });
}

/** The stored event, with the agencies its decoded form names. */
function exportedEvent(
  event: StoredEvent,
  decoded: RecordedEvent,
  names: EventNames | undefined,
): ExportedEvent {
  const metadata = event.metadata ?? ({} as StoredEvent['metadata']);
  const words = names && {
    label: eventTypeLabel(decoded.type),
    who: personWords(metadata.actor ?? null, names, metadata.agency ?? null, event.position),
    sentence: describeEvent(decoded, names),
  };
  return {
    position: event.position,
    recordedAt: event.recordedAt,
    occurredOn: event.occurredOn,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: metadata.actor ?? null,
    actorRoles: Array.isArray(metadata.actorRoles) ? metadata.actorRoles : [],
    agency: metadata.agency ?? null,
    agencies: agenciesOf(decoded),
    correlationId: metadata.correlationId ?? null,
    causationId: metadata.causationId ?? null,
    hash: event.hash,
    // As stored, but never an old log's password hash.
    data: withoutCredentials(event.data),
    ...(words ? { words } : {}),
  };
}

const ndjsonLineOf = (record: ExportedEvent): string => `${JSON.stringify(record)}\n`;

const csvLineOf = (record: ExportedEvent, lang: ExportLanguage | undefined): string =>
  csvRow([
    ...EXPORT_COLUMNS.map((column) =>
      column === 'data' ? documentJson(record.data) : csvText(record[column]),
    ),
    ...(lang ? wordColumns(record, lang) : []),
  ]) + CSV_EOL;

/** The event, who entered it and what it says, in the file's language. */
const wordColumns = (record: ExportedEvent, lang: ExportLanguage): string[] => {
  const words = record.words;
  return words ? [words.label[lang], words.who[lang], words.sentence[lang]] : ['', '', ''];
};

/**
 * Lists joined with `;`, null as an empty field; `data` is always compact JSON (see above), its
 * control and bidi characters as \u escapes (documentJson): parsed, it is the data as stored.
 */
function csvText(value: ExportedEvent[Exclude<keyof ExportedEvent, 'data' | 'words'>]): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return String(value);
}

/** Every cell made safe for a spreadsheet (no formula, no control character), then quoted. */
function csvRow(fields: readonly string[]): string {
  return fields.map((field) => csvField(spreadsheetCell(field))).join(',');
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
