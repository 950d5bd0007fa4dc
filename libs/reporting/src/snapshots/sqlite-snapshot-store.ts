import type Database from 'better-sqlite3';
import { canonicalJson, insertOnlyTriggers, openSqliteFile } from '@chidao/event-store';
import type { ReportSnapshot } from '../report.types';
import {
  scopeKeyOf,
  SnapshotExistsError,
  type SnapshotListQuery,
  type SnapshotPage,
  type SnapshotStore,
  type SnapshotSummary,
} from './snapshot-store.port';

export const SNAPSHOT_TABLE = 'report_snapshots';

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

interface Row {
  id: string;
  period_id: string;
  period_type: string;
  scope_key: string;
  agency: string | null;
  position: number;
  taken_at: string;
  trigger: string;
  digest: string;
}

const SUMMARY =
  'id, period_id, period_type, scope_key, agency, position, taken_at, trigger, digest';
const MAX_LIMIT = 200;

export interface SqliteSnapshotStoreOptions {
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
    const json = canonicalJson(snapshot);
    const insert = this.db.prepare(
      `INSERT INTO ${SNAPSHOT_TABLE} (${SUMMARY}, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    const result = insert.run(
      snapshot.id,
      snapshot.period.id,
      snapshot.period.type,
      scopeKeyOf(snapshot.scope),
      snapshot.scope.agency,
      snapshot.position,
      snapshot.takenAt,
      snapshot.trigger,
      snapshot.digest,
      json,
    );
    if (result.changes === 0) throw new SnapshotExistsError(snapshot.id);
  }

  async get(id: string): Promise<ReportSnapshot | null> {
    const json = await this.getJson(id);
    return json === null ? null : (JSON.parse(json) as ReportSnapshot);
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
    const limit = query.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new TypeError(`limit must be an integer in 1..${MAX_LIMIT}`);
    }
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
      const { takenAt, id } = decodeCursor(query.cursor);
      clauses.push('(taken_at < ? OR (taken_at = ? AND id < ?))');
      params.push(takenAt, takenAt, id);
    }
    const where = clauses.length === 0 ? '1=1' : clauses.join(' AND ');
    const rows = this.db
      .prepare<unknown[], Row>(
        `SELECT ${SUMMARY} FROM ${SNAPSHOT_TABLE} WHERE ${where}
         ORDER BY taken_at DESC, id DESC LIMIT ?`,
      )
      .all(...params, limit + 1);
    const page = rows.slice(0, limit).map(toSummary);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rows.length > limit && last ? encodeCursor(last.takenAt, last.id) : null,
    };
  }

  async latestFor(periodId: string, scopeKey: string): Promise<ReportSnapshot | null> {
    this.assertOpen();
    const row = this.db
      .prepare<[string, string], { json: string }>(
        `SELECT json FROM ${SNAPSHOT_TABLE} WHERE period_id = ? AND scope_key = ?
         ORDER BY taken_at DESC, id DESC LIMIT 1`,
      )
      .get(periodId, scopeKey);
    return row ? (JSON.parse(row.json) as ReportSnapshot) : null;
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

function toSummary(row: Row): SnapshotSummary {
  return {
    id: row.id,
    periodId: row.period_id,
    periodType: row.period_type as SnapshotSummary['periodType'],
    scopeKey: row.scope_key,
    agency: row.agency,
    position: row.position,
    takenAt: row.taken_at,
    trigger: row.trigger,
    digest: row.digest,
  };
}

const encodeCursor = (takenAt: string, id: string): string =>
  Buffer.from(JSON.stringify([takenAt, id]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { takenAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { takenAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new TypeError('Invalid cursor');
}
