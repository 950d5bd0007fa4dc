/**
 * Tampering with a SQLite log file the way someone holding the file and sqlite3 would, for the
 * tests of whatever must catch it (verify, anchors, snapshot digests). Every edit opens its own
 * connection, drops the insert-only triggers of the log and its anchors first and runs in one
 * transaction, so a running store sees it whole or not at all.
 */
import Database from 'better-sqlite3';
import { computeEventHash, GENESIS_HASH } from '../event-hash';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../event-row';

const GUARDED_TABLES = ['event_log', 'log_anchors'];

export class SqliteLogTamper {
  constructor(readonly file: string) {}

  /** Runs `work` on the unguarded file in one transaction. */
  edit<T>(work: (db: Database.Database) => T): T {
    const db = new Database(this.file);
    try {
      for (const table of GUARDED_TABLES) {
        db.exec(
          `DROP TRIGGER IF EXISTS ${table}_no_update; DROP TRIGGER IF EXISTS ${table}_no_delete;`,
        );
      }
      return db.transaction(() => work(db))();
    } finally {
      db.close();
    }
  }

  /** One statement; throws when it changed no row, so a test never checks an edit that missed. */
  run(sql: string, ...params: unknown[]): number {
    const changes = this.edit((db) => db.prepare(sql).run(...params).changes);
    if (changes === 0) throw new Error(`tamper changed nothing: ${sql}`);
    return changes;
  }

  updateEventData(position: number, data: unknown): void {
    this.run('UPDATE event_log SET data = ? WHERE position = ?', JSON.stringify(data), position);
  }

  deleteEvent(position: number): void {
    this.run('DELETE FROM event_log WHERE position = ?', position);
  }

  swapEventData(a: number, b: number): void {
    this.edit((db) => {
      const get = db.prepare<[number], { data: string }>(
        'SELECT data FROM event_log WHERE position = ?',
      );
      const dataA = get.get(a)?.data;
      const dataB = get.get(b)?.data;
      const set = db.prepare('UPDATE event_log SET data = ? WHERE position = ?');
      set.run(dataB, a);
      set.run(dataA, b);
    });
  }

  /** Deletes every event of a stream; returns the positions it held (throws when none). */
  deleteStream(streamId: string): number[] {
    return this.edit((db) => deleteStream(db, streamId));
  }

  /** Deletes every event after `position` (the log cut short). */
  deleteAfter(position: number): void {
    this.edit((db) => db.prepare('DELETE FROM event_log WHERE position > ?').run(position));
  }

  /**
   * The careful attacker: renumbers positions to 1..n (closing every gap) and recomputes every
   * stream's hash chain with the library's own computeEventHash, so that verifyLog passes.
   */
  renumberAndRehash(): void {
    this.edit(renumberAndRehash);
  }

  /** Recomputes every stream's chain as stored (after an edit, to hide it from verifyLog). */
  rehash(): void {
    this.edit((db) => rehash(db));
  }

  /**
   * The careful forger: rewrites one event's data and recomputes its stream's hash chain, so
   * that verify without anchors finds nothing; only digests taken before can tell.
   */
  forgeEventData(position: number, data: unknown): void {
    this.edit((db) => {
      const changed = db
        .prepare('UPDATE event_log SET data = ? WHERE position = ?')
        .run(JSON.stringify(data), position);
      if (changed.changes === 0) throw new Error(`tamper: no event at position ${position}`);
      const { stream_id: streamId } = db
        .prepare<[number], { stream_id: string }>(
          'SELECT stream_id FROM event_log WHERE position = ?',
        )
        .get(position)!;
      rehash(db, streamId);
    });
  }

  /**
   * The careful attacker's whole job in one transaction: deletes a stream, renumbers and
   * rehashes, so chains and positions all check. Returns the positions the stream held.
   */
  eraseStream(streamId: string): number[] {
    return this.edit((db) => {
      const positions = deleteStream(db, streamId);
      renumberAndRehash(db);
      return positions;
    });
  }
}

function deleteStream(db: Database.Database, streamId: string): number[] {
  const positions = db
    .prepare<[string], { position: number }>(
      'SELECT position FROM event_log WHERE stream_id = ? ORDER BY position',
    )
    .all(streamId)
    .map((row) => row.position);
  if (positions.length === 0) throw new Error(`tamper: no event in stream ${streamId}`);
  db.prepare('DELETE FROM event_log WHERE stream_id = ?').run(streamId);
  return positions;
}

function renumberAndRehash(db: Database.Database): void {
  const rows = db
    .prepare<[], { position: number }>('SELECT position FROM event_log ORDER BY position')
    .all();
  const move = db.prepare('UPDATE event_log SET position = ? WHERE position = ?');
  // Ascending: every target position is free by the time its row moves down.
  rows.forEach((row, i) => {
    if (row.position !== i + 1) move.run(i + 1, row.position);
  });
  rehash(db);
}

/** Every stream's chain (or one stream's), recomputed from the rows as they now stand. */
function rehash(db: Database.Database, streamId?: string): void {
  const rows =
    streamId === undefined
      ? db.prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM event_log ORDER BY position`).all()
      : db
          .prepare<[string], EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM event_log WHERE stream_id = ? ORDER BY stream_version`,
          )
          .all(streamId);
  const tips = new Map<string, string>();
  const setHash = db.prepare('UPDATE event_log SET hash = ? WHERE position = ?');
  for (const row of rows) {
    const hash = computeEventHash(toStoredEvent(row), tips.get(row.stream_id) ?? GENESIS_HASH);
    setHash.run(hash, row.position);
    tips.set(row.stream_id, hash);
  }
}
