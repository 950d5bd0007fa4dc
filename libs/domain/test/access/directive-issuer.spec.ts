import {
  authorizeDirectiveIssuer,
  authorizeDirectiveWithdrawal,
  issuingAgenciesOf,
} from '../../src/access/directive-permissions';
import { DomainError } from '../../src/shared/domain-error';
import { actor, scope } from './two-provinces.fixture';

const REGISTER = [
  { code: 'UBND-TINH', name: 'UBND tỉnh Hà Tĩnh' },
  { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
  { code: 'SO-TC', name: 'Sở Tài chính' },
  { code: 'PHONG-CNTT', name: 'Phòng Công nghệ thông tin' },
  { code: 'UBND-KHAC', name: 'UBND tỉnh khác' },
];

const provinceLeader = actor('ld', ['leader'], 'UBND-TINH');
const provinceTracker = actor('vp', ['tracker'], 'UBND-TINH');
const departmentLeader = actor('gd', ['leader'], 'SO-TTTT');
const siblingLeader = actor('gd-tc', ['leader'], 'SO-TC');
const otherProvince = actor('khac', ['leader'], 'UBND-KHAC');

const check = (who: ReturnType<typeof actor>, issuer: string) =>
  authorizeDirectiveIssuer(who, issuer, issuingAgenciesOf(issuer, REGISTER), scope);

describe('issuingAgenciesOf', () => {
  it('finds the agency by its name as a clerk writes it, or by its code', () => {
    expect(issuingAgenciesOf('UBND tỉnh Hà Tĩnh', REGISTER)).toEqual(['UBND-TINH']);
    expect(issuingAgenciesOf('  ubnd  TỈNH hà tĩnh ', REGISTER)).toEqual(['UBND-TINH']);
    // Decomposed (NFD) input from a Mac keyboard is the same name.
    expect(issuingAgenciesOf('UBND tỉnh Hà Tĩnh'.normalize('NFD'), REGISTER)).toEqual([
      'UBND-TINH',
    ]);
    expect(issuingAgenciesOf('so-tttt', REGISTER)).toEqual(['SO-TTTT']);
  });

  it('names no agency for a body outside the register', () => {
    expect(issuingAgenciesOf('Thủ tướng Chính phủ', REGISTER)).toEqual([]);
  });
});

describe('authorizeDirectiveIssuer: a body enters its own documents and those below it', () => {
  it.each([
    ['the province', provinceLeader, 'UBND tỉnh Hà Tĩnh'],
    ['the province’s tracking office', provinceTracker, 'UBND tỉnh Hà Tĩnh'],
    ['the province, for a department', provinceTracker, 'Sở Tài chính'],
    ['a department', departmentLeader, 'Sở Thông tin và Truyền thông'],
    ['a department, for its unit', departmentLeader, 'Phòng Công nghệ thông tin'],
    ['a department, for an outside body', departmentLeader, 'Thủ tướng Chính phủ'],
  ])('%s may', (_, who, issuer) => {
    expect(check(who, issuer)).toBeNull();
  });

  it.each([
    ['a department, as the province', departmentLeader, 'UBND tỉnh Hà Tĩnh'],
    ['a department, as the province by code', departmentLeader, 'UBND-TINH'],
    ['a department, as a sibling', siblingLeader, 'Sở Thông tin và Truyền thông'],
    ['another province', otherProvince, 'UBND tỉnh Hà Tĩnh'],
    ['a unit-less leader', actor('x', ['leader'], null), 'Sở Tài chính'],
  ])('%s may not', (_, who, issuer) => {
    const refusal = check(who, issuer) as DomainError;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.kind).toBe('forbidden');
    expect(refusal.details).toMatchObject({ action: 'register', field: 'issuer' });
    expect(refusal.messageVi).toContain('Cơ quan ban hành');
    expect(refusal.messageVi).toContain(issuer);
  });
});

describe('authorizeDirectiveWithdrawal', () => {
  // SO-TC entered, as its own, a document its issuer text gives to SO-TTTT.
  const squatted = { assigningAgency: 'SO-TC', issuingAgencies: ['SO-TTTT'] };

  it.each([
    ['the body that entered it', siblingLeader],
    ['the body its issuer names', departmentLeader],
    ['a body above both', provinceTracker],
  ])('%s may withdraw it', (_, who) => {
    expect(authorizeDirectiveWithdrawal(who, scope, squatted)).toBeNull();
  });

  it.each([
    ['another province', otherProvince],
    ['staff of the issuing body', actor('cb', ['staff'], 'SO-TTTT')],
    ['a unit below the issuing body', actor('p', ['leader'], 'PHONG-CNTT')],
  ])('%s may not', (_, who) => {
    const refusal = authorizeDirectiveWithdrawal(who, scope, squatted) as DomainError;
    expect(refusal.kind).toBe('forbidden');
    expect(refusal.details).toEqual({ action: 'withdraw' });
  });

  it('an auditor is told auditors only read', () => {
    const refusal = authorizeDirectiveWithdrawal(actor('a', ['auditor'], null), scope, squatted);
    expect(refusal?.messageVi).toContain('chỉ được xem');
  });
});
