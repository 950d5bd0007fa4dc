/**
 * Which relay publishes a topic: a lease document in the relay's read model (ReadModelLease),
 * renewed by a heartbeat and by every checkpoint. A relay that finds another's unexpired lease
 * waits in standby; one that crashes is replaced once its lease expires (ttl), one that stops
 * hands over at once.
 *
 * The lease saves work, not correctness: two relays publishing at once (a paused process whose
 * lease ran out) only make duplicates, which consumers skip, because each publishes in log
 * order from a checkpoint that only moves forward. Expiry uses each host's clock: keep the ttl
 * well above the clock skew between hosts.
 */
import { ReadModelLease, type ReadModelStore } from '@chidao/projections';
import { RELAY_TARGET } from './relay-checkpoint';

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

export class RelayLease extends ReadModelLease {
  constructor(
    store: ReadModelStore,
    /** The relay's read model (relayCheckpointName). */
    name: string,
    owner: string,
    ttlMs: number,
    now: () => number = Date.now,
  ) {
    super(store, name, RELAY_TARGET, owner, ttlMs, now);
  }
}
