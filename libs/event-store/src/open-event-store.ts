import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * Where the log lives. Plain JSON on purpose: apps read it from configuration and tests hand it
 * to child processes. Add `{ kind: 'postgres'; ... }` here when that adapter exists.
 */
export type EventStoreConfig = { readonly kind: 'sqlite'; readonly path: string };

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
    default:
      throw new Error(`Unknown event store kind: ${(config as { kind: unknown }).kind}`);
  }
}
