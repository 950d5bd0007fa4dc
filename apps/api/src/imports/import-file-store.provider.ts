import type { Provider } from '@nestjs/common';
import type { ImportFileStore, Stores } from '@chidao/runtime';
import { STORES } from '../infrastructure/event-store.providers';

export const IMPORT_FILE_STORE = Symbol('IMPORT_FILE_STORE');

/** The deployment's store of uploaded lists (closed with the other stores). */
export const importFileStoreProvider: Provider = {
  provide: IMPORT_FILE_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): ImportFileStore => stores.importFiles,
};
