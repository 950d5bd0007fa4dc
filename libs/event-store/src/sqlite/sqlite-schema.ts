import { insertOnlyTriggers } from './sqlite-file';

export const EVENT_TABLE = 'event_log';

/**
 * The log. `position` is the rowid, assigned explicitly inside the write transaction as
 * head + 1: a rolled-back transaction leaves nothing, so positions stay gap-free.
 * The triggers make the table append-only for everything that goes through SQL without first
 * dropping them; the hash chain is what detects someone who does.
 */
/** Created when missing, safe from several processes at once; PRAGMA user_version is left to read models sharing the file. */
export const EVENT_SCHEMA = `
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
${insertOnlyTriggers(EVENT_TABLE, 'append-only')}`;
