import type Database from 'better-sqlite3';
import { insertOnlyTriggers, openSqliteFile } from '@chidao/event-store';
import type { ReportSnapshot } from '../report.types';
import {
  decodeSnapshotCursor,
  pageLimit,
  parseSnapshot,
  SNAPSHOT_SUMMARY_COLUMNS as SUMMARY,
  snapshotRowValues,
  toSnapshotPage,
  type SnapshotRow,
} from './snapshot-row';
import {
  SnapshotExistsError,
  type SnapshotListQuery,
  type SnapshotPage,
  type SnapshotStore,
} from './snapshot-store.port';

const SNAPSHOT_TABLE = 'report_snapshots';

/**
 * `json` holds the snapshot's canonical JSON exactly: reading it back gives the same digest.
 * The other columns are copies for filtering. Triggers make the table insert-only for anyone
 * going through SQL without dropping them; the digest (and verify) catch whoever does.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS ${SNAPSHOT_TABLE} (
  id          TEXT    PRIMARY KEY,
  period_id   TEXT    NOT NULL,
  period_type TEXT    NOT NULL,
  scope_key   TEXT    NOT NULL,
  agency      TEXT,
  position    INTEGER NOT NULL,
  taken_at    TEXT    NOT NULL,
  trigger     TEXT    NOT NULL,
  digest      TEXT    NOT NULL,
  json        TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ${SNAPSHOT_TABLE}_taken ON ${SNAPSHOT_TABLE} (taken_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${SNAPSHOT_TABLE}_period
  ON ${SNAPSHOT_TABLE} (period_id, scope_key, taken_at DESC, id DESC);
${insertOnlyTriggers(SNAPSHOT_TABLE)}`;

interface SqliteSnapshotStoreOptions {
  /** Usually the event store's file. */
  readonly path: string;
  readonly busyTimeoutMs?: number;
}

export class SqliteSnapshotStore implements SnapshotStore {
  private readonly db: Database.Database;
  private closed = false;

  static open(options: SqliteSnapshotStoreOptions): SqliteSnapshotStore {
    return new SqliteSnapshotStore(options);
  }

  private constructor(options: SqliteSnapshotStoreOptions) {
    this.db = openSqliteFile(options.path, { busyTimeoutMs: options.busyTimeoutMs, schema: DDL });
  }

  async save(snapshot: ReportSnapshot): Promise<void> {
    this.assertOpen();
    const values = snapshotRowValues(snapshot);
    const insert = this.db.prepare(
      `INSERT INTO ${SNAPSHOT_TABLE} (${SUMMARY}, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    const result = insert.run(...values);
    if (result.changes === 0) throw new SnapshotExistsError(snapshot.id);
  }

  async get(id: string): Promise<ReportSnapshot | null> {
    const json = await this.getJson(id);
    return json === null ? null : parseSnapshot(json);
  }

  async getJson(id: string): Promise<string | null> {
    this.assertOpen();
    const row = this.db
      .prepare<[string], { json: string }>(`SELECT json FROM ${SNAPSHOT_TABLE} WHERE id = ?`)
      .get(id);
    return row?.json ?? null;
  }

  async list(query: SnapshotListQuery): Promise<SnapshotPage> {
    this.assertOpen();
    const limit = pageLimit(query);
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.periodId !== undefined) {
      clauses.push('period_id = ?');
      params.push(query.periodId);
    }
    if (query.type !== undefined) {
      clauses.push('period_type = ?');
      params.push(query.type);
    }
    if (query.agency !== undefined) {
      clauses.push(query.agency === null ? 'agency IS NULL' : 'agency = ?');
      if (query.agency !== null) params.push(query.agency);
    }
    if (query.cursor) {
      const { takenAt, id } = decodeSnapshotCursor(query.cursor);
      clauses.push('(taken_at < ? OR (taken_at = ? AND id < ?))');
      params.push(takenAt, takenAt, id);
    }
    const where = clauses.length === 0 ? '1=1' : clauses.join(' AND ');
    const rows = this.db
      .prepare<unknown[], SnapshotRow>(
        `SELECT ${SUMMARY} FROM ${SNAPSHOT_TABLE} WHERE ${where}
         ORDER BY taken_at DESC, id DESC LIMIT ?`,
      )
      .all(...params, limit + 1);
    return toSnapshotPage(rows, limit);
  }

  async latestFor(periodId: string, scopeKey: string): Promise<ReportSnapshot | null> {
    this.assertOpen();
    const row = this.db
      .prepare<[string, string], { json: string }>(
        `SELECT json FROM ${SNAPSHOT_TABLE} WHERE period_id = ? AND scope_key = ?
         ORDER BY taken_at DESC, id DESC LIMIT 1`,
      )
      .get(periodId, scopeKey);
    return row ? parseSnapshot(row.json) : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteSnapshotStore is closed');
  }
}
