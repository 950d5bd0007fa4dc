import type Database from 'better-sqlite3';
import { insertOnlyTriggers, openSqliteFile } from '@chidao/event-store';
import {
  assertAnchorShape,
  computeAnchorDigest,
  GENESIS_ANCHOR_DIGEST,
  type Anchor,
} from './log-anchor';
import type { AnchorListQuery, AnchorStore, InsertAnchorResult } from './anchor-store.port';

export const ANCHOR_TABLE = 'log_anchors';

/**
 * One row per Vietnam day, in the log's own SQLite file. Triggers make the table insert-only for
 * anyone going through SQL without dropping them; the anchor chain (and paper copies of anchors)
 * catch whoever does.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS ${ANCHOR_TABLE} (
  day                    TEXT    PRIMARY KEY,
  position               INTEGER NOT NULL,
  log_digest             TEXT    NOT NULL,
  previous_anchor_digest TEXT    NOT NULL,
  anchor_digest          TEXT    NOT NULL UNIQUE,
  created_at             TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ${ANCHOR_TABLE}_position ON ${ANCHOR_TABLE} (position, day);
${insertOnlyTriggers(ANCHOR_TABLE)}`;

interface Row {
  day: string;
  position: number;
  log_digest: string;
  previous_anchor_digest: string;
  anchor_digest: string;
  created_at: string;
}

const COLUMNS = 'day, position, log_digest, previous_anchor_digest, anchor_digest, created_at';

export interface SqliteAnchorStoreOptions {
  /** Usually the event store's file. */
  readonly path: string;
  readonly busyTimeoutMs?: number;
}

export class SqliteAnchorStore implements AnchorStore {
  private readonly db: Database.Database;
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
    this.db = openSqliteFile(options.path, { busyTimeoutMs: options.busyTimeoutMs, schema: DDL });
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
    assertAnchorShape(anchor);
    if (computeAnchorDigest(anchor) !== anchor.anchorDigest) {
      throw new TypeError(`anchor ${anchor.day}: anchorDigest does not match its fields`);
    }
    // IMMEDIATE: the day check, the chain check and the insert see one state of the table.
    return this.insertTransaction.immediate(anchor);
  }

  async latest(): Promise<Anchor | null> {
    this.assertOpen();
    return toAnchor(this.latestStmt.get());
  }

  async forDay(day: string): Promise<Anchor | null> {
    this.assertOpen();
    return toAnchor(this.dayStmt.get(day));
  }

  async list(query: AnchorListQuery = {}): Promise<Anchor[]> {
    this.assertOpen();
    const rows = this.db
      .prepare<[string, string], Row>(
        `SELECT ${COLUMNS} FROM ${ANCHOR_TABLE} WHERE day >= ? AND day <= ? ORDER BY day`,
      )
      .all(query.from ?? '', query.to ?? '\uffff');
    return rows.map((row) => toAnchor(row) as Anchor);
  }

  async upTo(position: number): Promise<Anchor | null> {
    this.assertOpen();
    if (!Number.isSafeInteger(position)) throw new TypeError('upTo: position must be an integer');
    return toAnchor(this.upToStmt.get(position));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private insertNow(anchor: Anchor): InsertAnchorResult {
    const sameDay = toAnchor(this.dayStmt.get(anchor.day));
    if (sameDay) return { status: 'day_taken', anchor: sameDay };
    const latest = toAnchor(this.latestStmt.get());
    const extendsLatest =
      latest === null
        ? anchor.previousAnchorDigest === GENESIS_ANCHOR_DIGEST
        : anchor.previousAnchorDigest === latest.anchorDigest &&
          anchor.day > latest.day &&
          anchor.position >= latest.position;
    if (!extendsLatest) return { status: 'stale', latest };
    const result = this.insertStmt.run(
      anchor.day,
      anchor.position,
      anchor.logDigest,
      anchor.previousAnchorDigest,
      anchor.anchorDigest,
      anchor.createdAt,
    );
    if (result.changes === 0) {
      // Unreachable inside IMMEDIATE, kept so a lost insert can never pass for a stored one.
      throw new Error(`anchor ${anchor.day}: insert did not land`);
    }
    return { status: 'inserted', anchor: toAnchor(this.dayStmt.get(anchor.day)) as Anchor };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteAnchorStore is closed');
  }
}

function toAnchor(row: Row | undefined): Anchor | null {
  if (!row) return null;
  return {
    day: row.day,
    position: row.position,
    logDigest: row.log_digest,
    previousAnchorDigest: row.previous_anchor_digest,
    anchorDigest: row.anchor_digest,
    createdAt: row.created_at,
  };
}
