import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { AgencyRegisterView, Role, UserState } from '@chidao/domain';
import type { EventReader, RecordedEvent } from '@chidao/event-store';
import {
  agencyRegisterView,
  DirectoryRegisters,
  type AgencyDirectory,
  type UserDirectory,
} from '@chidao/projections';
import { DOMAIN_EVENTS } from '../infrastructure/event-store.providers';

/**
 * Users and agencies are few and read on every request (login, permissions), so the API keeps
 * them in memory, folded from the log and followed live (on PostgreSQL, woken by the appends of
 * every instance; see DirectoryRegisters). Writers wait for their own position before answering,
 * so a user created by one call can log in on the next, on this instance or, through catchUp, on
 * another.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, OnApplicationShutdown {
  private readonly registers: DirectoryRegisters;
  readonly users: UserDirectory;
  readonly agencies: AgencyDirectory;
  private readonly logger = new Logger('DirectoryService');

  constructor(@Inject(DOMAIN_EVENTS) store: EventReader<RecordedEvent>) {
    this.registers = new DirectoryRegisters(store);
    this.users = this.registers.users;
    this.agencies = this.registers.agencies;
  }

  async onModuleInit(): Promise<void> {
    await this.registers.start((error) => this.logger.error(error));
  }

  /** The register with its users and every agency's names: the head and alias rules read it. */
  readonly agencyRegister: AgencyRegisterView = agencyRegisterView(
    (code) => this.agencies.get(code),
    (userId) => this.users.get(userId),
    () => this.agencies.list(),
  );

  /** The names offices' lists use for active agencies (alias → code), for the import's matcher. */
  agencyAliases(): ReadonlyMap<string, string> {
    return this.agencies.aliases();
  }

  // --- whom reminders reach (the reminder engine reads these) -----------------------------

  /** Enabled users of the agency itself, with the role when given (see UserDirectory). */
  usersOfAgency(code: string, role?: Role): UserState[] {
    return this.registers.usersOfAgency(code, role);
  }

  /** Enabled trackers of the agency itself: its tracking office. */
  trackersOf(code: string): UserState[] {
    return this.registers.trackersOf(code);
  }

  /** The agency's head while still an enabled user of it; null otherwise (see agency-head.ts). */
  headOf(code: string): UserState | null {
    return this.registers.headOf(code);
  }

  /** Resolves once every event up to `position` is reflected here. */
  waitFor(position: number): Promise<void> {
    return this.registers.waitFor(position);
  }

  /**
   * Resolves once every event already in the log is reflected here. Another API instance on the
   * same PostgreSQL log may have appended a user a moment ago that the subscription has not
   * brought yet: a login or token naming someone unknown asks this before refusing.
   */
  catchUp(): Promise<void> {
    return this.registers.catchUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.registers.stop();
  }
}
