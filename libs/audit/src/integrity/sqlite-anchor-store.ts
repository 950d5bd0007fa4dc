import type Database from 'better-sqlite3';
import { insertOnlyTriggers, openSqliteFile } from '@chidao/event-store';
import {
  ANCHOR_COLUMNS as COLUMNS,
  anchorRowValues,
  assertInsertableAnchor,
  extendsChain,
  toAnchor,
  type AnchorRow,
} from './anchor-row';
import type { AnchorListQuery, AnchorStore, InsertAnchorResult } from './anchor-store.port';
import type { Anchor } from './log-anchor';

const ANCHOR_TABLE = 'log_anchors';

/**
 * One row per Vietnam day, in the log's own SQLite file. Triggers make the table insert-only for
 * anyone going through SQL without dropping them; the anchor chain (and paper copies of anchors)
 * catch whoever does.
 */
const TABLE_DDL = `
CREATE TABLE IF NOT EXISTS ${ANCHOR_TABLE} (
  day                    TEXT    PRIMARY KEY,
  position               INTEGER NOT NULL,
  log_digest             TEXT    NOT NULL,
  previous_anchor_digest TEXT    NOT NULL,
  anchor_digest          TEXT    NOT NULL UNIQUE,
  created_at             TEXT    NOT NULL
);`;
const DDL = `${TABLE_DDL}
CREATE INDEX IF NOT EXISTS ${ANCHOR_TABLE}_position ON ${ANCHOR_TABLE} (position, day);
${insertOnlyTriggers(ANCHOR_TABLE)}`;

type Row = AnchorRow & { position: number };

interface SqliteAnchorStoreOptions {
  /** Usually the event store's file. */
  readonly path: string;
  readonly busyTimeoutMs?: number;
  /**
   * Opens an existing file read-only, creating nothing in it (the audit CLI); every insert is
   * refused. A file without the anchors table reads as one without anchors.
   */
  readonly readonly?: boolean;
}

export class SqliteAnchorStore implements AnchorStore {
  private readonly db: Database.Database;
  private readonly readOnly: boolean;
  private closed = false;
  private readonly latestStmt: Database.Statement<[], Row>;
  private readonly dayStmt: Database.Statement<[string], Row>;
  private readonly upToStmt: Database.Statement<[number], Row>;
  private readonly insertStmt: Database.Statement<unknown[]>;
  private readonly insertTransaction: Database.Transaction<(anchor: Anchor) => InsertAnchorResult>;

  static open(options: SqliteAnchorStoreOptions): SqliteAnchorStore {
    return new SqliteAnchorStore(options);
  }

  private constructor(options: SqliteAnchorStoreOptions) {
    this.readOnly = options.readonly ?? false;
    this.db = this.readOnly
      ? openReadonly(options.path, options.busyTimeoutMs)
      : openSqliteFile(options.path, { busyTimeoutMs: options.busyTimeoutMs, schema: DDL });
    this.latestStmt = this.db.prepare(
      `SELECT ${COLUMNS} FROM ${ANCHOR_TABLE} ORDER BY day DESC LIMIT 1`,
    );
    this.dayStmt = this.db.prepare(`SELECT ${COLUMNS} FROM ${ANCHOR_TABLE} WHERE day = ?`);
    this.upToStmt = this.db.prepare(
      `SELECT ${COLUMNS} FROM ${ANCHOR_TABLE} WHERE position <= ? ORDER BY day DESC LIMIT 1`,
    );
    this.insertStmt = this.db.prepare(
      `INSERT INTO ${ANCHOR_TABLE} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (day) DO NOTHING`,
    );
    this.insertTransaction = this.db.transaction((anchor: Anchor) => this.insertNow(anchor));
  }

  async insert(anchor: Anchor): Promise<InsertAnchorResult> {
    this.assertOpen();
    if (this.readOnly) throw new Error('SqliteAnchorStore was opened read-only');
    assertInsertableAnchor(anchor);
    // IMMEDIATE: the day check, the chain check and the insert see one state of the table.
    return this.insertTransaction.immediate(anchor);
  }

  async latest(): Promise<Anchor | null> {
    this.assertOpen();
    return orNull(this.latestStmt.get());
  }

  async forDay(day: string): Promise<Anchor | null> {
    this.assertOpen();
    return orNull(this.dayStmt.get(day));
  }

  async list(query: AnchorListQuery = {}): Promise<Anchor[]> {
    this.assertOpen();
    const rows = this.db
      .prepare<[string, string], Row>(
        `SELECT ${COLUMNS} FROM ${ANCHOR_TABLE} WHERE day >= ? AND day <= ? ORDER BY day`,
      )
      .all(query.from ?? '', query.to ?? '\uffff');
    return rows.map(toAnchor);
  }

  async upTo(position: number): Promise<Anchor | null> {
    this.assertOpen();
    if (!Number.isSafeInteger(position)) throw new TypeError('upTo: position must be an integer');
    return orNull(this.upToStmt.get(position));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private insertNow(anchor: Anchor): InsertAnchorResult {
    const sameDay = orNull(this.dayStmt.get(anchor.day));
    if (sameDay) return { status: 'day_taken', anchor: sameDay };
    const latest = orNull(this.latestStmt.get());
    if (!extendsChain(anchor, latest)) return { status: 'stale', latest };
    const result = this.insertStmt.run(...anchorRowValues(anchor));
    if (result.changes === 0) {
      // Unreachable inside IMMEDIATE, kept so a lost insert can never pass for a stored one.
      throw new Error(`anchor ${anchor.day}: insert did not land`);
    }
    return { status: 'inserted', anchor: orNull(this.dayStmt.get(anchor.day)) as Anchor };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteAnchorStore is closed');
  }
}

function openReadonly(path: string, busyTimeoutMs: number | undefined): Database.Database {
  const db = openSqliteFile(path, { busyTimeoutMs, readonly: true });
  try {
    const exists = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(ANCHOR_TABLE);
    // An empty stand-in in the connection's TEMP schema (writable even on a read-only file), so
    // a log no anchor was ever taken for is verified as one with no anchors.
    if (!exists) db.exec(TABLE_DDL.replace('CREATE TABLE IF NOT EXISTS', 'CREATE TEMP TABLE'));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const orNull = (row: Row | undefined): Anchor | null => (row ? toAnchor(row) : null);
