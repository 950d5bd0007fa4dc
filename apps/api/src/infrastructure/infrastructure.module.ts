import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Stores } from '@chidao/runtime';
import { CLOCK, systemClock, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from './aggregate-repository';
import {
  DOMAIN_EVENTS,
  domainEventsProvider,
  EVENT_STORE,
  eventStoreProvider,
  STORES,
  storesProvider,
} from './event-store.providers';
import {
  IDEMPOTENCY_STORE,
  idempotencyStoreProvider,
  type IdempotencyStore,
} from './idempotency.store';

/** The store, the clock, the repository and the in-memory directory, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
  ) {}

  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        storesProvider,
        eventStoreProvider,
        domainEventsProvider,
        AggregateRepository,
        DirectoryService,
        idempotencyStoreProvider,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        STORES,
        EVENT_STORE,
        DOMAIN_EVENTS,
        AggregateRepository,
        DirectoryService,
        IDEMPOTENCY_STORE,
      ],
    };
  }

  /** Global modules shut down last: every runner and scheduler has stopped by now. */
  async onApplicationShutdown(): Promise<void> {
    await this.idempotency.close();
    await this.stores.close();
  }
}
