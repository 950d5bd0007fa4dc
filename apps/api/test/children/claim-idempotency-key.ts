/**
 * Opens the data directory's idempotency store, claims a key as a request would, says
 * `claimed`, and keeps running until the parent kills it: a process that dies (or lives) holding
 * a claim.
 */
import { runChild, say } from '@chidao/event-store/testing';
import { SqliteIdempotencyStore } from '../../src/infrastructure/sqlite-idempotency.store';

interface Args {
  readonly dataDir: string;
  readonly now: string;
  readonly leaseMs: number;
  readonly claim: { userId: string; key: string; fingerprint: string; afterPosition: number };
}

runChild<Args>(async ({ dataDir, now, leaseMs, claim }) => {
  const store = SqliteIdempotencyStore.open(dataDir, { now: () => new Date(now) }, leaseMs);
  const claimed = await store.claim(claim);
  say(`${claimed.kind} ${process.pid}`);
  await new Promise(() => setInterval(() => undefined, 60_000));
});
