import type Database from 'better-sqlite3';

export const EVENT_TABLE = 'event_log';

/**
 * The log. `position` is the rowid, assigned explicitly inside the write transaction as
 * head + 1: a rolled-back transaction leaves nothing, so positions stay gap-free.
 * The triggers make the table append-only for everything that goes through SQL without first
 * dropping them; the hash chain is what detects someone who does.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS ${EVENT_TABLE} (
  position       INTEGER PRIMARY KEY,
  stream_id      TEXT    NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  occurred_on    TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE TRIGGER IF NOT EXISTS ${EVENT_TABLE}_no_update BEFORE UPDATE ON ${EVENT_TABLE}
BEGIN SELECT RAISE(ABORT, '${EVENT_TABLE} is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ${EVENT_TABLE}_no_delete BEFORE DELETE ON ${EVENT_TABLE}
BEGIN SELECT RAISE(ABORT, '${EVENT_TABLE} is append-only'); END;
`;

/**
 * Creates what is missing; safe to run from several processes at once. It leaves PRAGMA
 * user_version alone: read models may share the file and own that.
 */
export function ensureSchema(db: Database.Database): void {
  db.transaction(() => db.exec(DDL)).immediate();
}
