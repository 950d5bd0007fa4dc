import type { Provider } from '@nestjs/common';
import type { ReadModelStore } from '@chidao/projections';
import type { Stores } from '@chidao/runtime';
import { STORES } from '../infrastructure/event-store.providers';

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** Embedded: the `rm_` tables of the log's SQLite file; distributed: PostgreSQL (CHIDAO_READ_STORE). */
export const readModelStoreProvider: Provider = {
  provide: READ_MODEL_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): ReadModelStore => stores.readStore,
};
