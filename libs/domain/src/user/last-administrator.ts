import type { DomainEvent } from '../shared/domain-event';
import { DomainError } from '../shared/domain-error';
import { STREAMS } from '../streams';
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
  if (!removesAnAdministrator(before, after) || otherActiveAdministrators > 0) return null;
  return new DomainError(
    'rule_refused',
    'last_administrator',
    'This is the last active administrator: it cannot lose the admin role or be disabled. Give another account the admin role first.',
    'Không thể bỏ quyền quản trị của quản trị viên cuối cùng hoặc khóa tài khoản này: cần cấp quyền quản trị cho một tài khoản khác trước.',
  );
}

export const removesAnAdministrator = (before: UserState, after: UserState): boolean =>
  isActiveAdministrator(before) && !isActiveAdministrator(after);

/**
 * Appended, in the same transaction as the user's event, whenever an active administrator loses
 * the role or is disabled, with the version of this one stream read before the administrators
 * were counted as expected version: two removals decided at the same moment on different
 * instances, each counting the other as remaining, conflict here and only one is written.
 * Additions need no entry: they can only make a count too low, never too high.
 */
export type AdministratorRemoved = DomainEvent<
  'AdministratorRemoved',
  { userId: string; remainingAdministrators: string[] }
>;

export const ADMINISTRATORS_SCHEMA_VERSIONS: Record<AdministratorRemoved['type'], number> = {
  AdministratorRemoved: 1,
};

export const ADMINISTRATORS_STREAM = STREAMS.administrators.of('active');

export function administratorRemoval(
  userId: string,
  remainingAdministrators: readonly string[],
  occurredOn: string,
): { readonly streamId: string; readonly event: AdministratorRemoved } {
  return {
    streamId: ADMINISTRATORS_STREAM,
    event: {
      type: 'AdministratorRemoved',
      schemaVersion: 1,
      data: { userId, remainingAdministrators: [...remainingAdministrators].sort() },
      occurredOn,
    },
  };
}

export const administratorsChangedMeanwhile = () =>
  new DomainError(
    'conflict',
    'administrators_changed',
    'Another change of administrators was written at the same moment: reload and try again.',
    'Quyền quản trị vừa được thay đổi bởi một thao tác khác cùng lúc: hãy tải lại danh sách người dùng và thử lại.',
  );
