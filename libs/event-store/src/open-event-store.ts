import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/pg-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * Where the log lives. Plain JSON on purpose: apps read it from configuration and tests hand it
 * to child processes.
 */
export type EventStoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Schema holding the log (default `public`). */
      readonly schema?: string;
      readonly poolSize?: number;
      /** Ends a writer frozen inside its transaction, which would block every append (default 60 s). */
      readonly idleInTransactionTimeoutMs?: number;
    };

/** In-process options every adapter accepts; not serialisable, so not part of the config. */
export interface EventStoreRuntimeOptions {
  /** Server clock for `recordedAt` (default: the system clock). Injected by tests. */
  readonly now?: () => Date;
  /**
   * TEST ONLY. Hooks called synchronously inside the write transaction, so a test can kill the
   * process at a known point of a batch. Never set in production.
   */
  readonly faultInjection?: FaultInjection;
}

export interface FaultInjection {
  /** Called right after each event row is inserted, before the transaction commits. */
  readonly afterEventInsert?: (streamId: string, streamVersion: number) => void;
}

export async function openEventStore(
  config: EventStoreConfig,
  options: EventStoreRuntimeOptions = {},
): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteEventStore.open({ ...options, path: config.path });
    case 'postgres':
      return PostgresEventStore.open({
        ...options,
        url: config.url,
        schema: config.schema,
        poolSize: config.poolSize,
        idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs,
      });
    default:
      throw new Error(`Unknown event store kind: ${String((config as { kind: unknown }).kind)}`);
  }
}
