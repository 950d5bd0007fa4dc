import {
  evolveUser,
  initialUserState,
  type Role,
  type UserEvent,
  type UserState,
} from '@chidao/domain';

/** Users by id and by username, folded with the domain's own `evolveUser`. */
export class UserDirectory {
  private readonly byId = new Map<string, UserState>();
  private readonly idByUsername = new Map<string, string>();

  apply(event: UserEvent): void {
    const { userId } = event.data;
    const next = evolveUser(this.byId.get(userId) ?? initialUserState, event);
    this.byId.set(userId, next);
    this.idByUsername.set(next.username, userId);
  }

  get(userId: string): UserState | undefined {
    return this.byId.get(userId);
  }

  findByUsername(username: string): UserState | undefined {
    const id = this.idByUsername.get(username.trim().toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  /**
   * The enabled users whose agency is `code` itself (not a unit below), with `role` when given,
   * by username: whom reminders to an agency reach. Each carries its e-mail, phone and channels.
   */
  usersOfAgency(code: string, role?: Role): UserState[] {
    return this.list().filter(
      (user) =>
        user.exists &&
        user.active &&
        user.agency === code &&
        (role === undefined || user.roles.includes(role)),
    );
  }

  /** The tracking office of an agency: its enabled trackers (Văn phòng UBND, Văn phòng Sở). */
  trackersOf(code: string): UserState[] {
    return this.usersOfAgency(code, 'tracker');
  }

  list(): UserState[] {
    return [...this.byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  get size(): number {
    return this.byId.size;
  }
}
