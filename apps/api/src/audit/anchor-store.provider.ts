import type { Provider } from '@nestjs/common';
import { SqliteAnchorStore, type AnchorStore } from '@chidao/audit';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const ANCHOR_STORE = Symbol('ANCHOR_STORE');

/** Embedded mode: the daily anchors live in the log's SQLite file, in an insert-only table. */
export const anchorStoreProvider: Provider = {
  provide: ANCHOR_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): AnchorStore =>
    SqliteAnchorStore.open({ path: config.eventStorePath }),
};
