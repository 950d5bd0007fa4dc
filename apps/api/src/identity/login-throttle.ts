import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';

/** A key's recent failures, in memory only (see docs/security.md, "Logging in"). */
interface Failures {
  count: number;
  lastAt: number;
  /** No attempt is heard for this key before this instant (epoch ms). */
  blockedUntil: number;
}

interface Policy {
  /** Failures allowed before attempts are spaced out. */
  readonly free: number;
  /** Failures at which the key is locked for `maxBlockMs`; Infinity: delays only. */
  readonly lockAt: number;
}

const ACCOUNT: Policy = { free: 3, lockAt: 10 };
// An office behind one address shares it: more room, and delays only, never a long lock.
const ADDRESS: Policy = { free: 20, lockAt: Infinity };
const BASE_DELAY_MS = 1000;
const MAX_BLOCK_MS = 15 * 60_000;
/** Failures are forgotten this long after the last one. */
const FORGET_AFTER_MS = 15 * 60_000;
/** Above this many keys, forgotten ones are swept (an attacker cycling names or addresses). */
const SWEEP_ABOVE = 10_000;

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-account and per-address throttling of logins: after `free` failures each further one
 * makes the next attempt wait 1, 2, 4 … seconds, and an account reaching `lockAt` failures is
 * locked for 15 minutes. Counting lives in memory, not the log, so a flood of wrong passwords
 * writes nothing (a restart forgets the counts; the lock
 * itself is recorded in the log by the caller).
 */
@Injectable()
export class LoginThrottle {
  private readonly accounts = new Map<string, Failures>();
  private readonly addresses = new Map<string, Failures>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  static accountKey(username: string): string {
    return username.normalize('NFC').toLowerCase();
  }

  /**
   * Whether an attempt may be heard now; if so it is counted as a failure at once (before the
   * slow hash), so concurrent attempts cannot all slip past the check. `succeeded` undoes it.
   */
  attempt(account: string, address: string): Verdict {
    const now = this.clock.now().getTime();
    const blockedUntil = Math.max(
      this.current(this.accounts, account, now)?.blockedUntil ?? 0,
      this.current(this.addresses, address, now)?.blockedUntil ?? 0,
    );
    if (blockedUntil > now) {
      return { allowed: false, retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000) };
    }
    this.fail(this.accounts, account, ACCOUNT, now);
    this.fail(this.addresses, address, ADDRESS, now);
    return { allowed: true };
  }

  /** The account's lock, when its failures just reached it: its end and the failures counted. */
  lockOf(account: string): { until: Date; failures: number } | null {
    const entry = this.accounts.get(account);
    return entry && entry.count === ACCOUNT.lockAt
      ? { until: new Date(entry.blockedUntil), failures: entry.count }
      : null;
  }

  /** An administrator lifted the account's lock: its failures are forgotten. */
  forget(account: string): void {
    this.accounts.delete(account);
  }

  succeeded(account: string, address: string): void {
    this.accounts.delete(account);
    // The address keeps its other failures: a right password elsewhere does not wipe them.
    const entry = this.addresses.get(address);
    if (!entry) return;
    entry.count = Math.max(0, entry.count - 1);
    if (entry.count <= ADDRESS.free) entry.blockedUntil = 0;
  }

  private current(map: Map<string, Failures>, key: string, now: number): Failures | undefined {
    const entry = map.get(key);
    if (entry && now - entry.lastAt > FORGET_AFTER_MS && now >= entry.blockedUntil) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private fail(map: Map<string, Failures>, key: string, policy: Policy, now: number): void {
    if (map.size > SWEEP_ABOVE) for (const k of [...map.keys()]) this.current(map, k, now);
    const entry = this.current(map, key, now) ?? { count: 0, lastAt: now, blockedUntil: 0 };
    entry.count += 1;
    entry.lastAt = now;
    const over = entry.count - policy.free;
    if (entry.count >= policy.lockAt) entry.blockedUntil = now + MAX_BLOCK_MS;
    else if (over > 0)
      entry.blockedUntil = now + Math.min(MAX_BLOCK_MS, BASE_DELAY_MS * 2 ** (over - 1));
    map.set(key, entry);
  }
}
