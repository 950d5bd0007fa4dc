import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  isAgencyEvent,
  isUserEvent,
  type AgencyRegisterView,
  type Role,
  type UserState,
} from '@chidao/domain';
import type { EventReader, RecordedEvent, Subscription } from '@chidao/event-store';
import { DOMAIN_EVENTS } from '../infrastructure/event-store.providers';
import { AgencyDirectory } from './agency-directory';
import { agencyRegisterView, currentHeadOf } from './agency-head';
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

  constructor(@Inject(DOMAIN_EVENTS) private readonly store: EventReader<RecordedEvent>) {}

  async onModuleInit(): Promise<void> {
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribe(
      { after: 0, batchSize: 1000, onError: (error) => this.logger.error(error) },
      (batch) => {
        for (const event of batch) {
          if (isUserEvent(event)) this.users.apply(event);
          else if (isAgencyEvent(event)) this.agencies.apply(event);
        }
      },
    );
    await this.subscription.waitFor(head);
  }

  /** The register with its users, as the agency rules that name a person decide on it. */
  readonly agencyRegister: AgencyRegisterView = agencyRegisterView(
    (code) => this.agencies.get(code),
    (userId) => this.users.get(userId),
  );

  // --- whom reminders reach (the reminder engine reads these) -----------------------------

  /** Enabled users of the agency itself, with the role when given (see UserDirectory). */
  usersOfAgency(code: string, role?: Role): UserState[] {
    return this.users.usersOfAgency(code, role);
  }

  /** Enabled trackers of the agency itself: its tracking office. */
  trackersOf(code: string): UserState[] {
    return this.users.trackersOf(code);
  }

  /** The agency's head while still an enabled user of it; null otherwise (see agency-head.ts). */
  headOf(code: string): UserState | null {
    return currentHeadOf(this.agencies.get(code), (userId) => this.users.get(userId));
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
