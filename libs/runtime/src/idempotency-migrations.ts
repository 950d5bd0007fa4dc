import type { Migration } from '@chidao/event-store';

export const IDEMPOTENCY_KEYS_COMPONENT = 'idempotency-keys';

/**
 * The API's first answer to each (user, Idempotency-Key), in the database every API instance
 * shares, so a retry sent to another instance is answered once. Here rather than in apps/api
 * so that `chidao migrate` applies it with the other components. `status` NULL: claimed, the
 * command still running (by `owner` until `lease_until`; its events, if any, after
 * `after_position`). Shipped migrations never change: a change is a new entry.
 */
export const idempotencyMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'idempotency_keys',
    sql: `
CREATE TABLE idempotency_keys (
  user_id     text        NOT NULL,
  key         text        NOT NULL,
  fingerprint text        NOT NULL,
  status      integer,
  body        text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);`,
  },
  {
    version: 2,
    name: 'idempotency_claim_leases',
    // Claims left running by a crash expire (see "Idempotency keys after a crash" in
    // docs/security.md); old keys are pruned by creation time.
    sql: `
ALTER TABLE idempotency_keys
  ADD COLUMN owner          text,
  ADD COLUMN lease_until    timestamptz,
  ADD COLUMN after_position bigint;
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);`,
  },
];
