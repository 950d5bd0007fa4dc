import type { Provider } from '@nestjs/common';
import { openSqliteFile } from '@chidao/event-store';
import { componentEngines, type Stores } from '@chidao/runtime';
import type Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { STORES } from './event-store.providers';
import { PostgresIdempotencyStore } from './postgres-idempotency.store';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'in_progress' }
  | { kind: 'done'; fingerprint: string; status: number; body: unknown };

/**
 * Remembers the first answer to each (user, Idempotency-Key), so a retried command returns it
 * and appends nothing. A key is claimed before the command runs, which also stops two
 * simultaneous retries from both executing, across every process sharing the store.
 */
export interface IdempotencyStore {
  claim(userId: string, key: string, fingerprint: string): Promise<IdempotencyClaim>;
  complete(userId: string, key: string, status: number, body: unknown): Promise<void>;
  /** The command failed: forget the claim so a retry runs it again. */
  release(userId: string, key: string): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

/**
 * Beside the log: a file of the data directory when the log is SQLite (one machine), the shared
 * database when it is PostgreSQL (a retry may reach another API instance).
 */
export const idempotencyStoreProvider: Provider = {
  provide: IDEMPOTENCY_STORE,
  inject: [APP_CONFIG, CLOCK, STORES],
  useFactory: (config: AppConfig, clock: Clock, stores: Stores): Promise<IdempotencyStore> =>
    componentEngines(config.deployment).idempotencyKeys === 'postgres'
      ? PostgresIdempotencyStore.open(stores.pool!, clock)
      : Promise.resolve(SqliteIdempotencyStore.open(config.dataDir, clock)),
};

/** The embedded deployment's store: `idempotency.sqlite` in the data directory. */
class SqliteIdempotencyStore implements IdempotencyStore {
  private closed = false;

  static open(dataDir: string, clock: Clock): SqliteIdempotencyStore {
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
    return new SqliteIdempotencyStore(db, clock);
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {}

  async claim(userId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const inserted = this.db
      .prepare(
        'INSERT OR IGNORE INTO idempotency_keys (user_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(userId, key, fingerprint, this.clock.now().toISOString());
    if (inserted.changes === 1) return { kind: 'claimed' };
    const row = this.db
      .prepare(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = ? AND key = ?',
      )
      .get(userId, key) as { fingerprint: string; status: number | null; body: string | null };
    if (row.status === null) return { kind: 'in_progress' };
    return {
      kind: 'done',
      fingerprint: row.fingerprint,
      status: row.status,
      body: row.body === null ? null : JSON.parse(row.body),
    };
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    this.db
      .prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE user_id = ? AND key = ?')
      .run(status, JSON.stringify(body ?? null), userId, key);
  }

  async release(userId: string, key: string): Promise<void> {
    this.db
      .prepare('DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status IS NULL')
      .run(userId, key);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
