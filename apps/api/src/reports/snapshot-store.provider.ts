import type { Provider } from '@nestjs/common';
import type { SnapshotStore } from '@chidao/reporting';
import type { Stores } from '@chidao/runtime';
import { STORES } from '../infrastructure/event-store.providers';

export const SNAPSHOT_STORE = Symbol('SNAPSHOT_STORE');

/** An insert-only table beside the read models the snapshots are taken from (SQLite or PostgreSQL). */
export const snapshotStoreProvider: Provider = {
  provide: SNAPSHOT_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): SnapshotStore => stores.snapshots,
};
