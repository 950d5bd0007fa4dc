/**
 * Login sessions, beside the log and never in it: one row per login, whose refresh tokens form
 * its family. A rotation moves the row to its next generation by compare-and-set, so a refresh
 * token presented twice (stolen, or replayed) finds its generation gone and can end the family.
 * Rows change and are pruned, which the append-only log cannot do, and the user agents and
 * addresses they hold are not for auditors, exports or the Kafka topic.
 */
import { migrate, openSqliteFile, type Migration } from '@chidao/event-store';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';

export const LOGIN_SESSIONS_COMPONENT = 'login-sessions';

export type SessionEndReason = 'logout' | 'logout_all' | 'reuse' | 'revoked' | 'superseded';

export interface NewLoginSession {
  /** A random UUID chosen by the caller. */
  readonly sessionId: string;
  readonly userId: string;
  /** The user's session epoch when it began (an integer >= 0). */
  readonly epoch: number;
  readonly startedAt: Date;
  readonly expiresAt: Date;
  /** Stored cut to 200 characters. */
  readonly userAgent: string;
  /** Stored cut to 64 characters. */
  readonly address: string;
}

export interface LoginSession extends NewLoginSession {
  /** 0 at start, +1 at each rotation. */
  readonly generation: number;
  /** startedAt, then the time of the last rotation. */
  readonly lastUsedAt: Date;
  readonly endedAt: Date | null;
  readonly endReason: SessionEndReason | null;
}

export interface SessionStore {
  /**
   * Records a new session at generation 0. A second start with the same id throws
   * SessionAlreadyStarted and changes nothing.
   */
  start(session: NewLoginSession): Promise<void>;
  get(sessionId: string): Promise<LoginSession | null>;
  /**
   * Compare-and-set: moves the session from generation `from` to `from + 1`, sets lastUsedAt = at
   * and expiresAt, and returns the updated session — only if it is not ended, not expired at `at`,
   * and still at `from`. Otherwise returns null and changes nothing. Of two concurrent rotations
   * from the same generation exactly one succeeds, on PostgreSQL whatever the pools.
   */
  rotate(sessionId: string, from: number, at: Date, expiresAt: Date): Promise<LoginSession | null>;
  /** Ends one session; true if it was open (not already ended). An ended session stays ended. */
  end(sessionId: string, reason: SessionEndReason, at: Date): Promise<boolean>;
  /**
   * Ends every session of the user not already ended, expired ones included (as end() does),
   * optionally all but one; returns how many it ended.
   */
  endAllOf(userId: string, reason: SessionEndReason, at: Date, except?: string): Promise<number>;
  /** The user's sessions neither ended nor expired at `at`, newest start first. */
  listOpen(userId: string, at: Date): Promise<LoginSession[]>;
  /** Deletes sessions ended or expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
  close(): Promise<void>;
}

/** The same error from either engine, rather than each driver's own unique violation. */
export class SessionAlreadyStarted extends Error {
  constructor(readonly sessionId: string) {
    super(`Login session ${sessionId} was already started`);
    this.name = 'SessionAlreadyStarted';
  }
}

/** The headers are the client's to choose: a row stays small whatever it sends. */
const USER_AGENT_MAX = 200;
const ADDRESS_MAX = 64;

/** Shipped migrations never change: a change is a new entry. */
export const sessionMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'login_sessions',
    sql: `
CREATE TABLE login_sessions (
  session_id   text        PRIMARY KEY,
  user_id      text        NOT NULL,
  epoch        integer     NOT NULL,
  generation   integer     NOT NULL,
  started_at   timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  user_agent   text        NOT NULL,
  address      text        NOT NULL,
  ended_at     timestamptz,
  end_reason   text
);
CREATE INDEX login_sessions_user_id ON login_sessions (user_id);`,
  },
];

const COLUMNS = `session_id, user_id, epoch, generation, started_at, last_used_at, expires_at,
  user_agent, address, ended_at, end_reason`;

/* eslint-disable @typescript-eslint/require-await -- see the comment above start() */
/**
 * The embedded deployment's store: a table of the log's own SQLite file. Times are ISO strings
 * (toISOString, fixed width), so comparing the text compares the times.
 */
export class SqliteSessionStore implements SessionStore {
  private closed = false;

  static open(path: string): SqliteSessionStore {
    const db = openSqliteFile(path, {
      schema: `CREATE TABLE IF NOT EXISTS login_sessions (
        session_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        user_agent TEXT NOT NULL,
        address TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT
      );
      CREATE INDEX IF NOT EXISTS login_sessions_user_id ON login_sessions (user_id);`,
    });
    return new SqliteSessionStore(db);
  }

  private constructor(private readonly db: Database.Database) {}

  // better-sqlite3 is synchronous: the methods are async so that an error rejects, as the port
  // promises. Writes take the file's write lock first (IMMEDIATE), so that another process's
  // commit cannot leave them a stale read.
  async start(session: NewLoginSession): Promise<void> {
    const row = rowOf(session);
    const { changes } = this.write(() =>
      this.db
        .prepare(
          `INSERT INTO login_sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (session_id) DO NOTHING`,
        )
        .run(...row),
    );
    if (changes === 0) throw new SessionAlreadyStarted(session.sessionId);
  }

  async get(sessionId: string): Promise<LoginSession | null> {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM login_sessions WHERE session_id = ?`)
      .get(sessionId) as Row | undefined;
    return row ? sessionOf(row) : null;
  }

  async rotate(
    sessionId: string,
    from: number,
    at: Date,
    expiresAt: Date,
  ): Promise<LoginSession | null> {
    const row = this.write(
      () =>
        this.db
          .prepare(
            `UPDATE login_sessions
             SET generation = generation + 1, last_used_at = ?, expires_at = ?
             WHERE session_id = ? AND generation = ? AND ended_at IS NULL AND expires_at > ?
             RETURNING ${COLUMNS}`,
          )
          .get(at.toISOString(), expiresAt.toISOString(), sessionId, from, at.toISOString()) as
          Row | undefined,
    );
    return row ? sessionOf(row) : null;
  }

  async end(sessionId: string, reason: SessionEndReason, at: Date): Promise<boolean> {
    const { changes } = this.write(() =>
      this.db
        .prepare(
          `UPDATE login_sessions SET ended_at = ?, end_reason = ?
           WHERE session_id = ? AND ended_at IS NULL`,
        )
        .run(at.toISOString(), reason, sessionId),
    );
    return changes > 0;
  }

  async endAllOf(
    userId: string,
    reason: SessionEndReason,
    at: Date,
    except?: string,
  ): Promise<number> {
    const { changes } = this.write(() =>
      this.db
        .prepare(
          `UPDATE login_sessions SET ended_at = ?, end_reason = ?
           WHERE user_id = ? AND ended_at IS NULL AND session_id IS NOT ?`,
        )
        .run(at.toISOString(), reason, userId, except ?? null),
    );
    return changes;
  }

  async listOpen(userId: string, at: Date): Promise<LoginSession[]> {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM login_sessions
         WHERE user_id = ? AND ended_at IS NULL AND expires_at > ?
         ORDER BY started_at DESC, session_id DESC`,
      )
      .all(userId, at.toISOString()) as Row[];
    return rows.map(sessionOf);
  }

  async prune(before: Date): Promise<number> {
    const { changes } = this.write(() =>
      this.db
        .prepare('DELETE FROM login_sessions WHERE ended_at < ? OR expires_at < ?')
        .run(before.toISOString(), before.toISOString()),
    );
    return changes;
  }

  close(): Promise<void> {
    if (!this.closed) this.db.close();
    this.closed = true;
    return Promise.resolve();
  }

  private write<T>(statement: () => T): T {
    return this.db.transaction(statement).immediate();
  }
}
/* eslint-enable @typescript-eslint/require-await */

/** The distributed deployment's store: `login_sessions` in the database beside the log. */
export class PostgresSessionStore implements SessionStore {
  /** Runs the missing migrations on the process's shared pool (not ended by close). */
  static async open(pool: Pool): Promise<PostgresSessionStore> {
    await migrate(pool, LOGIN_SESSIONS_COMPONENT, sessionMigrations);
    return new PostgresSessionStore(pool);
  }

  private constructor(private readonly pool: Pool) {}

  async start(session: NewLoginSession): Promise<void> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO login_sessions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (session_id) DO NOTHING`,
      rowOf(session),
    );
    if (rowCount === 0) throw new SessionAlreadyStarted(session.sessionId);
  }

  async get(sessionId: string): Promise<LoginSession | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM login_sessions WHERE session_id = $1`,
      [sessionId],
    );
    return rows[0] ? sessionOf(rows[0]) : null;
  }

  /**
   * One statement: a concurrent rotation holds the row until it commits, then this one
   * re-checks the WHERE against the row it left (READ COMMITTED) and matches nothing.
   */
  async rotate(
    sessionId: string,
    from: number,
    at: Date,
    expiresAt: Date,
  ): Promise<LoginSession | null> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE login_sessions
       SET generation = generation + 1, last_used_at = $3, expires_at = $4
       WHERE session_id = $1 AND generation = $2 AND ended_at IS NULL AND expires_at > $3
       RETURNING ${COLUMNS}`,
      [sessionId, from, at.toISOString(), expiresAt.toISOString()],
    );
    return rows[0] ? sessionOf(rows[0]) : null;
  }

  async end(sessionId: string, reason: SessionEndReason, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE login_sessions SET ended_at = $3, end_reason = $2
       WHERE session_id = $1 AND ended_at IS NULL`,
      [sessionId, reason, at.toISOString()],
    );
    return (rowCount ?? 0) > 0;
  }

  async endAllOf(
    userId: string,
    reason: SessionEndReason,
    at: Date,
    except?: string,
  ): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE login_sessions SET ended_at = $3, end_reason = $2
       WHERE user_id = $1 AND ended_at IS NULL AND session_id IS DISTINCT FROM $4`,
      [userId, reason, at.toISOString(), except ?? null],
    );
    return rowCount ?? 0;
  }

  async listOpen(userId: string, at: Date): Promise<LoginSession[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM login_sessions
       WHERE user_id = $1 AND ended_at IS NULL AND expires_at > $2
       ORDER BY started_at DESC, session_id DESC`,
      [userId, at.toISOString()],
    );
    return rows.map(sessionOf);
  }

  async prune(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM login_sessions WHERE ended_at < $1 OR expires_at < $1',
      [before.toISOString()],
    );
    return rowCount ?? 0;
  }

  /** The pool belongs to the process's stores, which end it. */
  async close(): Promise<void> {}
}

interface Row {
  session_id: string;
  user_id: string;
  epoch: number;
  generation: number;
  /** Text in SQLite, a Date from PostgreSQL's timestamptz. */
  started_at: string | Date;
  last_used_at: string | Date;
  expires_at: string | Date;
  user_agent: string;
  address: string;
  ended_at: string | Date | null;
  end_reason: SessionEndReason | null;
}

/** The values of a new row, in COLUMNS' order. */
function rowOf(session: NewLoginSession): (string | number | null)[] {
  if (!Number.isInteger(session.epoch) || session.epoch < 0) {
    throw new RangeError(`A session's epoch is an integer >= 0, got ${session.epoch}`);
  }
  const startedAt = session.startedAt.toISOString();
  return [
    session.sessionId,
    session.userId,
    session.epoch,
    0,
    startedAt,
    startedAt,
    session.expiresAt.toISOString(),
    cut(session.userAgent, USER_AGENT_MAX),
    cut(session.address, ADDRESS_MAX),
    null,
    null,
  ];
}

/** By code points, so that a cut never leaves half a surrogate pair. */
const cut = (text: string, max: number): string =>
  text.length <= max ? text : Array.from(text).slice(0, max).join('');

const dateOf = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

const sessionOf = (row: Row): LoginSession => ({
  sessionId: row.session_id,
  userId: row.user_id,
  epoch: row.epoch,
  generation: row.generation,
  startedAt: dateOf(row.started_at),
  lastUsedAt: dateOf(row.last_used_at),
  expiresAt: dateOf(row.expires_at),
  userAgent: row.user_agent,
  address: row.address,
  endedAt: row.ended_at === null ? null : dateOf(row.ended_at),
  endReason: row.end_reason,
});
