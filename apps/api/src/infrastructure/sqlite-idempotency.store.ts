import { openSqliteFile } from '@chidao/event-store';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../common/clock';
import type { ClaimRequest, IdempotencyClaim, IdempotencyStore } from './idempotency.store';

/** Columns added after the first release: a file created by it gains them on open. */
const ADDED_COLUMNS: readonly (readonly [string, string])[] = [
  ['owner', 'TEXT'],
  ['owner_pid', 'INTEGER'],
  ['lease_until', 'TEXT'],
  ['after_position', 'INTEGER'],
];

interface Row {
  fingerprint: string;
  status: number | null;
  body: string | null;
}

/**
 * The embedded deployment's store: `idempotency.sqlite` in the data directory, used by the one
 * API process of that directory. Times are ISO-8601 UTC text from the app's clock, which
 * compares in time order.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  /** This opened store: a claim it takes is this incarnation's, whatever the process's pid. */
  private readonly owner = randomUUID();
  private closed = false;

  /**
   * Opens (or creates) the file and recovers the claims of dead processes: the embedded
   * deployment is one process, so a running claim whose owner process is gone, or which this
   * process's previous incarnation left (the same pid after a restart in a container), can only
   * be a crash's leftover. Its lease is ended, so the next retry takes it over at once.
   */
  static open(dataDir: string, clock: Clock, leaseMs: number): SqliteIdempotencyStore {
    fs.mkdirSync(dataDir, { recursive: true });
    const db = openSqliteFile(path.join(dataDir, 'idempotency.sqlite'), {
      schema: `CREATE TABLE IF NOT EXISTS idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER,
        body TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      )`,
    });
    try {
      db.transaction(() => {
        const columns = new Set(
          (db.pragma('table_info(idempotency_keys)') as { name: string }[]).map((c) => c.name),
        );
        for (const [name, type] of ADDED_COLUMNS) {
          if (!columns.has(name))
            db.exec(`ALTER TABLE idempotency_keys ADD COLUMN ${name} ${type}`);
        }
        db.exec(
          'CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at)',
        );
      }).immediate();
    } catch (error) {
      db.close();
      throw error;
    }
    const store = new SqliteIdempotencyStore(db, clock, leaseMs);
    store.recoverDeadClaims();
    return store;
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  private recoverDeadClaims(): void {
    const owners = this.db
      .prepare(
        'SELECT DISTINCT owner, owner_pid FROM idempotency_keys WHERE status IS NULL AND owner IS NOT NULL',
      )
      .all() as { owner: string; owner_pid: number | null }[];
    const end = this.db.prepare(
      "UPDATE idempotency_keys SET lease_until = '' WHERE owner = ? AND status IS NULL",
    );
    for (const { owner, owner_pid: pid } of owners) {
      if (owner !== this.owner && (pid === null || pid === process.pid || !isAlive(pid))) {
        end.run(owner);
      }
    }
  }

  async claim(request: ClaimRequest): Promise<IdempotencyClaim> {
    const { userId, key, fingerprint, afterPosition } = request;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const inserted = this.db
      .prepare(
        `INSERT OR IGNORE INTO idempotency_keys
           (user_id, key, fingerprint, created_at, owner, owner_pid, lease_until, after_position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        userId,
        key,
        fingerprint,
        now.toISOString(),
        this.owner,
        process.pid,
        leaseUntil,
        afterPosition,
      );
    if (inserted.changes === 1) return { kind: 'claimed' };
    // A running claim whose lease ran out (or was ended at start) is this request's now; the
    // dead attempt's after_position stays, since its events would be after it.
    const taken = this.db
      .prepare(
        `UPDATE idempotency_keys SET owner = ?, owner_pid = ?, lease_until = ?
         WHERE user_id = ? AND key = ? AND status IS NULL AND fingerprint = ?
           AND (lease_until IS NULL OR lease_until <= ?)
         RETURNING after_position`,
      )
      .get(this.owner, process.pid, leaseUntil, userId, key, fingerprint, now.toISOString()) as
      { after_position: number | null } | undefined;
    if (taken) return { kind: 'taken_over', afterPosition: taken.after_position };
    const row = this.db
      .prepare(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = ? AND key = ?',
      )
      .get(userId, key) as Row;
    if (row.status === null) return { kind: 'in_progress', fingerprint: row.fingerprint };
    return {
      kind: 'done',
      fingerprint: row.fingerprint,
      status: row.status,
      body: row.body === null ? null : JSON.parse(row.body),
    };
  }

  async renew(userId: string, key: string): Promise<boolean> {
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    const renewed = this.db
      .prepare(
        `UPDATE idempotency_keys SET lease_until = ?
         WHERE user_id = ? AND key = ? AND owner = ? AND status IS NULL`,
      )
      .run(leaseUntil, userId, key, this.owner);
    return renewed.changes === 1;
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    this.db
      .prepare(
        `UPDATE idempotency_keys SET status = ?, body = ?, lease_until = NULL
         WHERE user_id = ? AND key = ? AND owner = ? AND status IS NULL`,
      )
      .run(status, JSON.stringify(body ?? null), userId, key, this.owner);
  }

  async release(userId: string, key: string): Promise<void> {
    this.db
      .prepare(
        'DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND owner = ? AND status IS NULL',
      )
      .run(userId, key, this.owner);
  }

  async prune(createdBefore: Date): Promise<number> {
    const pruned = this.db
      .prepare(
        `DELETE FROM idempotency_keys WHERE created_at < ?
           AND (status IS NOT NULL OR lease_until IS NULL OR lease_until <= ?)`,
      )
      .run(createdBefore.toISOString(), this.clock.now().toISOString());
    return pruned.changes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Whether a process with this pid runs on this machine (EPERM: it does, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
