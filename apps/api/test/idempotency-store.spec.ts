import { openPgPool } from '@chidao/event-store';
import {
  describeWithPostgres,
  dropSchema,
  spawnTypeScript,
  uniqueSchema,
} from '@chidao/event-store/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { Clock } from '../src/common/clock';
import type { ClaimRequest, IdempotencyStore } from '../src/infrastructure/idempotency.store';
import { PostgresIdempotencyStore } from '../src/infrastructure/postgres-idempotency.store';
import { SqliteIdempotencyStore } from '../src/infrastructure/sqlite-idempotency.store';

const LEASE_MS = 60_000;
const START = '2024-06-30T03:00:00.000Z';

class MovingClock implements Clock {
  private current = new Date(START).getTime();
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

const request = (key: string, overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  userId: 'user-1',
  key,
  fingerprint: 'fp-a',
  afterPosition: 41,
  ...overrides,
});

/** Opens a store of the engine under test on shared storage: two calls are two API processes. */
type OpenStore = (clock: Clock) => Promise<IdempotencyStore>;

/** What both stores must do: claims, leases, takeover, answers and pruning. */
function idempotencyStoreContract(setup: () => { open: OpenStore }): void {
  let clock: MovingClock;
  let first: IdempotencyStore;
  let second: IdempotencyStore;

  beforeEach(async () => {
    clock = new MovingClock();
    // Both open before anything is claimed: opening recovers dead claims (SQLite).
    first = await setup().open(clock);
    second = await setup().open(clock);
  });
  afterEach(async () => {
    await first.close();
    await second.close();
  });

  it('claims a new key once; the answer is then replayed to every retry, on any store', async () => {
    expect(await first.claim(request('k1'))).toEqual({ kind: 'claimed' });
    expect(await second.claim(request('k1'))).toEqual({ kind: 'in_progress', fingerprint: 'fp-a' });
    await first.complete('user-1', 'k1', 201, { id: 'x' });
    const done = { kind: 'done', fingerprint: 'fp-a', status: 201, body: { id: 'x' } };
    expect(await second.claim(request('k1'))).toEqual(done);
    // Long after the lease: a finished key is never taken over.
    clock.advance(10 * LEASE_MS);
    expect(await second.claim(request('k1'))).toEqual(done);
    // Keys are per user.
    expect(await second.claim(request('k1', { userId: 'user-2' }))).toEqual({ kind: 'claimed' });
  });

  it('a released claim is claimed again', async () => {
    await first.claim(request('k2'));
    await first.release('user-1', 'k2');
    expect(await second.claim(request('k2'))).toEqual({ kind: 'claimed' });
  });

  it('a claim renewed by its owner is never taken over; one left to expire is, once', async () => {
    await first.claim(request('k3'));
    for (let i = 0; i < 5; i++) {
      clock.advance(LEASE_MS / 3);
      expect(await first.renew('user-1', 'k3')).toBe(true);
      expect((await second.claim(request('k3', { afterPosition: 99 }))).kind).toBe('in_progress');
    }
    // The owner stops renewing (killed): at the lease's end another takes over, exactly one.
    clock.advance(LEASE_MS);
    const takeovers = await Promise.all([
      second.claim(request('k3', { afterPosition: 99 })),
      second.claim(request('k3', { afterPosition: 99 })),
    ]);
    // The dead attempt's position is kept: its events would be after it, not after 99.
    expect(takeovers).toContainEqual({ kind: 'taken_over', afterPosition: 41 });
    expect(takeovers).toContainEqual({ kind: 'in_progress', fingerprint: 'fp-a' });
    // The old owner, back from a pause, no longer holds it: nothing it stores counts.
    expect(await first.renew('user-1', 'k3')).toBe(false);
    await first.complete('user-1', 'k3', 200, { from: 'old owner' });
    await first.release('user-1', 'k3');
    await second.complete('user-1', 'k3', 200, { from: 'new owner' });
    expect(await first.claim(request('k3'))).toMatchObject({ body: { from: 'new owner' } });
  });

  it('an expired claim is not taken over by another request under the same key', async () => {
    await first.claim(request('k4'));
    clock.advance(2 * LEASE_MS);
    expect(await second.claim(request('k4', { fingerprint: 'fp-b' }))).toEqual({
      kind: 'in_progress',
      fingerprint: 'fp-a',
    });
    expect(await second.claim(request('k4'))).toEqual({ kind: 'taken_over', afterPosition: 41 });
  });

  it('prunes answers and dead claims older than the cut-off, and keeps the rest', async () => {
    await first.claim(request('old-done'));
    await first.complete('user-1', 'old-done', 200, { big: 'x'.repeat(1000) });
    await first.claim(request('old-dead'));
    await first.claim(request('old-running'));
    clock.advance(25 * 3600_000);
    expect(await first.renew('user-1', 'old-running')).toBe(true);
    await first.claim(request('recent'));
    await first.complete('user-1', 'recent', 200, { recent: true });
    const cutoff = new Date(clock.now().getTime() - 24 * 3600_000);

    expect(await second.prune(cutoff)).toBe(2);
    expect(await second.prune(cutoff)).toBe(0);
    expect(await second.claim(request('old-done'))).toEqual({ kind: 'claimed' });
    expect(await second.claim(request('old-dead'))).toEqual({ kind: 'claimed' });
    expect((await second.claim(request('old-running'))).kind).toBe('in_progress');
    expect(await second.claim(request('recent'))).toMatchObject({
      kind: 'done',
      body: { recent: true },
    });
  });
}

describe('SQLite idempotency store', () => {
  const dirs: string[] = [];
  let dataDir: string;
  const open: OpenStore = (clock) =>
    Promise.resolve(SqliteIdempotencyStore.open(dataDir, clock, LEASE_MS));
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-idempotency-'));
    dirs.push(dataDir);
  });
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  describe('contract', () => idempotencyStoreContract(() => ({ open })));

  describe('recovery at start', () => {
    const clock = { now: () => new Date(START) };
    const claim = request('crashed', { afterPosition: 7 });
    const claimInChild = async () => {
      const child = spawnTypeScript(path.join(__dirname, 'children', 'claim-idempotency-key.ts'), {
        dataDir,
        now: START,
        leaseMs: LEASE_MS,
        claim,
      });
      const [kind, pid] = (await child.nextLine()).split(' ');
      expect(kind).toBe('claimed');
      return { child, pid: Number(pid) };
    };

    it('a claim whose process was killed is taken over at once by the next start', async () => {
      const { child } = await claimInChild();
      child.kill('SIGKILL');
      expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
      // The clock has not moved: the lease has not run out, the owner is simply gone.
      const restarted = await open(clock);
      expect(await restarted.claim(claim)).toEqual({ kind: 'taken_over', afterPosition: 7 });
      await restarted.close();
    });

    it("a claim of this process's previous incarnation is taken over at once", async () => {
      const previous = await open(clock);
      expect(await previous.claim(claim)).toEqual({ kind: 'claimed' });
      await previous.close(); // without answering: what a restart in place leaves
      const restarted = await open(clock);
      expect(await restarted.claim(claim)).toEqual({ kind: 'taken_over', afterPosition: 7 });
      await restarted.close();
    });

    it('a claim of a process still running is left to it', async () => {
      const { child } = await claimInChild();
      try {
        const other = await open(clock);
        expect(await other.claim(claim)).toEqual({ kind: 'in_progress', fingerprint: 'fp-a' });
        await other.close();
      } finally {
        child.kill('SIGKILL');
        await child.exited;
      }
    });

    it('a file of the first release gains the claim columns, its running claims expire', async () => {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(path.join(dataDir, 'idempotency.sqlite'));
      db.exec(`CREATE TABLE idempotency_keys (user_id TEXT NOT NULL, key TEXT NOT NULL,
        fingerprint TEXT NOT NULL, status INTEGER, body TEXT, created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key))`);
      db.prepare(
        "INSERT INTO idempotency_keys VALUES ('user-1', 'crashed', 'fp-a', NULL, NULL, ?)",
      ).run(START);
      db.close();
      const upgraded = await open(clock);
      expect(await upgraded.claim(claim)).toEqual({ kind: 'taken_over', afterPosition: null });
      await upgraded.close();
    });
  });
});

describeWithPostgres('PostgreSQL idempotency store', (url) => {
  const schema = uniqueSchema('idem');
  let pool: Pool;
  beforeAll(async () => {
    pool = await openPgPool({ url, schema, max: 4 });
  });
  afterEach(() => pool.query('DELETE FROM idempotency_keys'));
  afterAll(async () => {
    await pool.end();
    await dropSchema(url, schema);
  });

  idempotencyStoreContract(() => ({
    open: (clock) => PostgresIdempotencyStore.open(pool, clock, LEASE_MS),
  }));

  it("a claim of the previous version's instance is taken over one lease after it was made", async () => {
    const clock = new MovingClock();
    const store = await PostgresIdempotencyStore.open(pool, clock, LEASE_MS);
    // What the first release wrote: no owner, no lease (it may still be running its command).
    await pool.query(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at)
       VALUES ('user-1', 'rolling', 'fp-a', $1)`,
      [START],
    );
    expect(await store.claim(request('rolling'))).toEqual({
      kind: 'in_progress',
      fingerprint: 'fp-a',
    });
    clock.advance(LEASE_MS);
    expect(await store.claim(request('rolling'))).toEqual({
      kind: 'taken_over',
      afterPosition: null,
    });
  });
});
