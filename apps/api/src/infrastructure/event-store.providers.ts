import type { Provider } from '@nestjs/common';
import type { EventStore } from '@chidao/event-store';
import { openStores, type Stores } from '@chidao/runtime';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Every store of the deployment (log, read models, snapshots, anchors), opened once. */
export const STORES = Symbol('STORES');
export const EVENT_STORE = Symbol('EVENT_STORE');

export const storesProvider: Provider = {
  provide: STORES,
  inject: [APP_CONFIG, CLOCK],
  useFactory: (config: AppConfig, clock: Clock): Promise<Stores> =>
    // recordedAt is server time from the app's clock, the same one receivedAt and tokens use.
    openStores(config.deployment, { now: () => clock.now(), applicationName: 'chidao-api' }),
};

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): EventStore => stores.eventStore,
};
