/**
 * The physical floor on SQLite: the same rows Chidao appends, inserted by raw better-sqlite3 in
 * one transaction per batch, into a bare table with the same unique (stream, version) key and the
 * same durability (WAL, synchronous FULL). No hashing, no checks.
 */
import Database from 'better-sqlite3';
import type { FloorRow } from '../../peers/postgresql/pg-floor';

/** Milliseconds to insert the rows, `batch` rows per transaction. */
export function insertRowsSqlite(file: string, rows: readonly FloorRow[], batch: number): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`create table events (position integer primary key, stream_id text not null,
      version integer not null, type text not null, data text not null, metadata text not null,
      occurred_on text not null, recorded_at text not null, unique (stream_id, version))`);
    const insert = db.prepare(
      'insert into events (stream_id, version, type, data, metadata, occurred_on, recorded_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const write = db.transaction((slice: readonly FloorRow[]) => {
      const now = new Date().toISOString();
      for (const r of slice) {
        insert.run(r.streamId, r.version, r.type, r.data, r.metadata, r.occurredOn, now);
      }
    });
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batch) write(rows.slice(i, i + batch));
    return performance.now() - started;
  } finally {
    db.close();
  }
}
