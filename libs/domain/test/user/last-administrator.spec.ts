import {
  administratorRemoval,
  initialUserState,
  keepsAnAdministrator,
  type UserState,
} from '../../src/user';

const admin: UserState = {
  ...initialUserState,
  exists: true,
  userId: 'u-1',
  username: 'admin',
  roles: ['admin'],
  active: true,
};

describe('the last active administrator', () => {
  it.each([
    ['loses the admin role', { ...admin, roles: ['auditor' as const] }],
    ['is disabled', { ...admin, active: false }],
  ])('cannot be removed when it %s and no other remains', (_, after) => {
    expect(keepsAnAdministrator(admin, after, 0)).toMatchObject({
      kind: 'rule_refused',
      code: 'last_administrator',
    });
    expect(keepsAnAdministrator(admin, after, 1)).toBeNull();
  });

  it('does not concern changes that keep an administrator, nor users who were not one', () => {
    expect(keepsAnAdministrator(admin, { ...admin, displayName: 'Quản trị' }, 0)).toBeNull();
    const staff = { ...admin, roles: ['staff' as const], agency: 'STC' };
    expect(keepsAnAdministrator(staff, { ...staff, active: false }, 0)).toBeNull();
  });

  it('records a removal on the one administrators stream, with who remains', () => {
    expect(administratorRemoval('u-1', ['u-3', 'u-2'], '2024-06-30')).toEqual({
      streamId: 'administrators-active',
      event: {
        type: 'AdministratorRemoved',
        schemaVersion: 1,
        data: { userId: 'u-1', remainingAdministrators: ['u-2', 'u-3'] },
        occurredOn: '2024-06-30',
      },
    });
  });
});
