/**
 * Which one of several processes does a piece of work: a lease document in a read model, taken
 * and extended in the store's serialised transactions (so two claims never both win), renewed by
 * its holder. A claimant that finds another's unexpired lease stands by; a holder that crashes is
 * replaced once its lease expires (ttl), one that stops hands over at once (release). Expiry uses
 * each host's clock: keep the ttl well above the clock skew between hosts.
 */
import type { BatchTransaction, ReadModelStore, WriteTarget } from './read-model-store.port';

const LEASE_ID = 'lease';

interface LeaseDocument {
  readonly owner: string;
  /** Epoch milliseconds. */
  readonly since: number;
  readonly expiresAt: number;
}

export type LeaseState =
  | { readonly held: true; readonly owner: string; readonly expiresAt: number }
  | { readonly held: false; readonly owner: string; readonly expiresAt: number };

export class ReadModelLease {
  constructor(
    private readonly store: ReadModelStore,
    /** The read model holding the lease document (registered by the caller). */
    private readonly name: string,
    private readonly target: WriteTarget,
    readonly owner: string,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the lease when free, expired or already ours, and extends it; else says whose it is. */
  claim(): Promise<LeaseState> {
    return this.store.transaction(this.name, this.target, (tx) => this.claimIn(tx));
  }

  /** The same inside a transaction that does more (a checkpoint), so both commit together. */
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

  /** Gives the lease up if it is ours, so a process standing by takes over without waiting. */
  async release(): Promise<void> {
    await this.store.transaction(this.name, this.target, async (tx) => {
      const stored = (await tx.load([LEASE_ID])).get(LEASE_ID);
      if (stored !== undefined && (JSON.parse(stored) as LeaseDocument).owner === this.owner) {
        await tx.delete([LEASE_ID]);
      }
    });
  }
}
