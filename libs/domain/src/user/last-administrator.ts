import { DomainError } from '../shared/domain-error';
import type { UserState } from './user.state';

/** An account that can manage users now: it exists, is enabled and holds the admin role. */
export const isActiveAdministrator = (state: UserState): boolean =>
  state.exists && state.active && state.roles.includes('admin');

/**
 * Nobody could manage users again once the last active administrator loses the role or is
 * disabled (the bootstrap administrator is created only into an empty log), so a change that
 * takes an administrator away is refused unless another active one remains.
 * `otherActiveAdministrators` counts the active administrators other than this user.
 */
export function keepsAnAdministrator(
  before: UserState,
  after: UserState,
  otherActiveAdministrators: number,
): DomainError | null {
  if (!isActiveAdministrator(before) || isActiveAdministrator(after)) return null;
  if (otherActiveAdministrators > 0) return null;
  return new DomainError(
    'rule_refused',
    'last_administrator',
    'This is the last active administrator: it cannot lose the admin role or be disabled. Give another account the admin role first.',
    'Không thể bỏ quyền quản trị của quản trị viên cuối cùng hoặc khóa tài khoản này: cần cấp quyền quản trị cho một tài khoản khác trước.',
  );
}
