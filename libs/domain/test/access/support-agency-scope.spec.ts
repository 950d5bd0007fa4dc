import { authorizeTaskAction, type TaskAccessTarget } from '../../src/access/task-permissions';
import { DomainError } from '../../src/shared/domain-error';
import { actor, scope } from './two-provinces.fixture';

const departmentLeader = actor('gd', ['leader'], 'SO-TTTT');
const provinceTracker = actor('vp', ['tracker'], 'UBND-TINH');
const departmentTask = (supportAgencies: string[]): TaskAccessTarget => ({
  assigningAgency: 'SO-TTTT',
  leadAgency: 'PHONG-CNTT',
  supportAgencies,
});

function expectOutside(result: DomainError | null, action: string, agency: string) {
  expect(result).toBeInstanceOf(DomainError);
  expect(result!.kind).toBe('forbidden');
  expect(result!.details).toEqual({ action, field: 'supportAgencies', agency });
  expect(result!.messageVi).toContain(`đơn vị phối hợp ${agency}`);
}

describe('supporting agencies follow the scope of the lead', () => {
  it('a department names its own units as supporters', () => {
    const result = authorizeTaskAction(
      departmentLeader,
      'assign',
      departmentTask(['SO-TTTT']),
      scope,
    );
    expect(result).toBeNull();
  });

  it.each(['SO-TC', 'UBND-TINH', 'SO-X'])(
    'a department may not name %s, outside its line, as a supporter',
    (outside) => {
      const result = authorizeTaskAction(
        departmentLeader,
        'assign',
        departmentTask(['SO-TTTT', outside]),
        scope,
      );
      expectOutside(result, 'assign', outside);
    },
  );

  it('the province names any of its departments, not another province’s', () => {
    const task = { assigningAgency: 'UBND-TINH', leadAgency: 'SO-TTTT', supportAgencies: [] };
    expect(
      authorizeTaskAction(
        provinceTracker,
        'assign',
        { ...task, supportAgencies: ['SO-TC'] },
        scope,
      ),
    ).toBeNull();
    expectOutside(
      authorizeTaskAction(provinceTracker, 'assign', { ...task, supportAgencies: ['SO-X'] }, scope),
      'assign',
      'SO-X',
    );
  });

  it('on reassignment, the new supporters are checked like the new lead', () => {
    const task = departmentTask([]);
    expect(
      authorizeTaskAction(departmentLeader, 'reassign', task, scope, {
        newLeadAgency: 'SO-TTTT',
        newSupportAgencies: ['PHONG-CNTT'],
      }),
    ).toBeNull();
    expectOutside(
      authorizeTaskAction(departmentLeader, 'reassign', task, scope, {
        newLeadAgency: 'SO-TTTT',
        newSupportAgencies: ['SO-TC'],
      }),
      'reassign',
      'SO-TC',
    );
  });

  it('an older task with an outside supporter can still be cancelled by its assigner', () => {
    expect(
      authorizeTaskAction(departmentLeader, 'cancel', departmentTask(['SO-TC']), scope),
    ).toBeNull();
  });
});
