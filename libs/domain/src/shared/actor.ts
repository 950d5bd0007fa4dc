export const ROLES = ['admin', 'leader', 'tracker', 'staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who acts: the user, the roles they hold and the agency they belong to (none for some admins). */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly agency: string | null;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
