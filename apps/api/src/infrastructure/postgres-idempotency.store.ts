import { migrate } from '@chidao/event-store';
import { IDEMPOTENCY_KEYS_COMPONENT, idempotencyMigrations } from '@chidao/runtime';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Clock } from '../common/clock';
import type { ClaimRequest, IdempotencyClaim, IdempotencyStore } from './idempotency.store';

interface Row {
  fingerprint: string;
  status: number | null;
  body: string | null;
}

/**
 * The distributed deployment's store: `idempotency_keys` in the database every API instance
 * shares, so the same key sent to two instances runs the command once. The claim is an insert
 * on the primary key: of two instances claiming at once, exactly one inserts. A claim left by a
 * crashed instance is taken over once its lease runs out (another instance cannot tell a dead
 * owner from a slow one sooner). Leases compare the instances' clocks: keep them within seconds.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  /** This opened store: a claim it takes is this incarnation's. */
  private readonly owner = randomUUID();

  /** Runs the missing migrations on the process's shared pool (not ended by close). */
  static async open(pool: Pool, clock: Clock, leaseMs: number): Promise<PostgresIdempotencyStore> {
    await migrate(pool, IDEMPOTENCY_KEYS_COMPONENT, idempotencyMigrations);
    return new PostgresIdempotencyStore(pool, clock, leaseMs);
  }

  private constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  private leaseUntil(now: Date): string {
    return new Date(now.getTime() + this.leaseMs).toISOString();
  }

  async claim(request: ClaimRequest): Promise<IdempotencyClaim> {
    const { userId, key, fingerprint, afterPosition } = request;
    // A claim released between our insert and our read leaves no row: claim again.
    for (;;) {
      const now = this.clock.now();
      const inserted = await this.pool.query(
        `INSERT INTO idempotency_keys
           (user_id, key, fingerprint, created_at, owner, lease_until, after_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, key) DO NOTHING`,
        [
          userId,
          key,
          fingerprint,
          now.toISOString(),
          this.owner,
          this.leaseUntil(now),
          afterPosition,
        ],
      );
      if (inserted.rowCount === 1) return { kind: 'claimed' };
      // One UPDATE: of two instances taking over at once, the row lock lets one through and
      // the other then sees the renewed lease. A claim of an instance of the previous version
      // (no lease: it may still be running, in a rolling upgrade) counts one lease from its
      // creation.
      const taken = await this.pool.query<{ after_position: string | null }>(
        `UPDATE idempotency_keys SET owner = $1, lease_until = $2
         WHERE user_id = $3 AND key = $4 AND status IS NULL AND fingerprint = $5
           AND COALESCE(lease_until, created_at + $7 * interval '1 millisecond') <= $6
         RETURNING after_position`,
        [
          this.owner,
          this.leaseUntil(now),
          userId,
          key,
          fingerprint,
          now.toISOString(),
          this.leaseMs,
        ],
      );
      if (taken.rows[0]) {
        const after = taken.rows[0].after_position;
        return { kind: 'taken_over', afterPosition: after === null ? null : Number(after) };
      }
      const { rows } = await this.pool.query<Row>(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [userId, key],
      );
      const row = rows[0];
      if (!row) continue;
      if (row.status === null) return { kind: 'in_progress', fingerprint: row.fingerprint };
      return {
        kind: 'done',
        fingerprint: row.fingerprint,
        status: row.status,
        body: row.body === null ? null : JSON.parse(row.body),
      };
    }
  }

  async renew(userId: string, key: string): Promise<boolean> {
    const renewed = await this.pool.query(
      `UPDATE idempotency_keys SET lease_until = $1
       WHERE user_id = $2 AND key = $3 AND owner = $4 AND status IS NULL`,
      [this.leaseUntil(this.clock.now()), userId, key, this.owner],
    );
    return renewed.rowCount === 1;
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET status = $1, body = $2, lease_until = NULL
       WHERE user_id = $3 AND key = $4 AND owner = $5 AND status IS NULL`,
      [status, JSON.stringify(body ?? null), userId, key, this.owner],
    );
  }

  async release(userId: string, key: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_keys
       WHERE user_id = $1 AND key = $2 AND owner = $3 AND status IS NULL`,
      [userId, key, this.owner],
    );
  }

  async prune(createdBefore: Date): Promise<number> {
    const pruned = await this.pool.query(
      `DELETE FROM idempotency_keys WHERE created_at < $1
         AND (status IS NOT NULL OR lease_until IS NULL OR lease_until <= $2)`,
      [createdBefore.toISOString(), this.clock.now().toISOString()],
    );
    return pruned.rowCount ?? 0;
  }

  /** The pool belongs to the process's stores, which end it. */
  async close(): Promise<void> {}
}
