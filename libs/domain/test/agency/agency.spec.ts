import type { Actor } from '../../src/shared/actor';
import { DomainError, expectEvents } from '../../src/shared/domain-error';
import type { CommandInput } from '../../src/shared/command';
import {
  decideAgency,
  parseAgencyCommand,
  evolveAgency,
  foldAgency,
  initialAgencyState,
  type AgencyCommand,
  type AgencyEvent,
  type AgencyRegisterView,
  type AgencyState,
} from '../../src/agency';

const ADMIN: Actor = { userId: 'admin', roles: ['admin'], agency: null };
const meta = { actor: ADMIN, occurredOn: '2024-05-27', receivedAt: '2024-05-27T03:00:00Z' };

type Entry = { parent: string | null; active: boolean };
// UBND-TINH ─┬─ SO-TTTT ── PHONG-CNTT
//            └─ UBND-HUONG-SON
//  TINH-UY (root) ; SO-CU (inactive, under UBND-TINH)
const REGISTER: Record<string, Entry> = {
  'UBND-TINH': { parent: null, active: true },
  'SO-TTTT': { parent: 'UBND-TINH', active: true },
  'PHONG-CNTT': { parent: 'SO-TTTT', active: true },
  'UBND-HUONG-SON': { parent: 'UBND-TINH', active: true },
  'TINH-UY': { parent: null, active: true },
  'SO-CU': { parent: 'UBND-TINH', active: false },
};
const view = (entries: Record<string, Entry> = REGISTER): AgencyRegisterView => ({
  get: (code) => entries[code],
});

type Input<D> = { readonly [K in keyof D]?: unknown };
type AgencyCommandInput = CommandInput<AgencyCommand['type']>;

const command = <T extends AgencyCommand['type']>(
  type: T,
  data: Input<Extract<AgencyCommand, { type: T }>['data']>,
): AgencyCommandInput => ({ type, data, meta });

/** What the API does with a command: parse it, then decide it against the register. */
function decide(input: AgencyCommandInput, state: AgencyState, register: AgencyRegisterView) {
  const parsed = parseAgencyCommand(input);
  return parsed instanceof DomainError ? parsed : decideAgency(parsed, state, register);
}

const codeOf = (decision: AgencyEvent[] | DomainError): string =>
  decision instanceof DomainError ? decision.code : 'accepted';

/** The state of an agency as its stream would hold it. */
const stateOf = (code: string, name: string, entry: Entry): AgencyState => {
  const events: AgencyEvent[] = [
    {
      type: 'AgencyRegistered',
      schemaVersion: 1,
      occurredOn: '2024-01-02',
      data: { code, name, parent: entry.parent, kind: null },
    },
  ];
  if (!entry.active) {
    events.push({
      type: 'AgencyDeactivated',
      schemaVersion: 1,
      occurredOn: '2024-01-03',
      data: { code, reason: null },
    });
  }
  return foldAgency(events);
};
const soTttt = () => stateOf('SO-TTTT', 'Sở Thông tin và Truyền thông', REGISTER['SO-TTTT']);
const soCu = () => stateOf('SO-CU', 'Sở cũ', REGISTER['SO-CU']);

describe('RegisterAgency', () => {
  it('registers an agency under an active parent', () => {
    const events = expectEvents(
      decide(
        command('RegisterAgency', {
          code: ' so-gtvt ',
          name: ' Sở Giao thông\n vận tải ',
          parent: 'ubnd-tinh',
          kind: 'department',
        }),
        initialAgencyState,
        view(),
      ),
    );
    expect(events).toEqual([
      {
        type: 'AgencyRegistered',
        schemaVersion: 1,
        occurredOn: '2024-05-27',
        data: {
          code: 'SO-GTVT',
          name: 'Sở Giao thông vận tải',
          parent: 'UBND-TINH',
          kind: 'department',
        },
      },
    ]);
  });

  it('registers a root agency, with no kind when none is given', () => {
    const [event] = expectEvents(
      decide(
        command('RegisterAgency', { code: 'HDND-TINH', name: 'HĐND tỉnh', parent: null }),
        initialAgencyState,
        view(),
      ),
    );
    expect(event.data).toEqual({ code: 'HDND-TINH', name: 'HĐND tỉnh', parent: null, kind: null });
  });

  it.each<[string, Input<Extract<AgencyCommand, { type: 'RegisterAgency' }>['data']>, string]>([
    ['a bad code', { code: 'SỞ-GTVT', name: 'Sở', parent: null }, 'invalid_agency_code'],
    [
      'a code already in the register',
      { code: 'so-tttt', name: 'Sở', parent: null },
      'agency_already_registered',
    ],
    ['an empty name', { code: 'SO-GTVT', name: '  ', parent: null }, 'agency_name_required'],
    [
      'a name longer than 255',
      { code: 'SO-GTVT', name: 'S'.repeat(256), parent: null },
      'agency_name_too_long',
    ],
    [
      'an unknown kind',
      { code: 'SO-GTVT', name: 'Sở', parent: null, kind: 'ministry' },
      'invalid_agency_kind',
    ],
    [
      'a malformed parent code',
      { code: 'SO-GTVT', name: 'Sở', parent: 'UBND TINH' },
      'invalid_agency_code',
    ],
    [
      'an unknown parent',
      { code: 'SO-GTVT', name: 'Sở', parent: 'UBND-HA-NOI' },
      'agency_parent_not_found',
    ],
    [
      'an inactive parent',
      { code: 'PHONG-X', name: 'Phòng', parent: 'SO-CU' },
      'agency_parent_inactive',
    ],
    ['itself as parent', { code: 'SO-GTVT', name: 'Sở', parent: 'so-gtvt' }, 'agency_cycle'],
  ])('refuses %s', (_, data, code) => {
    expect(codeOf(decide(command('RegisterAgency', data), initialAgencyState, view()))).toBe(code);
  });

  it('marks a bad parent code as the parent field', () => {
    const error = decide(
      command('RegisterAgency', { code: 'SO-GTVT', name: 'Sở', parent: '-X' }),
      initialAgencyState,
      view(),
    ) as DomainError;
    expect(error.details).toMatchObject({ field: 'parent', reason: 'separator_at_edge' });
  });

  it('refuses to register over an existing stream', () => {
    const data = { code: 'SO-TTTT', name: 'Sở', parent: null };
    expect(codeOf(decide(command('RegisterAgency', data), soTttt(), view({})))).toBe(
      'agency_already_registered',
    );
  });

  it('refuses a business date in the future', () => {
    const cmd = {
      ...command('RegisterAgency', { code: 'SO-GTVT', name: 'Sở', parent: null }),
      meta: { ...meta, occurredOn: '2024-05-28' },
    };
    expect(codeOf(decide(cmd, initialAgencyState, view()))).toBe('business_date_in_future');
  });
});

describe('RenameAgency', () => {
  it('renames', () => {
    const [event] = expectEvents(
      decide(command('RenameAgency', { name: 'Sở Khoa học và Công nghệ' }), soTttt(), view()),
    );
    expect(event).toMatchObject({
      type: 'AgencyRenamed',
      data: { code: 'SO-TTTT', name: 'Sở Khoa học và Công nghệ' },
    });
  });

  it('refuses the same name, an empty name, an inactive or unknown agency', () => {
    expect(
      codeOf(
        decide(
          command('RenameAgency', { name: ' Sở Thông tin và Truyền thông ' }),
          soTttt(),
          view(),
        ),
      ),
    ).toBe('nothing_changed');
    expect(codeOf(decide(command('RenameAgency', { name: '' }), soTttt(), view()))).toBe(
      'agency_name_required',
    );
    expect(codeOf(decide(command('RenameAgency', { name: 'Mới' }), soCu(), view()))).toBe(
      'agency_inactive',
    );
    expect(
      codeOf(decide(command('RenameAgency', { name: 'Mới' }), initialAgencyState, view())),
    ).toBe('agency_not_found');
  });
});

describe('MoveAgency', () => {
  it('moves under another active agency, remembering where it was', () => {
    const [event] = expectEvents(
      decide(command('MoveAgency', { parent: 'tinh-uy' }), soTttt(), view()),
    );
    expect(event).toMatchObject({
      type: 'AgencyMoved',
      data: { code: 'SO-TTTT', parent: 'TINH-UY', previousParent: 'UBND-TINH' },
    });
  });

  it('moves to the top', () => {
    const [event] = expectEvents(decide(command('MoveAgency', { parent: null }), soTttt(), view()));
    expect(event.data).toEqual({ code: 'SO-TTTT', parent: null, previousParent: 'UBND-TINH' });
  });

  it.each([
    ['under itself', 'SO-TTTT', 'agency_cycle'],
    ['under its own unit', 'PHONG-CNTT', 'agency_cycle'],
    ['under the same parent', 'UBND-TINH', 'nothing_changed'],
    ['under an unknown agency', 'NOWHERE', 'agency_parent_not_found'],
    ['under an inactive agency', 'SO-CU', 'agency_parent_inactive'],
    ['under a malformed code', 'SO TTTT', 'invalid_agency_code'],
  ])('refuses a move %s', (_, parent, code) => {
    expect(codeOf(decide(command('MoveAgency', { parent }), soTttt(), view()))).toBe(code);
  });

  it('refuses a move two levels down into its own subtree', () => {
    const top = stateOf('UBND-TINH', 'UBND tỉnh', REGISTER['UBND-TINH']);
    const error = decide(
      command('MoveAgency', { parent: 'PHONG-CNTT' }),
      top,
      view(),
    ) as DomainError;
    expect(error.code).toBe('agency_cycle');
    expect(error.messageVi).toContain('trực thuộc');
  });

  it('does not hang on a register that already holds a cycle', () => {
    const corrupt = {
      ...REGISTER,
      AA: { parent: 'BB', active: true },
      BB: { parent: 'AA', active: true },
    };
    expect(codeOf(decide(command('MoveAgency', { parent: 'AA' }), soTttt(), view(corrupt)))).toBe(
      'accepted',
    );
  });

  it('refuses to move an inactive or unknown agency', () => {
    expect(codeOf(decide(command('MoveAgency', { parent: null }), soCu(), view()))).toBe(
      'agency_inactive',
    );
    expect(
      codeOf(decide(command('MoveAgency', { parent: null }), initialAgencyState, view())),
    ).toBe('agency_not_found');
  });
});

describe('DeactivateAgency / ReactivateAgency', () => {
  it('deactivates with or without a reason', () => {
    const [withReason] = expectEvents(
      decide(command('DeactivateAgency', { reason: ' Sáp nhập ' }), soTttt(), view()),
    );
    expect(withReason).toMatchObject({
      type: 'AgencyDeactivated',
      data: { code: 'SO-TTTT', reason: 'Sáp nhập' },
    });
    const [without] = expectEvents(decide(command('DeactivateAgency', {}), soTttt(), view()));
    expect(without.data).toEqual({ code: 'SO-TTTT', reason: null });
  });

  it('refuses to deactivate twice or an unknown agency', () => {
    expect(codeOf(decide(command('DeactivateAgency', {}), soCu(), view()))).toBe('agency_inactive');
    expect(codeOf(decide(command('DeactivateAgency', {}), initialAgencyState, view()))).toBe(
      'agency_not_found',
    );
  });

  it('reactivates an inactive agency under an active parent', () => {
    const [event] = expectEvents(decide(command('ReactivateAgency', {}), soCu(), view()));
    expect(event).toMatchObject({ type: 'AgencyReactivated', data: { code: 'SO-CU' } });
  });

  it('refuses to reactivate an active or unknown agency, or one whose parent is inactive', () => {
    expect(codeOf(decide(command('ReactivateAgency', {}), soTttt(), view()))).toBe('agency_active');
    expect(codeOf(decide(command('ReactivateAgency', {}), initialAgencyState, view()))).toBe(
      'agency_not_found',
    );
    const phong = stateOf('PHONG-CU', 'Phòng', { parent: 'SO-CU', active: false });
    expect(codeOf(decide(command('ReactivateAgency', {}), phong, view()))).toBe(
      'agency_parent_inactive',
    );
  });
});

describe('evolveAgency / foldAgency', () => {
  it('folds a whole life', () => {
    const at = (type: AgencyEvent['type'], data: object): AgencyEvent =>
      ({ type, schemaVersion: 1, occurredOn: '2024-01-02', data }) as AgencyEvent;
    const history = [
      at('AgencyRegistered', {
        code: 'SO-TTTT',
        name: 'Sở TT&TT',
        parent: 'UBND-TINH',
        kind: 'department',
      }),
      at('AgencyRenamed', { code: 'SO-TTTT', name: 'Sở KH&CN' }),
      at('AgencyMoved', { code: 'SO-TTTT', parent: null, previousParent: 'UBND-TINH' }),
      at('AgencyDeactivated', { code: 'SO-TTTT', reason: 'Sáp nhập' }),
    ];
    expect(foldAgency(history)).toEqual({
      exists: true,
      code: 'SO-TTTT',
      name: 'Sở KH&CN',
      parent: null,
      kind: 'department',
      active: false,
      // Registered before heads existed, or never given one: none.
      headUserId: null,
      // No reminder settings of its own: the deployment's.
      reminderSettings: {},
      // No names mapped from imported lists.
      aliases: [],
    });
    const back = evolveAgency(foldAgency(history), at('AgencyReactivated', { code: 'SO-TTTT' }));
    expect(back.active).toBe(true);
    expect(foldAgency([])).toBe(initialAgencyState);
  });
});
