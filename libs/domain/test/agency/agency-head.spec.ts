import type { Actor } from '../../src/shared/actor';
import { DomainError, expectEvents } from '../../src/shared/domain-error';
import {
  decideAgency,
  evolveAgency,
  foldAgency,
  parseAgencyCommand,
  type AgencyEvent,
  type AgencyRegisterView,
  type AgencyState,
  type HeadCandidate,
} from '../../src/agency';

const ADMIN: Actor = { userId: 'admin', roles: ['admin'], agency: null };
const meta = { actor: ADMIN, occurredOn: '2024-05-27', receivedAt: '2024-05-27T03:00:00Z' };

const USERS: Record<string, HeadCandidate> = {
  'gd-tttt': { active: true, agency: 'SO-TTTT' },
  'gd-nghi-huu': { active: false, agency: 'SO-TTTT' },
  'tp-cntt': { active: true, agency: 'PHONG-CNTT' },
  'ct-tinh': { active: true, agency: 'UBND-TINH' },
};
const register: AgencyRegisterView = {
  get: (code) => ({ parent: null, active: code !== 'SO-CU' }),
  user: (id) => USERS[id],
};

const registered = (code: string, active = true): AgencyState => {
  const events: AgencyEvent[] = [
    {
      type: 'AgencyRegistered',
      schemaVersion: 1,
      occurredOn: '2024-01-02',
      data: { code, name: code, parent: null, kind: null },
    },
  ];
  if (!active) {
    events.push({
      type: 'AgencyDeactivated',
      schemaVersion: 1,
      occurredOn: '2024-01-03',
      data: { code, reason: null },
    });
  }
  return foldAgency(events);
};

function assign(state: AgencyState, headUserId: unknown, view: AgencyRegisterView = register) {
  const parsed = parseAgencyCommand({ type: 'AssignAgencyHead', data: { headUserId }, meta });
  return parsed instanceof DomainError ? parsed : decideAgency(parsed, state, view);
}

const codeOf = (decision: AgencyEvent[] | DomainError) =>
  decision instanceof DomainError ? decision.code : 'accepted';

describe('AssignAgencyHead', () => {
  it('makes an active user of the agency its head, and folds it', () => {
    const events = expectEvents(assign(registered('SO-TTTT'), 'gd-tttt'));
    expect(events).toEqual([
      {
        type: 'AgencyHeadAssigned',
        schemaVersion: 1,
        occurredOn: '2024-05-27',
        data: { code: 'SO-TTTT', headUserId: 'gd-tttt' },
      },
    ]);
    expect(events.reduce(evolveAgency, registered('SO-TTTT')).headUserId).toBe('gd-tttt');
  });

  it('removes the head with null', () => {
    const headed = expectEvents(assign(registered('SO-TTTT'), 'gd-tttt')).reduce(
      evolveAgency,
      registered('SO-TTTT'),
    );
    const events = expectEvents(assign(headed, null));
    expect(events[0].data).toEqual({ code: 'SO-TTTT', headUserId: null });
    expect(events.reduce(evolveAgency, headed).headUserId).toBeNull();
  });

  it.each([
    ['an unknown user', 'khong-co', 'agency_head_not_found'],
    ['a disabled account', 'gd-nghi-huu', 'agency_head_disabled'],
    ['a user of a unit below', 'tp-cntt', 'agency_head_outside_agency'],
    ['a user of the body above', 'ct-tinh', 'agency_head_outside_agency'],
    ['no id', undefined, 'invalid_agency_head'],
    ['an id with a space', 'gd tttt', 'invalid_agency_head'],
  ])('refuses %s', (_what, id, code) => {
    const decision = assign(registered('SO-TTTT'), id);
    expect(codeOf(decision)).toBe(code);
    expect((decision as DomainError).messageVi).toMatch(/người|Người/);
  });

  it('refuses the same head again, and an inactive agency', () => {
    expect(codeOf(assign(registered('SO-TTTT'), null))).toBe('nothing_changed');
    expect(codeOf(assign(registered('SO-CU', false), 'gd-tttt'))).toBe('agency_inactive');
  });

  it('refuses every head when the view knows no users', () => {
    const withoutUsers: AgencyRegisterView = { get: (code) => register.get(code) };
    expect(codeOf(assign(registered('SO-TTTT'), 'gd-tttt', withoutUsers))).toBe(
      'agency_head_not_found',
    );
  });
});
