import { authorizeAdministration } from '../../src/access/admin-permissions';
import { authorizeDirectiveRead } from '../../src/access/directive-permissions';
import type { Actor, Role } from '../../src/shared/actor';
import { scope } from './two-provinces.fixture';

const who = (roles: Role[], agency: string | null): Actor => ({ userId: 'u', roles, agency });

describe('reading a directive', () => {
  const province = { assigningAgency: 'UBND-TINH' };
  const department = { assigningAgency: 'SO-TTTT' };

  it.each([
    ['the auditor', who(['auditor'], null), province, true],
    ['a leader of the issuing body', who(['leader'], 'UBND-TINH'), province, true],
    ['a tracker of the body above the issuer', who(['tracker'], 'UBND-TINH'), department, true],
    [
      'a department leader reading the province programme',
      who(['leader'], 'SO-TTTT'),
      province,
      true,
    ],
    [
      'staff of a department reading the province programme',
      who(['staff'], 'SO-TC'),
      province,
      true,
    ],
    [
      'staff of a unit reading its department’s directive',
      who(['staff'], 'PHONG-CNTT'),
      department,
      true,
    ],
    ['staff of a sibling department', who(['staff'], 'SO-TC'), department, false],
    ['a leader of another province', who(['leader'], 'UBND-KHAC'), province, false],
    ['staff of another province', who(['staff'], 'SO-X'), province, false],
    ['an administrator', who(['admin'], null), province, false],
  ])('%s: %s', (_label, actor, directive, allowed) => {
    const refusal = authorizeDirectiveRead(actor, scope, directive);
    if (allowed) {
      expect(refusal).toBeNull();
    } else {
      expect(refusal?.code).toBe('forbidden');
      expect(refusal?.messageVi).toMatch(/không thuộc phạm vi/);
    }
  });
});

describe('administration refused to an auditor', () => {
  it.each(['users', 'agencies'] as const)('%s: says auditors only read', (what) => {
    const refusal = authorizeAdministration(who(['auditor'], null), what);
    expect(refusal?.code).toBe('forbidden');
    expect(refusal?.messageVi).toBe(
      'Kiểm toán, thanh tra chỉ được xem, không được thay đổi dữ liệu.',
    );
  });
});
