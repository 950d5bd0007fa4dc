import type { Role } from '@chidao/domain';

export interface UserEntry {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly agency: string | null;
  readonly active: boolean;
  readonly passwordHash: string | null;
}

/** Users by id and by username, folded from User* events (small: one entry per person). */
export class UserDirectory {
  private readonly byId = new Map<string, UserEntry>();
  private readonly idByUsername = new Map<string, string>();

  apply(type: string, data: Record<string, unknown>): void {
    const userId = data.userId as string;
    const current = this.byId.get(userId);
    switch (type) {
      case 'UserCreated':
        this.byId.set(userId, {
          userId,
          username: data.username as string,
          displayName: data.displayName as string,
          roles: data.roles as Role[],
          agency: data.agency as string | null,
          active: true,
          passwordHash: null,
        });
        this.idByUsername.set(data.username as string, userId);
        return;
      case 'UserRolesChanged':
        if (current) this.byId.set(userId, { ...current, roles: data.roles as Role[] });
        return;
      case 'UserAgencyChanged':
        if (current) this.byId.set(userId, { ...current, agency: data.agency as string | null });
        return;
      case 'UserDisplayNameChanged':
        if (current) this.byId.set(userId, { ...current, displayName: data.displayName as string });
        return;
      case 'UserDisabled':
        if (current) this.byId.set(userId, { ...current, active: false });
        return;
      case 'UserEnabled':
        if (current) this.byId.set(userId, { ...current, active: true });
        return;
      case 'UserPasswordSet':
        if (current)
          this.byId.set(userId, { ...current, passwordHash: data.passwordHash as string });
        return;
    }
  }

  get(userId: string): UserEntry | undefined {
    return this.byId.get(userId);
  }

  findByUsername(username: string): UserEntry | undefined {
    const id = this.idByUsername.get(username.trim().toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  list(): UserEntry[] {
    return [...this.byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  get size(): number {
    return this.byId.size;
  }
}
