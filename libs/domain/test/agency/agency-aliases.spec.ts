import { authorizeAgencyAliases } from '../../src/access/admin-permissions';
import type { Actor } from '../../src/shared/actor';
import { DomainError, expectEvents } from '../../src/shared/domain-error';
import {
  decideAgency,
  foldAgency,
  parseAgencyCommand,
  type AgencyEvent,
  type AgencyRegisterView,
  type AgencyState,
} from '../../src/agency';
import { createAgencyMatcher } from '../../src/import';

const TRACKER: Actor = { userId: 'tracker', roles: ['tracker'], agency: 'UBND-TINH' };
const meta = { actor: TRACKER, occurredOn: '2027-03-01', receivedAt: '2027-03-01T03:00:00Z' };

const registered = (code: string, name: string, events: AgencyEvent[] = []): AgencyState =>
  foldAgency([
    {
      type: 'AgencyRegistered',
      schemaVersion: 1,
      occurredOn: '2027-01-04',
      data: { code, name, parent: null, kind: 'department' },
    },
    ...events,
  ]);

const added = (code: string, alias: string): AgencyEvent => ({
  type: 'AgencyAliasAdded',
  schemaVersion: 1,
  occurredOn: '2027-02-01',
  data: { code, alias },
});

const STTTT = registered('STTTT', 'Sở Thông tin và Truyền thông');
const SVHTT = registered('SVHTT', 'Sở Văn hóa, Thể thao và Du lịch', [added('SVHTT', 'Sở VH')]);
const STC = registered('STC', 'Sở Tài chính');
// Closed, with the name its lists used; the name goes free, its alias does not.
const SCU = {
  ...registered('SCU', 'Sở Ngoại vụ', [added('SCU', 'Sở NgV')]),
  active: false,
};

const registerOf = (...agencies: AgencyState[]): AgencyRegisterView => ({
  get: (code) => agencies.find((a) => a.code === code),
  agencies: () => agencies,
});
const register = registerOf(STTTT, SVHTT, STC, SCU);

function run(type: 'AddAgencyAlias' | 'RemoveAgencyAlias', state: AgencyState, alias: unknown) {
  const parsed = parseAgencyCommand({ type, data: { alias }, meta });
  return parsed instanceof DomainError ? parsed : decideAgency(parsed, state, register);
}
const add = (state: AgencyState, alias: unknown) => run('AddAgencyAlias', state, alias);
const remove = (state: AgencyState, alias: unknown) => run('RemoveAgencyAlias', state, alias);

const refusal = (decision: unknown) => {
  if (!(decision instanceof DomainError)) throw new Error('expected a refusal');
  return decision;
};

describe('AddAgencyAlias', () => {
  it('records the name as cleaned, and the agency keeps it with the day it was mapped', () => {
    const events = expectEvents(add(STTTT, '  Sở\u00a0 TT\n'));
    expect(events).toEqual([
      {
        type: 'AgencyAliasAdded',
        schemaVersion: 1,
        occurredOn: '2027-03-01',
        data: { code: 'STTTT', alias: 'Sở TT' },
      },
    ]);
    const state = foldAgency([
      {
        type: 'AgencyRegistered',
        schemaVersion: 1,
        occurredOn: '2027-01-04',
        data: { code: 'STTTT', name: STTTT.name, parent: null, kind: 'department' },
      },
      ...events,
    ]);
    expect(state.aliases).toEqual([{ alias: 'Sở TT', addedOn: '2027-03-01' }]);
    // The import's matcher then takes the name, in any case or accents, for the agency.
    const matcher = createAgencyMatcher(
      [STTTT, STC],
      new Map(state.aliases.map((a) => [a.alias, state.code])),
    );
    expect(matcher.match('SO TT')).toEqual({ kind: 'matched', code: 'STTTT', by: 'alias' });
  });

  it('is no change when the agency already has the name, in any spelling that folds the same', () => {
    expect(add(SVHTT, 'Sở VH')).toEqual([]);
    expect(add(SVHTT, 'so vh')).toEqual([]);
  });

  it("refuses a name that is another agency's alias, code or name, naming that agency", () => {
    const alias = refusal(add(STTTT, 'SO VH'));
    expect(alias.kind).toBe('conflict');
    expect(alias.code).toBe('agency_alias_taken');
    expect(alias.messageVi).toContain('Sở Văn hóa, Thể thao và Du lịch (SVHTT)');
    expect(refusal(add(STTTT, 'stc')).messageVi).toContain('Sở Tài chính (STC)');
    expect(refusal(add(STTTT, 'So Tai chinh')).details).toMatchObject({ owners: ['STC'] });
    // An inactive agency's alias stays its own until removed.
    expect(refusal(add(STTTT, 'Sở NgV')).details).toMatchObject({ owners: ['SCU'] });
  });

  it("takes the name or code of a closed agency for its successor, and the agency's own name", () => {
    expect(expectEvents(add(STTTT, 'Sở Ngoại vụ'))).toHaveLength(1);
    expect(expectEvents(add(STTTT, 'Sở TTTT'))).toHaveLength(1);
  });

  it('refuses an inactive agency', () => {
    expect(refusal(add(SCU, 'Sở NV')).code).toBe('agency_inactive');
  });

  it('refuses text that is no name: blank, punctuation only, controls, too long', () => {
    expect(refusal(add(STTTT, '   ')).code).toBe('agency_alias_required');
    expect(refusal(add(STTTT, undefined)).code).toBe('agency_alias_required');
    expect(refusal(add(STTTT, ' - / ')).code).toBe('agency_alias_required');
    const control = refusal(add(STTTT, 'Sở\u0007TT'));
    expect(control.kind).toBe('invalid_input');
    expect(control.messageVi).toContain('Tên gọi khác');
    expect(refusal(add(STTTT, 'Sở\u202eTT')).code).toBe('invalid_text');
    expect(refusal(add(STTTT, 'ắ'.repeat(201))).code).toBe('agency_alias_too_long');
    expect(expectEvents(add(STTTT, 'ắ'.repeat(200)))).toHaveLength(1);
  });

  it('needs the register of names: a view without it is a wiring mistake', () => {
    const parsed = parseAgencyCommand({ type: 'AddAgencyAlias', data: { alias: 'Sở TT' }, meta });
    if (parsed instanceof DomainError) throw new Error(parsed.message);
    const withoutNames: AgencyRegisterView = { get: (code) => register.get(code) };
    expect(() => decideAgency(parsed, STTTT, withoutNames)).toThrow(/register of names/);
  });
});

describe('RemoveAgencyAlias', () => {
  it('removes the alias as it was added, found in any spelling', () => {
    const events = expectEvents(remove(SVHTT, 'SO VH'));
    expect(events[0]).toMatchObject({
      type: 'AgencyAliasRemoved',
      data: { code: 'SVHTT', alias: 'Sở VH' },
    });
    const state = foldAgency([
      {
        type: 'AgencyRegistered',
        schemaVersion: 1,
        occurredOn: '2027-01-04',
        data: { code: 'SVHTT', name: SVHTT.name, parent: null, kind: 'department' },
      },
      added('SVHTT', 'Sở VH'),
      ...events,
    ]);
    expect(state.aliases).toEqual([]);
  });

  it('is no change for a name the agency does not have', () => {
    expect(remove(STTTT, 'Sở VH')).toEqual([]);
  });

  it('frees the name of an inactive agency', () => {
    expect(expectEvents(remove(SCU, 'Sở NgV'))).toHaveLength(1);
  });
});

describe('who maps names', () => {
  const actor = (roles: string[], agency: string | null = 'STC') =>
    ({ userId: 'u', roles, agency }) as Actor;

  it('administrators, and the leadership and trackers of any body', () => {
    expect(authorizeAgencyAliases(actor(['admin'], null), 'change')).toBeNull();
    expect(authorizeAgencyAliases(actor(['leader']), 'change')).toBeNull();
    expect(authorizeAgencyAliases(actor(['tracker']), 'change')).toBeNull();
  });

  it('auditors read them only; staff neither', () => {
    expect(authorizeAgencyAliases(actor(['auditor'], null), 'read')).toBeNull();
    const auditor = authorizeAgencyAliases(actor(['auditor'], null), 'change');
    expect(auditor?.kind).toBe('forbidden');
    expect(auditor?.messageVi).toContain('Kiểm toán');
    const staff = authorizeAgencyAliases(actor(['staff']), 'change');
    expect(staff?.kind).toBe('forbidden');
    expect(staff?.messageVi).toContain('tên gọi khác');
    expect(authorizeAgencyAliases(actor(['staff']), 'read')?.kind).toBe('forbidden');
  });
});
