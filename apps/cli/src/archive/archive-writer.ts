/**
 * Writes the whole log into an archive file (log-archive-format.ts), one batch at a time: under a
 * temporary name, owner-only (it holds every user's identity and, in old logs, password hashes),
 * renamed when complete, so a failed export never leaves a file that looks whole.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { LogDigester, type EventStore } from '@chidao/event-store';
import { writeChunk } from '../cli-io';
import {
  ARCHIVE_FORMAT_VERSION,
  eventLine,
  type ArchiveHeader,
  type ArchiveManifest,
} from './log-archive-format';

export async function writeArchive(
  eventStore: EventStore,
  file: string,
  now: Date = new Date(),
): Promise<ArchiveManifest> {
  const partial = `${file}.partial-${process.pid}`;
  // The head is fixed first: events appended meanwhile belong to the next export.
  const head = await eventStore.headPosition();
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const sha256 = createHash('sha256');
  const digester = new LogDigester();
  const streams = new Set<string>();
  let events = 0;
  let firstRecordedAt: string | null = null;
  let lastRecordedAt: string | null = null;
  const write = (text: string): Promise<void> => {
    sha256.update(text, 'utf8');
    return writeChunk(out, text);
  };
  try {
    const header: ArchiveHeader = {
      chidaoLogArchive: ARCHIVE_FORMAT_VERSION,
      exportedAt: now.toISOString(),
      headPosition: head,
    };
    await write(`${JSON.stringify(header)}\n`);
    if (head > 0) {
      for await (const batch of eventStore.readAll({ upTo: head })) {
        for (const event of batch) {
          await write(eventLine(event));
          digester.update(event);
          streams.add(event.streamId);
          events += 1;
          firstRecordedAt ??= event.recordedAt;
          lastRecordedAt = event.recordedAt;
        }
      }
    }
    const manifest: ArchiveManifest = {
      format: 'chidao-log-archive',
      formatVersion: ARCHIVE_FORMAT_VERSION,
      events,
      streams: streams.size,
      headPosition: digester.current.position,
      firstRecordedAt,
      lastRecordedAt,
      logDigest: digester.current.digest,
      sha256: sha256.digest('hex'),
    };
    await writeChunk(out, `${JSON.stringify({ manifest })}\n`);
    out.end();
    await finished(out);
    fs.renameSync(partial, file);
    return manifest;
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
