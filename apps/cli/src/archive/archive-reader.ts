/**
 * Reads a log archive (log-archive-format.ts) as a stream of event batches for a restore, and
 * checks it as it goes: the header, every line's JSON, then, after the last event, the manifest
 * against what was read (SHA-256 of the bytes, counts, head, first/last recordedAt, log digest).
 * Any fault throws ArchiveDamagedError from the iterator, so the restore reading it rolls back.
 * Memory: one batch, one line, and one entry per stream (to count them).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { LogDigester, type StoredEvent } from '@chidao/event-store';
import {
  ARCHIVE_EVENT_FIELDS,
  ARCHIVE_FORMAT_VERSION,
  archiveEnvelope,
  type ArchiveManifest,
} from './log-archive-format';

/** A line longer than this is not an event Chidao wrote: the file is damaged. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

export class ArchiveDamagedError extends Error {
  constructor(
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'ArchiveDamagedError';
  }
}

/** The archive's events in batches; `manifest` is set once the whole file has checked out. */
export class ArchiveReader {
  manifest: ArchiveManifest | null = null;

  constructor(
    private readonly file: string,
    private readonly batchSize = 1000,
  ) {}

  async *batches(): AsyncGenerator<StoredEvent[]> {
    const sha256 = createHash('sha256');
    const digester = new LogDigester();
    const streams = new Set<string>();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let lineNumber = 0;
    let manifest: ArchiveManifest | null = null;
    let firstRecordedAt: string | null = null;
    let lastRecordedAt: string | null = null;
    let batch: StoredEvent[] = [];

    for await (const raw of lines(this.file)) {
      lineNumber += 1;
      if (manifest !== null) {
        throw damaged(lineNumber, 'text after the manifest', 'có nội dung sau phần kê khai');
      }
      let text: string;
      try {
        text = decoder.decode(raw);
      } catch {
        throw damaged(lineNumber, 'not UTF-8 text', 'không phải văn bản UTF-8');
      }
      const value = parseLine(text, lineNumber);
      if (lineNumber === 1) {
        checkHeader(value);
      } else if (isManifestLine(value)) {
        manifest = value.manifest;
        continue;
      } else {
        const event = toEvent(value, lineNumber);
        digester.update(event);
        streams.add(event.streamId);
        firstRecordedAt ??= event.recordedAt;
        lastRecordedAt = event.recordedAt;
        batch.push(event);
        if (batch.length >= this.batchSize) {
          yield batch;
          batch = [];
        }
      }
      sha256.update(raw).update('\n');
    }
    if (lineNumber === 0) throw damaged(0, 'the file is empty', 'tệp rỗng');
    if (manifest === null) {
      throw new ArchiveDamagedError(
        'The archive ends without its manifest: the file was cut off',
        'Tệp lưu trữ kết thúc mà không có phần kê khai: tệp đã bị cắt cụt',
      );
    }
    // Earlier batches wait uncommitted in the restore's transaction: a throw here rolls them back.
    const read = digester.current;
    const expected: [string, unknown, unknown][] = [
      ['sha256', manifest.sha256, sha256.digest('hex')],
      ['events', manifest.events, digester.result().eventsFolded],
      ['streams', manifest.streams, streams.size],
      ['headPosition', manifest.headPosition, read.position],
      ['firstRecordedAt', manifest.firstRecordedAt, firstRecordedAt],
      ['lastRecordedAt', manifest.lastRecordedAt, lastRecordedAt],
      ['logDigest', manifest.logDigest, read.digest],
    ];
    for (const [field, stated, actual] of expected) {
      if (stated !== actual) {
        throw new ArchiveDamagedError(
          `The manifest's ${field} (${String(stated)}) does not match the archive (${String(actual)})`,
          `Phần kê khai ghi ${field} = ${String(stated)} nhưng nội dung tệp cho ${String(actual)}: tệp đã bị sửa hoặc hỏng`,
        );
      }
    }
    if (batch.length > 0) yield batch;
    this.manifest = manifest;
  }
}

/** The file's lines as bytes, without their "\n"; a last line without one means a cut file. */
async function* lines(file: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, at);
      yield pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      start = at + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) {
        throw new ArchiveDamagedError(
          'A line of the archive is longer than any event: the file is damaged',
          'Một dòng của tệp lưu trữ dài bất thường: tệp đã bị hỏng',
        );
      }
    }
  }
  if (pendingBytes > 0) {
    throw new ArchiveDamagedError(
      'The archive ends in the middle of a line: the file was cut off',
      'Tệp lưu trữ kết thúc giữa chừng một dòng: tệp đã bị cắt cụt',
    );
  }
}

function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damaged(lineNumber, 'not valid JSON', 'không phải JSON hợp lệ');
  }
}

function checkHeader(value: unknown): void {
  const version = isRecord(value) ? value.chidaoLogArchive : undefined;
  if (version === undefined) {
    throw new ArchiveDamagedError(
      'Not a Chidao log archive (its first line is not the archive header)',
      'Không phải tệp lưu trữ nhật ký Chidao (dòng đầu không phải phần đầu của tệp lưu trữ)',
    );
  }
  if (version !== ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveDamagedError(
      `Archive format ${JSON.stringify(version)}: this version reads format ${ARCHIVE_FORMAT_VERSION}`,
      `Tệp lưu trữ định dạng ${JSON.stringify(version)}: phiên bản này chỉ đọc định dạng ${ARCHIVE_FORMAT_VERSION}`,
    );
  }
}

function isManifestLine(value: unknown): value is { manifest: ArchiveManifest } {
  return isRecord(value) && isRecord(value.manifest);
}

/** The envelope's fields; their types are checked again by the hash computed on restore. */
function toEvent(value: unknown, lineNumber: number): StoredEvent {
  if (!isRecord(value) || !isRecord(value.metadata)) {
    throw damaged(lineNumber, 'not an event', 'không phải một sự kiện');
  }
  const missing = ARCHIVE_EVENT_FIELDS.filter((field) => value[field] === undefined);
  if (missing.length > 0) {
    throw damaged(
      lineNumber,
      `an event without ${missing.join(', ')}`,
      `sự kiện thiếu trường ${missing.join(', ')}`,
    );
  }
  const { position, streamId, recordedAt, hash } = value;
  if (!Number.isSafeInteger(position) || typeof streamId !== 'string') {
    throw damaged(lineNumber, 'a bad position or stream', 'vị trí hoặc luồng không hợp lệ');
  }
  if (typeof recordedAt !== 'string' || typeof hash !== 'string') {
    throw damaged(lineNumber, 'a bad recordedAt or hash', 'thời điểm ghi hoặc mã băm không hợp lệ');
  }
  return archiveEnvelope(
    value as Record<(typeof ARCHIVE_EVENT_FIELDS)[number], unknown>,
  ) as unknown as StoredEvent;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const damaged = (lineNumber: number, what: string, whatVi: string): ArchiveDamagedError =>
  new ArchiveDamagedError(
    `Line ${lineNumber} of the archive: ${what}; the file is damaged`,
    `Dòng ${lineNumber} của tệp lưu trữ: ${whatVi}; tệp đã bị hỏng`,
  );
