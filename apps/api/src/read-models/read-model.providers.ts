import type { Provider } from '@nestjs/common';
import { openReadModelStore, type ReadModelStore } from '@chidao/projections';
import * as fs from 'node:fs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** Embedded mode: read models live in the same SQLite file as the log (their own `rm_` tables). */
export const readModelStoreProvider: Provider = {
  provide: READ_MODEL_STORE,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<ReadModelStore> => {
    fs.mkdirSync(config.dataDir, { recursive: true });
    return openReadModelStore({ kind: 'sqlite', path: config.eventStorePath });
  },
};
