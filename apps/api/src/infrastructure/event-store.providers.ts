import type { Provider } from '@nestjs/common';
import { openEventStore, type EventStore } from '@chidao/event-store';
import * as fs from 'node:fs';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const EVENT_STORE = Symbol('EVENT_STORE');

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG, CLOCK],
  useFactory: async (config: AppConfig, clock: Clock): Promise<EventStore> => {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // recordedAt is server time from the app's clock, the same one receivedAt and tokens use.
    return openEventStore(
      { kind: 'sqlite', path: config.eventStorePath },
      { now: () => clock.now() },
    );
  },
};
