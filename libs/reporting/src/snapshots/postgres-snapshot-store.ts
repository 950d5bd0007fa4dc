import type { Pool } from 'pg';
import { openMigratedPool, type Migration, type PgAdapterOptions } from '@chidao/event-store';
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

export const REPORT_SNAPSHOTS_COMPONENT = 'report-snapshots';

/**
 * As in the SQLite adapter: `json` holds the whole snapshot's canonical JSON, so a field added to
 * ReportSnapshot later round-trips without a migration; the other columns are copies for
 * filtering. Text compares byte by byte (`COLLATE "C"`) so pages come in SQLite's order. The
 * triggers make the table insert-only for anyone going through SQL without dropping them; the
 * digest (and verify) catch whoever does. Shipped migrations never change.
 */
export const snapshotMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'report_snapshots, insert-only',
    sql: `
CREATE TABLE report_snapshots (
  id          text COLLATE "C" PRIMARY KEY,
  period_id   text COLLATE "C" NOT NULL,
  period_type text COLLATE "C" NOT NULL,
  scope_key   text COLLATE "C" NOT NULL,
  agency      text COLLATE "C",
  position    bigint NOT NULL,
  taken_at    text COLLATE "C" NOT NULL,
  trigger     text COLLATE "C" NOT NULL,
  digest      text NOT NULL,
  json        text NOT NULL
);
CREATE INDEX report_snapshots_taken ON report_snapshots (taken_at DESC, id DESC);
CREATE INDEX report_snapshots_period
  ON report_snapshots (period_id, scope_key, taken_at DESC, id DESC);
CREATE FUNCTION report_snapshots_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_snapshots is insert-only';
END $$;
CREATE TRIGGER report_snapshots_no_change BEFORE UPDATE OR DELETE ON report_snapshots
  FOR EACH ROW EXECUTE FUNCTION report_snapshots_insert_only();
CREATE TRIGGER report_snapshots_no_truncate BEFORE TRUNCATE ON report_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION report_snapshots_insert_only();`,
  },
];

interface PostgresSnapshotStoreOptions extends PgAdapterOptions {
  /** Schema holding `report_snapshots` (created when missing); default `public`. */
  readonly schema?: string;
}

export class PostgresSnapshotStore implements SnapshotStore {
  private closed = false;

  /** Opens (or shares) a pool and runs the missing migrations. */
  static async open(options: PostgresSnapshotStoreOptions): Promise<PostgresSnapshotStore> {
    const { pool, ownsPool } = await openMigratedPool(options, {
      component: REPORT_SNAPSHOTS_COMPONENT,
      migrations: snapshotMigrations,
      max: 4,
      applicationName: 'chidao-snapshots',
    });
    return new PostgresSnapshotStore(pool, ownsPool);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  async save(snapshot: ReportSnapshot): Promise<void> {
    this.assertOpen();
    const result = await this.pool.query(
      `INSERT INTO report_snapshots (${SUMMARY}, json)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING`,
      snapshotRowValues(snapshot),
    );
    if (result.rowCount === 0) throw new SnapshotExistsError(snapshot.id);
  }

  async get(id: string): Promise<ReportSnapshot | null> {
    const json = await this.getJson(id);
    return json === null ? null : parseSnapshot(json);
  }

  async getJson(id: string): Promise<string | null> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ json: string }>(
      'SELECT json FROM report_snapshots WHERE id = $1',
      [id],
    );
    return rows[0]?.json ?? null;
  }

  async list(query: SnapshotListQuery): Promise<SnapshotPage> {
    this.assertOpen();
    const limit = pageLimit(query);
    const clauses: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.periodId !== undefined) clauses.push(`period_id = ${bind(query.periodId)}`);
    if (query.type !== undefined) clauses.push(`period_type = ${bind(query.type)}`);
    if (query.agency !== undefined) {
      clauses.push(query.agency === null ? 'agency IS NULL' : `agency = ${bind(query.agency)}`);
    }
    if (query.cursor) {
      const { takenAt, id } = decodeSnapshotCursor(query.cursor);
      clauses.push(`(taken_at, id) < (${bind(takenAt)}, ${bind(id)})`);
    }
    const where = clauses.length === 0 ? 'TRUE' : clauses.join(' AND ');
    const { rows } = await this.pool.query<SnapshotRow>(
      `SELECT ${SUMMARY} FROM report_snapshots WHERE ${where}
       ORDER BY taken_at DESC, id DESC LIMIT ${bind(limit + 1)}`,
      params,
    );
    return toSnapshotPage(rows, limit);
  }

  async latestFor(periodId: string, scopeKey: string): Promise<ReportSnapshot | null> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ json: string }>(
      `SELECT json FROM report_snapshots WHERE period_id = $1 AND scope_key = $2
       ORDER BY taken_at DESC, id DESC LIMIT 1`,
      [periodId, scopeKey],
    );
    return rows.length === 0 ? null : parseSnapshot(rows[0].json);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresSnapshotStore is closed');
  }
}
