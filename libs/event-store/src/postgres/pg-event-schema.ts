import type { Migration } from './pg-migrations';

/** The component name of the log's migrations in `chidao_schema_migrations`. */
export const EVENT_STORE_COMPONENT = 'event-store';
export const PG_EVENT_TABLE = 'event_log';
/** One row: the last position handed out. Its row lock is what orders appends (see pg-event-store.ts). */
export const PG_HEAD_TABLE = 'event_log_head';

/**
 * The log's schema, in the order it was shipped; never edit one, add the next. Data and metadata
 * are the canonical JSON text the hash covers: jsonb would reorder keys and normalise numbers,
 * and refuses \u0000, so the bytes read back could differ from the bytes hashed. Query them with
 * `data::jsonb`. The triggers refuse UPDATE, DELETE and TRUNCATE to everything that does not
 * first disable them (the table owner or a superuser can); the hash chain is what catches those.
 */
export const eventStoreMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'event log, head counter, append-only triggers',
    sql: `
CREATE TABLE ${PG_EVENT_TABLE} (
  position       bigint      PRIMARY KEY,
  stream_id      text        NOT NULL,
  stream_version integer     NOT NULL,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  data           text        NOT NULL,
  metadata       text        NOT NULL,
  occurred_on    date        NOT NULL,
  recorded_at    timestamptz NOT NULL,
  hash           text        NOT NULL,
  UNIQUE (stream_id, stream_version)
);

CREATE TABLE ${PG_HEAD_TABLE} (
  singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  position    bigint      NOT NULL,
  recorded_at timestamptz NOT NULL
);
INSERT INTO ${PG_HEAD_TABLE} (position, recorded_at) VALUES (0, '-infinity');

CREATE FUNCTION ${PG_EVENT_TABLE}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER ${PG_EVENT_TABLE}_append_only BEFORE UPDATE OR DELETE ON ${PG_EVENT_TABLE}
  FOR EACH ROW EXECUTE FUNCTION ${PG_EVENT_TABLE}_refuse_change();
CREATE TRIGGER ${PG_EVENT_TABLE}_no_truncate BEFORE TRUNCATE ON ${PG_EVENT_TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION ${PG_EVENT_TABLE}_refuse_change();
`,
  },
];
