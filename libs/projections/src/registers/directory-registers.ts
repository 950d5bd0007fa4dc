import { isAgencyEvent, isUserEvent, type Role, type UserState } from '@chidao/domain';
import type { EventReader, RecordedEvent, Subscription } from '@chidao/event-store';
import { AgencyDirectory } from './agency-directory';
import { currentHeadOf } from './agency-head';
import { UserDirectory } from './user-directory';

/**
 * The user and agency registers, in memory, folded from the log and followed live. They are few
 * and read often (every request's permissions in the API, every reminder's people), so a process
 * keeps them rather than a read model. The API wraps them in its DirectoryService; the reporting
 * process follows them to know whom reminders reach.
 */
export class DirectoryRegisters {
  readonly users = new UserDirectory();
  readonly agencies = new AgencyDirectory();
  private subscription: Subscription | null = null;

  constructor(private readonly store: EventReader<RecordedEvent>) {}

  /** Folds the log from its start and follows it; resolves once the log's head on start is in. */
  async start(onError: (error: unknown) => void): Promise<void> {
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribe({ after: 0, batchSize: 1000, onError }, (batch) => {
      for (const event of batch) this.apply(event);
    });
    await this.subscription.waitFor(head);
  }

  apply(event: RecordedEvent): void {
    if (isUserEvent(event)) this.users.apply(event);
    else if (isAgencyEvent(event)) this.agencies.apply(event);
  }

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
   * Resolves once every event already in the log is reflected here: another process on the same
   * PostgreSQL log may have appended a user a moment ago that the subscription has not brought yet.
   */
  async catchUp(): Promise<void> {
    await this.waitFor(await this.store.headPosition());
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
