import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/dictionary';

interface MenuItem {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
  /** Shown only to someone of an agency (an import brings in the tasks a body assigned). */
  needsAgency?: boolean;
}

/**
 * Who sees which menu, after DOMAIN.md "Who may do what"; the API enforces the same (an
 * administrator reads no tasks, so gets no dashboard or task list: the API would refuse them).
 */
const MENUS: readonly MenuItem[] = [
  { path: '/', label: 'menu.dashboard', roles: ['leader', 'tracker'] },
  { path: '/directives', label: 'menu.directives', roles: ['leader', 'tracker'] },
  { path: '/my-tasks', label: 'menu.myTasks', roles: ['staff'] },
  { path: '/tracking', label: 'menu.tracking', roles: ['tracker'] },
  { path: '/tasks', label: 'menu.tasks', roles: ['leader', 'tracker', 'staff'] },
  { path: '/imports', label: 'menu.imports', roles: ['leader', 'tracker'], needsAgency: true },
  { path: '/reports', label: 'menu.reports', roles: ['leader', 'tracker', 'auditor'] },
  { path: '/audit', label: 'menu.audit', roles: ['auditor', 'admin'] },
  { path: '/users', label: 'menu.users', roles: ['admin'] },
  { path: '/reminder-settings', label: 'menu.reminderSettings', roles: ['admin', 'tracker'] },
];

export const menusFor = (roles: readonly Role[], agency: string | null = null): MenuItem[] =>
  MENUS.filter(
    (menu) =>
      menu.roles.some((role) => roles.includes(role)) && (!menu.needsAgency || agency !== null),
  );

/** The first screen a user lands on. */
export const homeOf = (roles: readonly Role[]): string => menusFor(roles)[0]?.path ?? '/';
