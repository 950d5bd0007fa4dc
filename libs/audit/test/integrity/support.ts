/** Real SQLite files: the log and its anchors in one file, as in the embedded deployment. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  openEventStore,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@chidao/event-store';
import { SqliteAnchorStore } from '../../src/integrity/sqlite-anchor-store';

/** Noon in Vietnam on a fixed day: nothing depends on today's date. */
export const at = (day: string, time = '12:00'): Date => new Date(`${day}T${time}:00+07:00`);

function testEvent(streamId: string, index: number): NewEvent {
  return {
    type: 'TaskProgressReported',
    schemaVersion: 1,
    data: { taskId: streamId, percent: index % 101, note: `Báo cáo tiến độ lần ${index}` },
    metadata: {
      actor: `user-${index % 5}`,
      agency: 'SO-TNMT',
      correlationId: `corr-${index}`,
      causationId: null,
    },
    occurredOn: '2024-05-20',
  };
}

export interface Opened {
  readonly file: string;
  readonly events: EventStore;
  readonly anchors: SqliteAnchorStore;
}

export class TempLogs {
  private readonly dirs: string[] = [];
  private readonly closers: Array<() => Promise<void>> = [];

  file(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-anchor-'));
    this.dirs.push(dir);
    return path.join(dir, 'chidao.db');
  }

  /** An event store and an anchor store on `file` (a fresh one by default). */
  async open(file = this.file(), now?: () => Date): Promise<Opened> {
    const events = await openEventStore({ kind: 'sqlite', path: file }, now ? { now } : {});
    const anchors = SqliteAnchorStore.open({ path: file });
    this.closers.push(
      () => anchors.close(),
      () => events.close(),
    );
    return { file, events, anchors };
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends `count` events spread round-robin over `streams`, one append per event. */
export async function appendRoundRobin(
  store: EventStore,
  streams: readonly string[],
  count: number,
  startIndex = 0,
): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const index = startIndex + i;
    const streamId = streams[index % streams.length];
    await store.append(streamId, [testEvent(streamId, index)]);
  }
}

export async function readWhole(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll({ batchSize: 7 })) out.push(...batch);
  return out;
}
