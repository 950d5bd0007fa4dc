import type { Provider } from '@nestjs/common';
import {
  readDomainEvents,
  type EventReader,
  type EventStore,
  type RecordedEvent,
} from '@chidao/event-store';
import { instrumentEventStore, type ChidaoMetrics } from '@chidao/observability';
import { openStores, type Stores } from '@chidao/runtime';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { METRICS } from '../metrics/metrics.token';

/**
 * Every store of the deployment (log, read models, snapshots, anchors), opened once. Appends to
 * the log are timed and counted (chidao_event_append_duration_seconds), whoever makes them.
 */
export const STORES = Symbol('STORES');
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The log as typed, current-version domain events: what every reader of the app uses. */
export const DOMAIN_EVENTS = Symbol('DOMAIN_EVENTS');

export const storesProvider: Provider = {
  provide: STORES,
  inject: [APP_CONFIG, CLOCK, METRICS],
  useFactory: async (config: AppConfig, clock: Clock, metrics: ChidaoMetrics): Promise<Stores> => {
    const stores = await openStores(config.deployment, {
      // recordedAt is server time from the app's clock, the same one receivedAt and tokens use.
      now: () => clock.now(),
      applicationName: 'chidao-api',
    });
    const engine = config.deployment.eventStore.kind;
    return { ...stores, eventStore: instrumentEventStore(stores.eventStore, metrics, engine) };
  },
};

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [STORES],
  useFactory: (stores: Stores): EventStore => stores.eventStore,
};

export const domainEventsProvider: Provider = {
  provide: DOMAIN_EVENTS,
  inject: [EVENT_STORE],
  useFactory: (store: EventStore): EventReader<RecordedEvent> => readDomainEvents(store),
};
