import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  AGENCY_EVENT_TYPES,
  USER_EVENT_TYPES,
  type AgencyEvent,
  type UserEvent,
} from '@chidao/domain';
import type { EventStore, StoredEvent, Subscription } from '@chidao/event-store';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { EventUpcaster } from '../infrastructure/event-upcaster';
import { AgencyDirectory } from './agency-directory';
import { UserDirectory } from './user-directory';

/**
 * Users and agencies are few and read on every request (login, permissions), so the API keeps
 * them in memory, folded from the log and followed live (on PostgreSQL, woken by the appends of
 * every instance). Writers wait for their own position before answering, so a user created by
 * one call can log in on the next, on this instance or, through catchUp, on another.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, OnApplicationShutdown {
  readonly users = new UserDirectory();
  readonly agencies = new AgencyDirectory();
  private subscription: Subscription | null = null;
  private readonly logger = new Logger('DirectoryService');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly upcaster: EventUpcaster,
  ) {}

  async onModuleInit(): Promise<void> {
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribe(
      { after: 0, batchSize: 1000, onError: (error) => this.logger.error(error) },
      (batch) => {
        for (const stored of batch) {
          const event = this.upcaster.upcast(stored);
          if (isUserEvent(event)) this.users.apply(event);
          else if (isAgencyEvent(event)) this.agencies.apply(event);
        }
      },
    );
    await this.subscription.waitFor(head);
  }

  /** Resolves once every event up to `position` is reflected here. */
  async waitFor(position: number): Promise<void> {
    await this.subscription?.waitFor(position);
  }

  /**
   * Resolves once every event already in the log is reflected here. Another API instance on the
   * same PostgreSQL log may have appended a user a moment ago that the subscription has not
   * brought yet: a login or token naming someone unknown asks this before refusing.
   */
  async catchUp(): Promise<void> {
    await this.waitFor(await this.store.headPosition());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}

const userTypes = new Set<string>(USER_EVENT_TYPES);
const agencyTypes = new Set<string>(AGENCY_EVENT_TYPES);
const isUserEvent = (event: StoredEvent): event is StoredEvent & UserEvent =>
  userTypes.has(event.type);
const isAgencyEvent = (event: StoredEvent): event is StoredEvent & AgencyEvent =>
  agencyTypes.has(event.type);
