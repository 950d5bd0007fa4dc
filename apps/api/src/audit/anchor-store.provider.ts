import type { Provider } from '@nestjs/common';
import type { AnchorStore } from '@chidao/audit';
import type { Stores } from '@chidao/runtime';
import { STORES } from '../infrastructure/event-store.providers';

export const ANCHOR_STORE = Symbol('ANCHOR_STORE');

/** The daily anchors, in an insert-only table beside the log they certify (SQLite or PostgreSQL). */
export const anchorStoreProvider: Provider = {
  provide: ANCHOR_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): AnchorStore => stores.anchors,
};
