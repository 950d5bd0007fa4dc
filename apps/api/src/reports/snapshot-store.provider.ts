import type { Provider } from '@nestjs/common';
import { SqliteSnapshotStore, type SnapshotStore } from '@chidao/reporting';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const SNAPSHOT_STORE = Symbol('SNAPSHOT_STORE');

/** Embedded mode: snapshots live in the log's SQLite file, in an insert-only table. */
export const snapshotStoreProvider: Provider = {
  provide: SNAPSHOT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): SnapshotStore =>
    SqliteSnapshotStore.open({ path: config.eventStorePath }),
};
