import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { openSqliteFile } from '@chidao/event-store';
import type Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'in_progress' }
  | { kind: 'done'; fingerprint: string; status: number; body: unknown };

/**
 * Remembers the first answer to each (user, Idempotency-Key), so a retried command returns it
 * and appends nothing. A key is claimed before the command runs, which also stops two
 * simultaneous retries from both executing, across processes sharing the file.
 */
@Injectable()
export class IdempotencyStore implements OnApplicationShutdown {
  private readonly db: Database.Database;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    this.db = openSqliteFile(path.join(config.dataDir, 'idempotency.sqlite'), {
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
  }

  claim(userId: string, key: string, fingerprint: string): IdempotencyClaim {
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

  complete(userId: string, key: string, status: number, body: unknown): void {
    this.db
      .prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE user_id = ? AND key = ?')
      .run(status, JSON.stringify(body ?? null), userId, key);
  }

  /** The command failed: forget the claim so a retry runs it again. */
  release(userId: string, key: string): void {
    this.db
      .prepare('DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status IS NULL')
      .run(userId, key);
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
