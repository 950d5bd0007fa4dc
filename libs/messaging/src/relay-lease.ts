/**
 * Which relay publishes a topic: a lease document in the relay's read model, taken and extended
 * in the store's serialised transactions (so two claims never both win), renewed by a heartbeat
 * and by every checkpoint. A relay that finds another's unexpired lease waits in standby; one
 * that crashes is replaced once its lease expires (ttl), one that stops hands over at once.
 *
 * The lease saves work, not correctness: two relays publishing at once (a paused process whose
 * lease ran out) only make duplicates, which consumers skip, because each publishes in log
 * order from a checkpoint that only moves forward. Expiry uses each host's clock: keep the ttl
 * well above the clock skew between hosts.
 */
import type { BatchTransaction, ReadModelStore } from '@chidao/projections';
import { RELAY_TARGET } from './relay-checkpoint';

const LEASE_ID = 'lease';

interface LeaseDocument {
  readonly owner: string;
  /** Epoch milliseconds. */
  readonly since: number;
  readonly expiresAt: number;
}

type LeaseState =
  | { readonly held: true; readonly owner: string; readonly expiresAt: number }
  | { readonly held: false; readonly owner: string; readonly expiresAt: number };

/** This relay no longer holds the lease: it must stop publishing. */
export class LeaseLostError extends Error {
  readonly code = 'lease_lost';

  constructor(
    readonly topic: string,
    readonly holder: string,
  ) {
    super(`Relay lease of ${topic} is held by ${holder}`);
    this.name = 'LeaseLostError';
  }
}

export class RelayLease {
  constructor(
    private readonly store: ReadModelStore,
    /** The relay's read model (relayCheckpointName). */
    private readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the lease when free, expired or already ours, and extends it; else says whose it is. */
  claim(): Promise<LeaseState> {
    return this.store.transaction(this.name, RELAY_TARGET, (tx) => this.claimIn(tx));
  }

  /** The same inside a transaction that does more (the checkpoint), so both commit together. */
  async claimIn(tx: BatchTransaction): Promise<LeaseState> {
    const stored = (await tx.load([LEASE_ID])).get(LEASE_ID);
    const lease = stored === undefined ? null : (JSON.parse(stored) as LeaseDocument);
    const now = this.now();
    if (lease && lease.owner !== this.owner && lease.expiresAt > now) {
      return { held: false, owner: lease.owner, expiresAt: lease.expiresAt };
    }
    const next: LeaseDocument = {
      owner: this.owner,
      since: lease?.owner === this.owner ? lease.since : now,
      expiresAt: now + this.ttlMs,
    };
    await tx.upsert([{ id: LEASE_ID, json: JSON.stringify(next), columns: {} }]);
    return { held: true, owner: this.owner, expiresAt: next.expiresAt };
  }

  /** Gives the lease up if it is ours, so a relay in standby takes over without waiting. */
  async release(): Promise<void> {
    await this.store.transaction(this.name, RELAY_TARGET, async (tx) => {
      const stored = (await tx.load([LEASE_ID])).get(LEASE_ID);
      if (stored !== undefined && (JSON.parse(stored) as LeaseDocument).owner === this.owner) {
        await tx.delete([LEASE_ID]);
      }
    });
  }
}
