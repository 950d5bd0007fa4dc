import type { Actor } from '../../src/shared/actor';
import type { AgencyLookup } from '../../src/shared/agency-lookup';
import { DomainError, expectEvents, isDomainError } from '../../src/shared/domain-error';
import type { CommandInput } from '../../src/shared/command';
import {
  decideUser,
  parseUserCommand,
  evolveUser,
  foldUser,
  initialUserState,
  normaliseUsername,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '../../src/user';

const RECEIVED_AT = '2024-06-30T03:00:00Z'; // 10:00 on 30/06/2024 in Vietnam
const TODAY = '2024-06-30';
const CREDENTIAL = 'cred-1';
const OTHER_CREDENTIAL = 'cred-2';

const admin: Actor = { userId: 'admin-1', roles: ['admin'], agency: null };

const agencies: AgencyLookup = {
  get: (code) =>
    ({
      'UBND-TINH': { active: true },
      'SO-TTTT': { active: true },
      'SO-TC': { active: true },
      'SO-CU': { active: false },
    })[code],
};

type DataOf<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>['data'];

type UserCommandInput = CommandInput<UserCommand['type']>;

/** What the API does with a command: parse it, then decide it. */
function decide(input: UserCommandInput, state: UserState) {
  const parsed = parseUserCommand(input);
  return isDomainError(parsed) ? parsed : decideUser(parsed, state, agencies);
}

function command<T extends UserCommand['type']>(
  type: T,
  data: { readonly [K in keyof DataOf<T>]?: unknown },
  meta: { occurredOn?: string; receivedAt?: string } = {},
): UserCommandInput {
  return {
    type,
    data,
    meta: {
      actor: admin,
      occurredOn: meta.occurredOn ?? TODAY,
      receivedAt: meta.receivedAt ?? RECEIVED_AT,
    },
  };
}

const createData = (overrides: Partial<DataOf<'CreateUser'>> = {}): DataOf<'CreateUser'> => ({
  userId: 'u-1',
  username: 'nguyenvana',
  displayName: 'Nguyễn Văn A',
  roles: ['staff'],
  agency: 'SO-TTTT',
  credentialId: null,
  email: null,
  phone: null,
  ...overrides,
});

/** Applies the decision's events; fails the test if the command was refused. */
function accept(
  state: UserState,
  cmd: UserCommandInput,
): { events: UserEvent[]; state: UserState } {
  const events = expectEvents(decide(cmd, state));
  return { events, state: events.reduce(evolveUser, state) };
}

function refusal(state: UserState, cmd: UserCommandInput): DomainError {
  const decision = decide(cmd, state);
  if (!isDomainError(decision)) {
    throw new Error(`expected a refusal, got ${JSON.stringify(decision)}`);
  }
  expect(decision).toBeInstanceOf(DomainError);
  expect(decision.message.trim()).not.toBe('');
  expect(decision.messageVi.trim()).not.toBe('');
  return decision;
}

const existing = (overrides: Partial<DataOf<'CreateUser'>> = {}): UserState =>
  accept(initialUserState, command('CreateUser', createData(overrides))).state;

const disabled = (): UserState =>
  accept(existing(), command('DisableUser', { reason: 'Nghỉ hưu' })).state;

describe('User: CreateUser', () => {
  it('creates a user without a password: one UserCreated event, active state', () => {
    const { events, state } = accept(initialUserState, command('CreateUser', createData()));
    expect(events).toEqual([
      {
        type: 'UserCreated',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: {
          userId: 'u-1',
          username: 'nguyenvana',
          displayName: 'Nguyễn Văn A',
          roles: ['staff'],
          agency: 'SO-TTTT',
        },
      },
    ]);
    expect(state).toEqual({
      exists: true,
      userId: 'u-1',
      username: 'nguyenvana',
      displayName: 'Nguyễn Văn A',
      roles: ['staff'],
      agency: 'SO-TTTT',
      active: true,
      credentialId: null,
      loginLockedUntil: null,
      sessionEpoch: 0,
      // No address given: none, and the default channels.
      email: null,
      phone: null,
      channels: ['email', 'in_app'],
    });
  });

  it('creates a user with a password: UserCreated then UserPasswordSet', () => {
    const { events, state } = accept(
      initialUserState,
      command('CreateUser', createData({ credentialId: CREDENTIAL })),
    );
    expect(events.map((e) => e.type)).toEqual(['UserCreated', 'UserPasswordSet']);
    expect(events[1]).toEqual({
      type: 'UserPasswordSet',
      schemaVersion: 2,
      occurredOn: TODAY,
      data: { userId: 'u-1', credentialId: CREDENTIAL },
    });
    expect(state.credentialId).toBe(CREDENTIAL);
    expect(foldUser(events)).toEqual(state);
  });

  it('normalises the username to lower case and trims it and the display name', () => {
    const { events, state } = accept(
      initialUserState,
      command(
        'CreateUser',
        createData({ username: '  Tran.Thi-B_01 ', displayName: '  Trần Thị B  ' }),
      ),
    );
    expect(events[0].data).toMatchObject({ username: 'tran.thi-b_01', displayName: 'Trần Thị B' });
    expect(state.username).toBe('tran.thi-b_01');
    expect(state.displayName).toBe('Trần Thị B');
    expect(normaliseUsername(' ADMIN ')).toBe('admin');
  });

  it('sorts and de-duplicates roles', () => {
    const { state } = accept(
      initialUserState,
      command('CreateUser', createData({ roles: ['staff', 'leader', 'staff'] })),
    );
    expect(state.roles).toEqual(['leader', 'staff']);
  });

  it.each([['admin'], ['auditor']])('lets a lone %s stand outside any agency', (role) => {
    const { state } = accept(
      initialUserState,
      command('CreateUser', createData({ roles: [role], agency: null })),
    );
    expect(state.roles).toEqual([role]);
    expect(state.agency).toBeNull();
  });

  it('keeps the business date given, when it is in the past', () => {
    const { events } = accept(
      initialUserState,
      command('CreateUser', createData(), { occurredOn: '2024-06-01' }),
    );
    expect(events[0].occurredOn).toBe('2024-06-01');
  });

  it('judges "today" in Vietnam time: 18:00 UTC on 30/06 is already 01/07', () => {
    const { events } = accept(
      initialUserState,
      command('CreateUser', createData(), {
        occurredOn: '2024-07-01',
        receivedAt: '2024-06-30T18:00:00Z',
      }),
    );
    expect(events[0].occurredOn).toBe('2024-07-01');
  });

  it.each<[string, Partial<DataOf<'CreateUser'>>, string]>([
    ['a username that is too short', { username: 'ab' }, 'invalid_username'],
    ['a username that is too long', { username: 'a'.repeat(65) }, 'invalid_username'],
    ['a username with a space inside', { username: 'nguyen van a' }, 'invalid_username'],
    ['a username with Vietnamese letters', { username: 'nguyễn' }, 'invalid_username'],
    ['a username starting with a dot', { username: '.nguyen' }, 'invalid_username'],
    ['an empty display name', { displayName: '' }, 'display_name_required'],
    ['a blank display name', { displayName: '   ' }, 'display_name_required'],
    ['no roles', { roles: [] }, 'roles_required'],
    ['an unknown role', { roles: ['staff', 'superuser'] }, 'invalid_role'],
    ['a staff member without agency', { roles: ['staff'], agency: null }, 'agency_required'],
    ['a leader without agency', { roles: ['leader'], agency: null }, 'agency_required'],
    ['a tracker without agency', { roles: ['tracker'], agency: null }, 'agency_required'],
    [
      'an admin who is also staff, without agency',
      { roles: ['admin', 'staff'], agency: null },
      'agency_required',
    ],
    ['an unregistered agency', { agency: 'SO-KHONG-CO' }, 'agency_not_found'],
    ['an inactive agency', { agency: 'SO-CU' }, 'agency_inactive'],
    [
      'a password hash in place of a credential id',
      { credentialId: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==' },
      'invalid_credential_id',
    ],
    ['a credential id with spaces', { credentialId: 'cred 1' }, 'invalid_credential_id'],
    ['an empty credential id', { credentialId: '' }, 'invalid_credential_id'],
  ])('refuses %s', (_label, overrides, code) => {
    expect(refusal(initialUserState, command('CreateUser', createData(overrides))).code).toBe(code);
  });

  it('accepts a username of exactly 3 and of exactly 64 characters', () => {
    expect(
      accept(initialUserState, command('CreateUser', createData({ username: 'abc' }))).state
        .username,
    ).toBe('abc');
    const long = 'a'.repeat(64);
    expect(
      accept(initialUserState, command('CreateUser', createData({ username: long }))).state
        .username,
    ).toBe(long);
  });

  it('names the offending role and the role that needs an agency', () => {
    const invalid = refusal(
      initialUserState,
      command('CreateUser', createData({ roles: ['boss'] })),
    );
    expect(invalid.details).toEqual({ role: 'boss' });
    const needs = refusal(
      initialUserState,
      command('CreateUser', createData({ roles: ['admin', 'tracker'], agency: null })),
    );
    expect(needs.details).toEqual({ role: 'tracker' });
  });

  it.each<[string, Partial<DataOf<'CreateUser'>>]>([
    ['staff', { roles: ['auditor', 'staff'], agency: 'SO-TTTT' }],
    ['a tracker', { roles: ['tracker', 'auditor'], agency: 'UBND-TINH' }],
    ['a leader', { roles: ['auditor', 'leader'], agency: 'UBND-TINH' }],
    ['an admin, without agency', { roles: ['auditor', 'admin'], agency: null }],
    ['an admin, with an agency', { roles: ['admin', 'auditor'], agency: 'UBND-TINH' }],
  ])('refuses an auditor who is also %s', (_label, overrides) => {
    const error = refusal(initialUserState, command('CreateUser', createData(overrides)));
    expect(error.code).toBe('auditor_role_exclusive');
    expect(error.message).toMatch(/auditor role cannot be combined/);
    expect(error.messageVi).toMatch(/không thể kết hợp với vai trò khác/);
  });

  it('accepts the auditor role named twice: it is still one role', () => {
    const { state } = accept(
      initialUserState,
      command('CreateUser', createData({ roles: ['auditor', 'auditor'], agency: 'UBND-TINH' })),
    );
    expect(state.roles).toEqual(['auditor']);
    expect(state.agency).toBe('UBND-TINH');
  });

  it('refuses to create a user that already exists', () => {
    expect(refusal(existing(), command('CreateUser', createData({ userId: 'u-2' }))).code).toBe(
      'user_already_exists',
    );
  });

  it('refuses a business date after today (Vietnam time)', () => {
    const error = refusal(
      initialUserState,
      command('CreateUser', createData(), { occurredOn: '2024-07-01' }),
    );
    expect(error.code).toBe('business_date_in_future');
  });

  it('refuses a malformed business date', () => {
    const error = refusal(
      initialUserState,
      command('CreateUser', createData(), { occurredOn: '30/06/2024' }),
    );
    expect(error.code).toBe('invalid_date');
  });
});

describe('User: commands on a user that does not exist', () => {
  it.each<UserCommandInput>([
    command('ChangeUserRoles', { roles: ['leader'] }),
    command('ChangeUserAgency', { agency: 'SO-TC' }),
    command('ChangeUserDisplayName', { displayName: 'Tên mới' }),
    command('DisableUser', { reason: 'Chuyển công tác' }),
    command('EnableUser', {}),
    command('SetUserPassword', { credentialId: CREDENTIAL }),
  ])('refuses $type with user_not_found', (cmd) => {
    expect(refusal(initialUserState, cmd).code).toBe('user_not_found');
  });
});

describe('User: ChangeUserRoles', () => {
  it('changes the roles, sorted and de-duplicated', () => {
    const { events, state } = accept(
      existing(),
      command('ChangeUserRoles', { roles: ['tracker', 'leader', 'tracker'] }),
    );
    expect(events).toEqual([
      {
        type: 'UserRolesChanged',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: { userId: 'u-1', roles: ['leader', 'tracker'] },
      },
    ]);
    expect(state.roles).toEqual(['leader', 'tracker']);
    expect(state).toMatchObject({ agency: 'SO-TTTT', active: true, username: 'nguyenvana' });
  });

  it.each<[string, readonly string[], string]>([
    ['no roles', [], 'roles_required'],
    ['an unknown role', ['chief'], 'invalid_role'],
    ['the same roles', ['staff'], 'nothing_changed'],
    ['the same roles in another form', ['staff', 'staff'], 'nothing_changed'],
  ])('refuses %s', (_label, roles, code) => {
    expect(refusal(existing(), command('ChangeUserRoles', { roles })).code).toBe(code);
  });

  it('refuses a role needing an agency for a user without one', () => {
    const auditor = existing({ roles: ['auditor'], agency: null });
    expect(refusal(auditor, command('ChangeUserRoles', { roles: ['staff'] })).code).toBe(
      'agency_required',
    );
  });

  it.each<[string, Partial<DataOf<'CreateUser'>>, readonly string[]]>([
    ['a staff member to auditor and staff', {}, ['staff', 'auditor']],
    ['a staff member to auditor and tracker', {}, ['auditor', 'tracker']],
    ['an auditor to auditor and admin', { roles: ['auditor'], agency: null }, ['auditor', 'admin']],
    [
      'an auditor to auditor and leader',
      { roles: ['auditor'], agency: 'UBND-TINH' },
      ['leader', 'auditor'],
    ],
  ])('refuses to change %s: auditor_role_exclusive', (_label, overrides, roles) => {
    const before = existing(overrides);
    const error = refusal(before, command('ChangeUserRoles', { roles }));
    expect(error.code).toBe('auditor_role_exclusive');
  });

  it('lets a staff member become a lone auditor, and back', () => {
    const { events, state } = accept(
      existing(),
      command('ChangeUserRoles', { roles: ['auditor'] }),
    );
    expect(events).toEqual([
      {
        type: 'UserRolesChanged',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: { userId: 'u-1', roles: ['auditor'] },
      },
    ]);
    expect(state).toMatchObject({ roles: ['auditor'], agency: 'SO-TTTT' });
    expect(accept(state, command('ChangeUserRoles', { roles: ['staff'] })).state.roles).toEqual([
      'staff',
    ]);
  });

  it('lets an older user holding auditor and another role be reduced to one of them', () => {
    // Written before the rule: replayed history may still carry a combined auditor.
    const legacy = foldUser([
      {
        type: 'UserCreated',
        schemaVersion: 1,
        occurredOn: '2024-01-02',
        data: {
          userId: 'u-9',
          username: 'kiemtoan',
          displayName: 'Kiểm Toán',
          roles: ['auditor', 'tracker'],
          agency: 'UBND-TINH',
        },
      },
    ]);
    expect(legacy.roles).toEqual(['auditor', 'tracker']);
    expect(accept(legacy, command('ChangeUserRoles', { roles: ['auditor'] })).state.roles).toEqual([
      'auditor',
    ]);
    expect(
      refusal(legacy, command('ChangeUserRoles', { roles: ['tracker', 'auditor', 'staff'] })).code,
    ).toBe('auditor_role_exclusive');
  });

  it('refuses when the user is disabled', () => {
    expect(refusal(disabled(), command('ChangeUserRoles', { roles: ['leader'] })).code).toBe(
      'user_disabled',
    );
  });
});

describe('User: ChangeUserAgency', () => {
  it('moves the user to another agency', () => {
    const { events, state } = accept(existing(), command('ChangeUserAgency', { agency: 'SO-TC' }));
    expect(events).toEqual([
      {
        type: 'UserAgencyChanged',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: { userId: 'u-1', agency: 'SO-TC' },
      },
    ]);
    expect(state.agency).toBe('SO-TC');
    expect(state.roles).toEqual(['staff']);
  });

  it('lets an auditor leave every agency', () => {
    const { state } = accept(
      existing({ roles: ['auditor'], agency: 'UBND-TINH' }),
      command('ChangeUserAgency', { agency: null }),
    );
    expect(state.agency).toBeNull();
  });

  it.each<[string, string | null, string]>([
    ['the same agency', 'SO-TTTT', 'nothing_changed'],
    ['no agency for a staff member', null, 'agency_required'],
    ['an unregistered agency', 'SO-KHONG-CO', 'agency_not_found'],
    ['an inactive agency', 'SO-CU', 'agency_inactive'],
  ])('refuses %s', (_label, agency, code) => {
    expect(refusal(existing(), command('ChangeUserAgency', { agency })).code).toBe(code);
  });

  it('refuses when the user is disabled', () => {
    expect(refusal(disabled(), command('ChangeUserAgency', { agency: 'SO-TC' })).code).toBe(
      'user_disabled',
    );
  });
});

describe('User: ChangeUserDisplayName', () => {
  it('changes the display name, trimmed', () => {
    const { events, state } = accept(
      existing(),
      command('ChangeUserDisplayName', { displayName: '  Nguyễn Văn Anh ' }),
    );
    expect(events).toEqual([
      {
        type: 'UserDisplayNameChanged',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: { userId: 'u-1', displayName: 'Nguyễn Văn Anh' },
      },
    ]);
    expect(state.displayName).toBe('Nguyễn Văn Anh');
  });

  it.each<[string, string, string]>([
    ['an empty name', '', 'display_name_required'],
    ['a blank name', ' \t ', 'display_name_required'],
    ['the same name', 'Nguyễn Văn A', 'nothing_changed'],
    ['the same name with spaces around', ' Nguyễn Văn A ', 'nothing_changed'],
  ])('refuses %s', (_label, displayName, code) => {
    expect(refusal(existing(), command('ChangeUserDisplayName', { displayName })).code).toBe(code);
  });

  it('refuses when the user is disabled', () => {
    const cmd = command('ChangeUserDisplayName', { displayName: 'Tên mới' });
    expect(refusal(disabled(), cmd).code).toBe('user_disabled');
  });
});

describe('User: DisableUser and EnableUser', () => {
  it('disables a user with a trimmed reason and keeps everything else', () => {
    const before = existing({ credentialId: CREDENTIAL });
    const { events, state } = accept(before, command('DisableUser', { reason: ' Nghỉ hưu ' }));
    expect(events).toEqual([
      {
        type: 'UserDisabled',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: { userId: 'u-1', reason: 'Nghỉ hưu' },
      },
    ]);
    expect(state).toEqual({ ...before, active: false, sessionEpoch: before.sessionEpoch + 1 });
  });

  it('enables a disabled user again', () => {
    const { events, state } = accept(disabled(), command('EnableUser', {}));
    expect(events).toEqual([
      { type: 'UserEnabled', schemaVersion: 1, occurredOn: TODAY, data: { userId: 'u-1' } },
    ]);
    // Active again, but the sessions the disabling ended stay ended.
    expect(state).toEqual({ ...existing(), sessionEpoch: 1 });
  });

  it.each([[''], ['   ']])('refuses to disable without a reason (%j)', (reason) => {
    expect(refusal(existing(), command('DisableUser', { reason })).code).toBe('reason_required');
  });

  it('refuses to disable a user who is already disabled', () => {
    expect(refusal(disabled(), command('DisableUser', { reason: 'Lần nữa' })).code).toBe(
      'user_disabled',
    );
  });

  it('refuses to enable a user who is not disabled', () => {
    expect(refusal(existing(), command('EnableUser', {})).code).toBe('user_not_disabled');
  });
});

describe('User: SetUserPassword', () => {
  it('sets the password hash, never anything else', () => {
    const { events, state } = accept(
      existing({ credentialId: CREDENTIAL }),
      command('SetUserPassword', { credentialId: OTHER_CREDENTIAL }),
    );
    expect(events).toEqual([
      {
        type: 'UserPasswordSet',
        schemaVersion: 2,
        occurredOn: TODAY,
        data: { userId: 'u-1', credentialId: OTHER_CREDENTIAL },
      },
    ]);
    expect(state.credentialId).toBe(OTHER_CREDENTIAL);
  });

  it.each([['scrypt$16384$8$1$c2FsdA==$aGFzaA=='], ['a b'], [''], ['x'.repeat(101)]])(
    'refuses the credential id %j',
    (credentialId) => {
      expect(refusal(existing(), command('SetUserPassword', { credentialId })).code).toBe(
        'invalid_credential_id',
      );
    },
  );

  it('refuses when the user is disabled', () => {
    expect(refusal(disabled(), command('SetUserPassword', { credentialId: CREDENTIAL })).code).toBe(
      'user_disabled',
    );
  });

  it('refuses a business date in the future', () => {
    const cmd = command(
      'SetUserPassword',
      { credentialId: CREDENTIAL },
      { occurredOn: '2024-12-31' },
    );
    expect(refusal(existing(), cmd).code).toBe('business_date_in_future');
  });
});

describe('User: LockUserLogin and UnlockUserLogin', () => {
  const UNTIL = '2024-06-30T03:15:00.000Z';

  it('records the lock, then its lifting', () => {
    const locked = accept(existing(), command('LockUserLogin', { until: UNTIL, failures: 10 }));
    expect(locked.events).toEqual([
      {
        type: 'UserLoginLocked',
        schemaVersion: 1,
        occurredOn: TODAY,
        data: { userId: 'u-1', until: UNTIL, failures: 10 },
      },
    ]);
    expect(locked.state.loginLockedUntil).toBe(UNTIL);
    const unlocked = accept(locked.state, command('UnlockUserLogin', {}));
    expect(unlocked.events.map((e) => e.type)).toEqual(['UserLoginUnlocked']);
    expect(unlocked.state.loginLockedUntil).toBeNull();
  });

  it('refuses to lift a lock that is not there', () => {
    expect(refusal(existing(), command('UnlockUserLogin', {})).code).toBe('user_not_login_locked');
  });

  it.each([
    [{ until: 'not a date', failures: 10 }],
    [{ until: UNTIL, failures: 'ten' }],
    [{ failures: 10 }],
  ])('refuses the lock %j', (data) => {
    expect(refusal(existing(), command('LockUserLogin', data)).code).toBe('invalid_login_lock');
  });
});

describe('User: RevokeUserSessions and the session epoch', () => {
  it('records the revocation and moves the epoch', () => {
    const before = existing();
    const revoked = accept(before, command('RevokeUserSessions', {}));
    expect(revoked.events).toEqual([
      { type: 'UserSessionsRevoked', schemaVersion: 1, occurredOn: TODAY, data: { userId: 'u-1' } },
    ]);
    expect(revoked.state.sessionEpoch).toBe(before.sessionEpoch + 1);
  });

  it('refuses for a disabled user, whose sessions ended with the disabling', () => {
    expect(refusal(disabled(), command('RevokeUserSessions', {})).code).toBe('user_disabled');
  });

  it.each([
    ['SetUserPassword', { credentialId: OTHER_CREDENTIAL }],
    ['ChangeUserRoles', { roles: ['leader'] }],
    ['ChangeUserAgency', { agency: 'SO-TC' }],
    ['DisableUser', { reason: 'Nghỉ việc' }],
  ] as const)('%s ends every session: the epoch moves', (type, data) => {
    const before = existing();
    expect(accept(before, command(type, data)).state.sessionEpoch).toBe(before.sessionEpoch + 1);
  });

  it.each([
    ['ChangeUserDisplayName', { displayName: 'Tên mới' }],
    ['LockUserLogin', { until: '2024-06-30T03:15:00.000Z', failures: 10 }],
  ] as const)('%s leaves the sessions alone', (type, data) => {
    const before = existing();
    expect(accept(before, command(type, data)).state.sessionEpoch).toBe(before.sessionEpoch);
  });
});

describe('User: folding a history', () => {
  it('folds a whole life into the final state', () => {
    const events: UserEvent[] = [];
    let state = initialUserState;
    for (const cmd of [
      command('CreateUser', createData({ username: 'LeVanC', credentialId: CREDENTIAL })),
      command('ChangeUserRoles', { roles: ['staff', 'tracker'] }),
      command('ChangeUserAgency', { agency: 'UBND-TINH' }),
      command('ChangeUserDisplayName', { displayName: 'Lê Văn C' }),
      command('SetUserPassword', { credentialId: OTHER_CREDENTIAL }),
      command('DisableUser', { reason: 'Tạm nghỉ' }),
      command('EnableUser', {}),
    ]) {
      const step = accept(state, cmd);
      events.push(...step.events);
      state = step.state;
    }
    expect(events.map((e) => e.type)).toEqual([
      'UserCreated',
      'UserPasswordSet',
      'UserRolesChanged',
      'UserAgencyChanged',
      'UserDisplayNameChanged',
      'UserPasswordSet',
      'UserDisabled',
      'UserEnabled',
    ]);
    expect(foldUser(events)).toEqual({
      exists: true,
      userId: 'u-1',
      username: 'levanc',
      displayName: 'Lê Văn C',
      roles: ['staff', 'tracker'],
      agency: 'UBND-TINH',
      active: true,
      credentialId: OTHER_CREDENTIAL,
      loginLockedUntil: null,
      // Two passwords, roles, agency, disabling: five changes that each ended every session.
      sessionEpoch: 5,
      email: null,
      phone: null,
      channels: ['email', 'in_app'],
    });
  });

  it('folds no events into the initial state', () => {
    expect(foldUser([])).toEqual(initialUserState);
    expect(initialUserState.exists).toBe(false);
  });
});
