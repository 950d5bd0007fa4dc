import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EventStore } from '@chidao/event-store';
import { CLOCK, systemClock, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from './aggregate-repository';
import { EVENT_STORE, eventStoreProvider } from './event-store.providers';
import { EventUpcaster } from './event-upcaster';
import { IdempotencyStore } from './idempotency.store';

/** The store, the clock, the repository and the in-memory directory, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        eventStoreProvider,
        EventUpcaster,
        AggregateRepository,
        DirectoryService,
        IdempotencyStore,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        EVENT_STORE,
        EventUpcaster,
        AggregateRepository,
        DirectoryService,
        IdempotencyStore,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
