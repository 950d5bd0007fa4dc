/** Real SQLite files: the log and its anchors in one file, as in the embedded deployment. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  computeEventHash,
  openEventStore,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@chidao/event-store';
import { SqliteAnchorStore } from '../../src/integrity/sqlite-anchor-store';

/** Noon in Vietnam on a fixed day: nothing depends on today's date. */
export const at = (day: string, time = '12:00'): Date => new Date(`${day}T${time}:00+07:00`);

export function testEvent(streamId: string, index: number): NewEvent {
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

/**
 * Edits the file directly, as someone with the file and sqlite3 would: drops the triggers first.
 * Every method opens and closes its own connection.
 */
export class Tamper {
  constructor(private readonly file: string) {}

  private with<T>(work: (db: Database.Database) => T): T {
    const db = new Database(this.file);
    try {
      db.exec(
        'DROP TRIGGER IF EXISTS event_log_no_update; DROP TRIGGER IF EXISTS event_log_no_delete;',
      );
      db.exec(
        'DROP TRIGGER IF EXISTS log_anchors_no_update; DROP TRIGGER IF EXISTS log_anchors_no_delete;',
      );
      return db.transaction(() => work(db))();
    } finally {
      db.close();
    }
  }

  updateEventData(position: number, data: unknown): void {
    this.with((db) => {
      const r = db
        .prepare('UPDATE event_log SET data = ? WHERE position = ?')
        .run(JSON.stringify(data), position);
      expect(r.changes).toBe(1);
    });
  }

  deleteEvent(position: number): void {
    this.with((db) => {
      expect(db.prepare('DELETE FROM event_log WHERE position = ?').run(position).changes).toBe(1);
    });
  }

  swapEventData(a: number, b: number): void {
    this.with((db) => {
      const get = db.prepare<[number], { data: string }>(
        'SELECT data FROM event_log WHERE position = ?',
      );
      const da = get.get(a)?.data;
      const dbb = get.get(b)?.data;
      const set = db.prepare('UPDATE event_log SET data = ? WHERE position = ?');
      set.run(dbb, a);
      set.run(da, b);
    });
  }

  /** Deletes every event of a stream; returns the positions it held. */
  deleteStream(streamId: string): number[] {
    return this.with((db) => {
      const positions = db
        .prepare<[string], { position: number }>(
          'SELECT position FROM event_log WHERE stream_id = ? ORDER BY position',
        )
        .all(streamId)
        .map((r) => r.position);
      expect(positions.length).toBeGreaterThan(0);
      db.prepare('DELETE FROM event_log WHERE stream_id = ?').run(streamId);
      return positions;
    });
  }

  deleteAfter(position: number): void {
    this.with((db) => {
      db.prepare('DELETE FROM event_log WHERE position > ?').run(position);
    });
  }

  /**
   * The careful attacker: renumbers positions to 1..n (closing every gap) and recomputes every
   * stream's hash chain with the library's own computeEventHash, so that verifyLog passes.
   */
  renumberAndRehash(): void {
    this.with((db) => {
      const rows = db
        .prepare<[], { position: number }>('SELECT position FROM event_log ORDER BY position')
        .all();
      const move = db.prepare('UPDATE event_log SET position = ? WHERE position = ?');
      // Ascending: every target position is free by the time its row moves down.
      rows.forEach((row, i) => {
        if (row.position !== i + 1) move.run(i + 1, row.position);
      });
      rehashAll(db);
    });
  }

  /** Recomputes every stream's chain as stored (after an edit, to hide it from verifyLog). */
  rehash(): void {
    this.with(rehashAll);
  }

  raw<T>(work: (db: Database.Database) => T): T {
    return this.with(work);
  }
}

interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_on: string;
  recorded_at: string;
}

function rehashAll(db: Database.Database): void {
  const rows = db
    .prepare<[], EventRow>(
      `SELECT position, stream_id, stream_version, type, schema_version, data, metadata,
              occurred_on, recorded_at FROM event_log ORDER BY position`,
    )
    .all();
  const tips = new Map<string, string>();
  const setHash = db.prepare('UPDATE event_log SET hash = ? WHERE position = ?');
  for (const row of rows) {
    const hash = computeEventHash(
      {
        position: row.position,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        type: row.type,
        schemaVersion: row.schema_version,
        data: JSON.parse(row.data),
        metadata: JSON.parse(row.metadata),
        occurredOn: row.occurred_on,
        recordedAt: row.recorded_at,
      },
      tips.get(row.stream_id) ?? '0'.repeat(64),
    );
    setHash.run(hash, row.position);
    tips.set(row.stream_id, hash);
  }
}
