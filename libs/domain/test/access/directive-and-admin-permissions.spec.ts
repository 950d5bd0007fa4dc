import { authorizeAdministration } from '../../src/access/admin-permissions';
import {
  authorizeDirectiveAction,
  type DirectiveAction,
} from '../../src/access/directive-permissions';
import type { Actor } from '../../src/shared/actor';
import { actor, scope } from './two-provinces.fixture';
import { DomainError } from '../../src/shared/domain-error';

const ACTORS = {
  'leader of the province': actor('lanh-dao-tinh', ['leader'], 'UBND-TINH'),
  'leader of another province': actor('lanh-dao-khac', ['leader'], 'UBND-KHAC'),
  'tracker of the province': actor('vp-tinh', ['tracker'], 'UBND-TINH'),
  'leader of SO-TTTT': actor('gd-tttt', ['leader'], 'SO-TTTT'),
  'tracker of SO-TTTT': actor('vp-tttt', ['tracker'], 'SO-TTTT'),
  'staff of the province': actor('cb-tinh', ['staff'], 'UBND-TINH'),
  'staff of SO-TTTT': actor('cb-tttt', ['staff'], 'SO-TTTT'),
  auditor: actor('kiem-toan', ['auditor'], null),
  'auditor attached to the province': actor('kiem-toan-tinh', ['auditor'], 'UBND-TINH'),
  admin: actor('quan-tri', ['admin'], null),
  'admin of the province': actor('quan-tri-tinh', ['admin'], 'UBND-TINH'),
  'admin and leader of the province': actor('qt-ld', ['admin', 'leader'], 'UBND-TINH'),
  'staff and tracker of SO-TTTT': actor('cb-vp', ['staff', 'tracker'], 'SO-TTTT'),
  'leader without an agency': actor('lanh-dao-lac', ['leader'], null),
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;
const NAMES = Object.keys(ACTORS) as ActorName[];

function expectForbidden(result: DomainError | null): DomainError {
  expect(result).toBeInstanceOf(DomainError);
  const error = result as DomainError;
  expect(error.code).toBe('forbidden');
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(error.messageVi.trim().length).toBeGreaterThan(0);
  expect(error.message).not.toBe(error.messageVi);
  return error;
}

describe('authorizeDirectiveAction', () => {
  // Who may enter a new directive (no directive yet: the actor's body becomes the assigner).
  const MAY_REGISTER: readonly ActorName[] = [
    'leader of the province',
    'leader of another province',
    'tracker of the province',
    'leader of SO-TTTT',
    'tracker of SO-TTTT',
    'admin and leader of the province',
    'staff and tracker of SO-TTTT',
  ];

  it.each(NAMES.map((name) => ({ name, allowed: MAY_REGISTER.includes(name) })))(
    '$name may register a directive: $allowed',
    ({ name, allowed }) => {
      const result = authorizeDirectiveAction(ACTORS[name], 'register', scope);
      if (allowed) expect(result).toBeNull();
      else expect(expectForbidden(result).details).toEqual({ action: 'register' });
    },
  );

  // Who may correct or revoke a directive issued by UBND-TINH.
  const MAY_CHANGE_PROVINCIAL: readonly ActorName[] = [
    'leader of the province',
    'tracker of the province',
    'admin and leader of the province',
  ];
  const changes: DirectiveAction[] = ['correct', 'revoke'];

  it.each(
    changes.flatMap((action) =>
      NAMES.map((name) => ({ name, action, allowed: MAY_CHANGE_PROVINCIAL.includes(name) })),
    ),
  )('$name may $action a directive of UBND-TINH: $allowed', ({ name, action, allowed }) => {
    const result = authorizeDirectiveAction(ACTORS[name], action, scope, {
      assigningAgency: 'UBND-TINH',
    });
    if (allowed) expect(result).toBeNull();
    else expect(expectForbidden(result).details).toEqual({ action });
  });

  it.each(changes)('a department may %s its own directives, not the province’s', (action) => {
    const own = { assigningAgency: 'SO-TTTT' };
    const province = { assigningAgency: 'UBND-TINH' };
    const sibling = { assigningAgency: 'SO-TC' };
    for (const who of [ACTORS['leader of SO-TTTT'], ACTORS['tracker of SO-TTTT']]) {
      expect(authorizeDirectiveAction(who, action, scope, own)).toBeNull();
      expectForbidden(authorizeDirectiveAction(who, action, scope, province));
      expectForbidden(authorizeDirectiveAction(who, action, scope, sibling));
    }
  });

  it('the province reaches the directives of its departments and their units', () => {
    const leader = ACTORS['leader of the province'];
    for (const assigningAgency of ['SO-TTTT', 'PHONG-CNTT', 'SO-TC']) {
      expect(authorizeDirectiveAction(leader, 'correct', scope, { assigningAgency })).toBeNull();
    }
    expectForbidden(
      authorizeDirectiveAction(leader, 'correct', scope, { assigningAgency: 'SO-X' }),
    );
  });

  it('a department leader acts for its unit PHONG-CNTT', () => {
    const leader = ACTORS['leader of SO-TTTT'];
    const directive = { assigningAgency: 'PHONG-CNTT' };
    expect(authorizeDirectiveAction(leader, 'revoke', scope, directive)).toBeNull();
  });

  it.each<DirectiveAction>(['register', 'correct', 'revoke'])(
    'an auditor is told they read only when trying to %s',
    (action) => {
      for (const who of [ACTORS.auditor, ACTORS['auditor attached to the province']]) {
        const error = expectForbidden(
          authorizeDirectiveAction(who, action, scope, { assigningAgency: 'UBND-TINH' }),
        );
        expect(error.message).toBe('Auditors read only and never write.');
        expect(error.messageVi).toBe(
          'Kiểm toán, thanh tra chỉ được xem, không được thay đổi dữ liệu.',
        );
      }
    },
  );

  it('staff are told who may enter directives', () => {
    const error = expectForbidden(
      authorizeDirectiveAction(ACTORS['staff of the province'], 'register', scope),
    );
    expect(error.message).toMatch(/leadership of the assigning body or its tracking office/);
    expect(error.messageVi).toMatch(/lãnh đạo cơ quan ban hành/);
  });
});

describe('authorizeAdministration', () => {
  const ADMINS: readonly ActorName[] = [
    'admin',
    'admin of the province',
    'admin and leader of the province',
  ];

  it.each(
    (['users', 'agencies'] as const).flatMap((what) =>
      NAMES.map((name) => ({ name, what, allowed: ADMINS.includes(name) })),
    ),
  )('$name may manage $what: $allowed', ({ name, what, allowed }) => {
    const result = authorizeAdministration(ACTORS[name], what);
    if (allowed) expect(result).toBeNull();
    else expectForbidden(result);
  });

  it('says which register is reserved to administrators', () => {
    const leader = ACTORS['leader of the province'];
    const users = expectForbidden(authorizeAdministration(leader, 'users'));
    const agencies = expectForbidden(authorizeAdministration(leader, 'agencies'));
    expect(users.message).toBe('Only administrators manage users.');
    expect(users.messageVi).toMatch(/người dùng/);
    expect(agencies.message).toBe('Only administrators manage the agency register.');
    expect(agencies.messageVi).toMatch(/danh mục cơ quan/);
  });
});
