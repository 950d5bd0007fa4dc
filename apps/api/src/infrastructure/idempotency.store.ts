import type { Provider } from '@nestjs/common';
import { componentEngines, type Stores } from '@chidao/runtime';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { STORES } from './event-store.providers';
import { PostgresIdempotencyStore } from './postgres-idempotency.store';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

/**
 * How long a claim stays the owner's without renewal. The interceptor renews it every third of
 * this while the command runs, so only a dead, frozen or cut-off owner lets it run out.
 */
export const CLAIM_LEASE_MS = 60_000;

export interface ClaimRequest {
  readonly userId: string;
  readonly key: string;
  /** What the request is (method, URL, body): the same key with another one is refused. */
  readonly fingerprint: string;
  /** The log's head before the command runs: its events, if any, come after it. */
  readonly afterPosition: number;
}

export type IdempotencyClaim =
  /** A new key: run the command. */
  | { kind: 'claimed' }
  /**
   * The key's owner died (or its lease ran out) before answering: this request owns it now. The
   * dead attempt's events, if it appended any, are after `afterPosition` (null: a claim from a
   * version that did not record it, nor the key in its events).
   */
  | { kind: 'taken_over'; afterPosition: number | null }
  | { kind: 'in_progress'; fingerprint: string }
  | { kind: 'done'; fingerprint: string; status: number; body: unknown };

/**
 * Remembers the first answer to each (user, Idempotency-Key), so a retried command returns it
 * and appends nothing. A key is claimed before the command runs, which also stops two
 * simultaneous retries from both executing, across every process sharing the store. A claim
 * has an owner (one opened store: a process's incarnation) and a lease the owner renews; a
 * claim whose owner is gone can be taken over (see "Idempotency keys after a crash" in
 * docs/security.md).
 */
export interface IdempotencyStore {
  claim(request: ClaimRequest): Promise<IdempotencyClaim>;
  /** Extends this owner's lease on a running claim; false when it is no longer this owner's. */
  renew(userId: string, key: string): Promise<boolean>;
  /** Stores the answer of this owner's claim (a claim taken over meanwhile is left alone). */
  complete(userId: string, key: string, status: number, body: unknown): Promise<void>;
  /** The command failed: forget this owner's claim so a retry runs it again. */
  release(userId: string, key: string): Promise<void>;
  /**
   * Forgets answers and dead claims created before `createdBefore`; a claim whose owner still
   * holds its lease stays. Returns how many keys were forgotten.
   */
  prune(createdBefore: Date): Promise<number>;
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
      ? PostgresIdempotencyStore.open(stores.pool!, clock, CLAIM_LEASE_MS)
      : Promise.resolve(SqliteIdempotencyStore.open(config.dataDir, clock, CLAIM_LEASE_MS)),
};
