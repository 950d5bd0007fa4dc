import { migrate } from '@chidao/event-store';
import { IDEMPOTENCY_KEYS_COMPONENT, idempotencyMigrations } from '@chidao/runtime';
import type { Pool } from 'pg';
import type { Clock } from '../common/clock';
import type { IdempotencyClaim, IdempotencyStore } from './idempotency.store';

interface Row {
  fingerprint: string;
  status: number | null;
  body: string | null;
}

/**
 * The distributed deployment's store: `idempotency_keys` in the database every API instance
 * shares, so the same key sent to two instances runs the command once. The claim is an insert
 * on the primary key: of two instances claiming at once, exactly one inserts.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  /** Runs the missing migrations on the process's shared pool (not ended by close). */
  static async open(pool: Pool, clock: Clock): Promise<PostgresIdempotencyStore> {
    await migrate(pool, IDEMPOTENCY_KEYS_COMPONENT, idempotencyMigrations);
    return new PostgresIdempotencyStore(pool, clock);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async claim(userId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    // A claim released between our insert and our read leaves no row: claim again.
    for (;;) {
      const inserted = await this.pool.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key) DO NOTHING`,
        [userId, key, fingerprint, this.clock.now().toISOString()],
      );
      if (inserted.rowCount === 1) return { kind: 'claimed' };
      const { rows } = await this.pool.query<Row>(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [userId, key],
      );
      const row = rows[0];
      if (!row) continue;
      if (row.status === null) return { kind: 'in_progress' };
      return {
        kind: 'done',
        fingerprint: row.fingerprint,
        status: row.status,
        body: row.body === null ? null : JSON.parse(row.body),
      };
    }
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.pool.query(
      'UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND key = $4',
      [status, JSON.stringify(body ?? null), userId, key],
    );
  }

  async release(userId: string, key: string): Promise<void> {
    await this.pool.query(
      'DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status IS NULL',
      [userId, key],
    );
  }

  /** The pool belongs to the process's stores, which end it. */
  async close(): Promise<void> {}
}
