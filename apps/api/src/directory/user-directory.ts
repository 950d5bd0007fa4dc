import { evolveUser, initialUserState, type UserEvent, type UserState } from '@chidao/domain';

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

  list(): UserState[] {
    return [...this.byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  get size(): number {
    return this.byId.size;
  }
}
