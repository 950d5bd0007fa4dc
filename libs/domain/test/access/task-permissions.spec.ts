import {
  authorizeTaskAction,
  type TaskAccessTarget,
  type TaskAction,
} from '../../src/access/task-permissions';
import type { Actor } from '../../src/shared/actor';
import { actor, scope } from './two-provinces.fixture';
import { DomainError } from '../../src/shared/domain-error';

// Listing every action as a key makes the compiler fail when an action is added or removed.
const ACTION_KEYS: Record<TaskAction, true> = {
  assign: true,
  reassign: true,
  cancel: true,
  hold: true,
  resume: true,
  decide_deadline_change: true,
  receive: true,
  refuse: true,
  report_progress: true,
  request_deadline_change: true,
  report_completion: true,
  confirm_completion: true,
  return_completion: true,
  urge: true,
  read: true,
};
const ALL_ACTIONS = Object.keys(ACTION_KEYS) as TaskAction[];

// The rows of "Who may do what" in DOMAIN.md.
const ASSIGNER: TaskAction[] = [
  'assign',
  'reassign',
  'cancel',
  'hold',
  'resume',
  'decide_deadline_change',
];
const LEAD_STAFF: TaskAction[] = [
  'receive',
  'refuse',
  'report_progress',
  'request_deadline_change',
  'report_completion',
];
const TRACKING: TaskAction[] = ['confirm_completion', 'return_completion', 'urge'];
const WRITE_ACTIONS = ALL_ACTIONS.filter((action) => action !== 'read');

// A task the province assigned to SO-TTTT, with SO-TC supporting.
const task: TaskAccessTarget = {
  assigningAgency: 'UBND-TINH',
  leadAgency: 'SO-TTTT',
  supportAgencies: ['SO-TC'],
};
// A task SO-TTTT assigned to its own unit PHONG-CNTT.
const departmentTask: TaskAccessTarget = {
  assigningAgency: 'SO-TTTT',
  leadAgency: 'PHONG-CNTT',
  supportAgencies: [],
};

const ACTORS = {
  'leader of the province': actor('lanh-dao-tinh', ['leader'], 'UBND-TINH'),
  'tracker of the province': actor('vp-tinh', ['tracker'], 'UBND-TINH'),
  'staff of the province': actor('cb-tinh', ['staff'], 'UBND-TINH'),
  'leader of another province': actor('lanh-dao-khac', ['leader'], 'UBND-KHAC'),
  'tracker of another province': actor('vp-khac', ['tracker'], 'UBND-KHAC'),
  'leader of SO-TTTT': actor('gd-tttt', ['leader'], 'SO-TTTT'),
  'tracker of SO-TTTT': actor('vp-tttt', ['tracker'], 'SO-TTTT'),
  'staff of SO-TTTT': actor('cb-tttt', ['staff'], 'SO-TTTT'),
  'leader of SO-TC': actor('gd-tc', ['leader'], 'SO-TC'),
  'tracker of SO-TC': actor('vp-tc', ['tracker'], 'SO-TC'),
  'staff of SO-TC': actor('cb-tc', ['staff'], 'SO-TC'),
  'leader of PHONG-CNTT': actor('tp-cntt', ['leader'], 'PHONG-CNTT'),
  'staff of PHONG-CNTT': actor('cb-cntt', ['staff'], 'PHONG-CNTT'),
  'staff of SO-X': actor('cb-x', ['staff'], 'SO-X'),
  auditor: actor('kiem-toan', ['auditor'], null),
  'auditor attached to the province': actor('kiem-toan-tinh', ['auditor'], 'UBND-TINH'),
  admin: actor('quan-tri', ['admin'], null),
  'leader and staff of SO-TTTT': actor('gd-cb-tttt', ['leader', 'staff'], 'SO-TTTT'),
  'leader without an agency': actor('lanh-dao-lac', ['leader'], null),
  'tracker without an agency': actor('vp-lac', ['tracker'], null),
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;
const NAMES = Object.keys(ACTORS) as ActorName[];

// What each actor may do to `task` (assigned by UBND-TINH to SO-TTTT, SO-TC supporting).
const ALLOWED_ON_PROVINCE_TASK: Record<ActorName, readonly TaskAction[]> = {
  'leader of the province': [...ASSIGNER, 'urge', 'read'],
  'tracker of the province': [...ASSIGNER, ...TRACKING, 'read'],
  'staff of the province': [],
  'leader of another province': [],
  'tracker of another province': [],
  // The lead agency's own leadership oversees the task but does not decide on it.
  'leader of SO-TTTT': ['read'],
  'tracker of SO-TTTT': ['read'],
  'staff of SO-TTTT': [...LEAD_STAFF, 'read'],
  'leader of SO-TC': ['read'],
  'tracker of SO-TC': ['read'],
  'staff of SO-TC': ['report_progress', 'read'],
  'leader of PHONG-CNTT': [],
  'staff of PHONG-CNTT': [],
  'staff of SO-X': [],
  auditor: ['read'],
  'auditor attached to the province': ['read'],
  admin: [],
  'leader and staff of SO-TTTT': [...LEAD_STAFF, 'read'],
  'leader without an agency': [],
  'tracker without an agency': [],
};

// What each actor may do to `departmentTask` (assigned by SO-TTTT to its unit PHONG-CNTT).
const ALLOWED_ON_DEPARTMENT_TASK: Record<ActorName, readonly TaskAction[]> = {
  'leader of the province': [...ASSIGNER, 'urge', 'read'],
  'tracker of the province': [...ASSIGNER, ...TRACKING, 'read'],
  'staff of the province': [],
  'leader of another province': [],
  'tracker of another province': [],
  'leader of SO-TTTT': [...ASSIGNER, 'urge', 'read'],
  'tracker of SO-TTTT': [...ASSIGNER, ...TRACKING, 'read'],
  'staff of SO-TTTT': [],
  'leader of SO-TC': [],
  'tracker of SO-TC': [],
  'staff of SO-TC': [],
  'leader of PHONG-CNTT': ['read'],
  'staff of PHONG-CNTT': [...LEAD_STAFF, 'read'],
  'staff of SO-X': [],
  auditor: ['read'],
  'auditor attached to the province': ['read'],
  admin: [],
  'leader and staff of SO-TTTT': [...ASSIGNER, 'urge', 'read'],
  'leader without an agency': [],
  'tracker without an agency': [],
};

function expectForbidden(result: DomainError | null, action: TaskAction): DomainError {
  expect(result).toBeInstanceOf(DomainError);
  const error = result as DomainError;
  expect(error.code).toBe('forbidden');
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(error.messageVi.trim().length).toBeGreaterThan(0);
  expect(error.message).not.toBe(error.messageVi);
  expect(error.details).toEqual({ action });
  return error;
}

function expectOutcome(result: DomainError | null, action: TaskAction, allowed: boolean): void {
  if (allowed) expect(result).toBeNull();
  else expectForbidden(result, action);
}

describe.each([
  { label: 'a task UBND-TINH assigned to SO-TTTT', target: task, table: ALLOWED_ON_PROVINCE_TASK },
  {
    label: 'a task SO-TTTT assigned to PHONG-CNTT',
    target: departmentTask,
    table: ALLOWED_ON_DEPARTMENT_TASK,
  },
])('authorizeTaskAction: the "Who may do what" matrix on $label', ({ target, table }) => {
  const rows = NAMES.flatMap((name) =>
    ALL_ACTIONS.map((action) => ({ name, action, allowed: table[name].includes(action) })),
  );

  it.each(rows)('$name / $action → allowed: $allowed', ({ name, action, allowed }) => {
    expectOutcome(authorizeTaskAction(ACTORS[name], action, target, scope), action, allowed);
  });
});

describe('authorizeTaskAction: decisions belong to the assigning body', () => {
  const departmentLeader = ACTORS['leader of SO-TTTT'];
  const departmentTracker = ACTORS['tracker of SO-TTTT'];
  const provinceTracker = ACTORS['tracker of the province'];

  it.each(ASSIGNER)(
    'the leader and tracker of SO-TTTT may not %s a task the province assigned to SO-TTTT',
    (action) => {
      for (const who of [departmentLeader, departmentTracker]) {
        expectForbidden(authorizeTaskAction(who, action, task, scope), action);
      }
    },
  );

  it.each(TRACKING)(
    'the tracker of SO-TTTT may not %s on a task the province assigned to SO-TTTT',
    (action) => {
      expectForbidden(authorizeTaskAction(departmentTracker, action, task, scope), action);
    },
  );

  it.each(TRACKING)('the tracker of the province may %s on that task', (action) => {
    expect(authorizeTaskAction(provinceTracker, action, task, scope)).toBeNull();
  });

  it.each(TRACKING)('the tracker of another province may not %s on it', (action) => {
    const otherTracker = ACTORS['tracker of another province'];
    expectForbidden(authorizeTaskAction(otherTracker, action, task, scope), action);
  });

  it('the department may still read a task the province assigned to it', () => {
    expect(authorizeTaskAction(departmentLeader, 'read', task, scope)).toBeNull();
    expect(authorizeTaskAction(departmentTracker, 'read', task, scope)).toBeNull();
  });

  it('the department may not decide even when the province assigned the task to its own unit', () => {
    const provinceToUnit: TaskAccessTarget = {
      assigningAgency: 'UBND-TINH',
      leadAgency: 'PHONG-CNTT',
      supportAgencies: [],
    };
    expectForbidden(
      authorizeTaskAction(departmentLeader, 'cancel', provinceToUnit, scope),
      'cancel',
    );
    expectForbidden(
      authorizeTaskAction(departmentTracker, 'confirm_completion', provinceToUnit, scope),
      'confirm_completion',
    );
    expect(authorizeTaskAction(departmentLeader, 'read', provinceToUnit, scope)).toBeNull();
    // The province reaches two levels down.
    expect(
      authorizeTaskAction(ACTORS['leader of the province'], 'cancel', provinceToUnit, scope),
    ).toBeNull();
    expect(
      authorizeTaskAction(provinceTracker, 'confirm_completion', provinceToUnit, scope),
    ).toBeNull();
  });

  it('a unit leader may not decide on a task its department assigned to the unit', () => {
    const unitLeader = ACTORS['leader of PHONG-CNTT'];
    expect(authorizeTaskAction(unitLeader, 'read', departmentTask, scope)).toBeNull();
    expectForbidden(authorizeTaskAction(unitLeader, 'cancel', departmentTask, scope), 'cancel');
  });

  it.each([...ASSIGNER, 'read' as const])(
    'a leader of SO-TTTT may %s a task SO-TTTT assigned to its unit, the sibling SO-TC may not',
    (action) => {
      expect(authorizeTaskAction(departmentLeader, action, departmentTask, scope)).toBeNull();
      expectForbidden(
        authorizeTaskAction(ACTORS['leader of SO-TC'], action, departmentTask, scope),
        action,
      );
    },
  );

  it.each(TRACKING)(
    'a tracker of SO-TTTT may %s on a task SO-TTTT assigned, the sibling tracker may not',
    (action) => {
      expect(authorizeTaskAction(departmentTracker, action, departmentTask, scope)).toBeNull();
      expectForbidden(
        authorizeTaskAction(ACTORS['tracker of SO-TC'], action, departmentTask, scope),
        action,
      );
    },
  );

  it('the department may not decide on a task it assigned once the lead is outside its scope', () => {
    // SO-TTTT assigned it; the province then moved the lead to the sibling SO-TC.
    const movedAway: TaskAccessTarget = {
      assigningAgency: 'SO-TTTT',
      leadAgency: 'SO-TC',
      supportAgencies: [],
    };
    expectForbidden(authorizeTaskAction(departmentLeader, 'cancel', movedAway, scope), 'cancel');
    expectForbidden(authorizeTaskAction(departmentTracker, 'hold', movedAway, scope), 'hold');
    // It still sees the task through its assigning agency and its tracking office still follows it.
    expect(authorizeTaskAction(departmentLeader, 'read', movedAway, scope)).toBeNull();
    expect(authorizeTaskAction(departmentTracker, 'urge', movedAway, scope)).toBeNull();
    // The province decides.
    expect(
      authorizeTaskAction(ACTORS['leader of the province'], 'cancel', movedAway, scope),
    ).toBeNull();
  });

  it('a leader may read a task whose only in-scope agency is a supporter, not decide on it', () => {
    const leaderOfTc = ACTORS['leader of SO-TC'];
    expect(authorizeTaskAction(leaderOfTc, 'read', task, scope)).toBeNull();
    expectForbidden(authorizeTaskAction(leaderOfTc, 'cancel', task, scope), 'cancel');
  });

  it('staff of the assigning body do not read its tasks', () => {
    expectForbidden(
      authorizeTaskAction(ACTORS['staff of SO-TTTT'], 'read', departmentTask, scope),
      'read',
    );
    expectForbidden(
      authorizeTaskAction(ACTORS['staff of the province'], 'read', task, scope),
      'read',
    );
  });
});

describe('authorizeTaskAction: reassignment stays within scope', () => {
  const leader = ACTORS['leader of the province'];
  const tracker = ACTORS['tracker of the province'];
  const departmentLeader = ACTORS['leader of SO-TTTT'];

  it.each([
    ['SO-TC', true],
    ['PHONG-CNTT', true],
    ['UBND-TINH', true],
    ['SO-X', false],
    ['UBND-KHAC', false],
  ] as const)('the province may reassign to %s: %s', (newLeadAgency, allowed) => {
    for (const who of [leader, tracker]) {
      const result = authorizeTaskAction(who, 'reassign', task, scope, { newLeadAgency });
      expectOutcome(result, 'reassign', allowed);
    }
  });

  it('a department may move its own task among its units but not out of them', () => {
    for (const who of [departmentLeader, ACTORS['tracker of SO-TTTT']]) {
      expect(
        authorizeTaskAction(who, 'reassign', departmentTask, scope, { newLeadAgency: 'SO-TTTT' }),
      ).toBeNull();
      expectForbidden(
        authorizeTaskAction(who, 'reassign', departmentTask, scope, { newLeadAgency: 'SO-TC' }),
        'reassign',
      );
    }
  });

  it('a department may not move a task the province assigned, even within its own units', () => {
    const provinceToUnit: TaskAccessTarget = {
      assigningAgency: 'UBND-TINH',
      leadAgency: 'PHONG-CNTT',
      supportAgencies: [],
    };
    const result = authorizeTaskAction(departmentLeader, 'reassign', provinceToUnit, scope, {
      newLeadAgency: 'SO-TTTT',
    });
    expectForbidden(result, 'reassign');
    expect(
      authorizeTaskAction(leader, 'reassign', provinceToUnit, scope, { newLeadAgency: 'SO-TTTT' }),
    ).toBeNull();
  });

  it('the target agency being in scope does not help when the current lead is not', () => {
    const movedAway: TaskAccessTarget = {
      assigningAgency: 'SO-TTTT',
      leadAgency: 'SO-TC',
      supportAgencies: [],
    };
    const result = authorizeTaskAction(departmentLeader, 'reassign', movedAway, scope, {
      newLeadAgency: 'PHONG-CNTT',
    });
    expectForbidden(result, 'reassign');
  });

  it('another province may not reassign, even into its own agencies', () => {
    const otherLeader = ACTORS['leader of another province'];
    const result = authorizeTaskAction(otherLeader, 'reassign', task, scope, {
      newLeadAgency: 'SO-X',
    });
    expectForbidden(result, 'reassign');
  });
});

describe('authorizeTaskAction: progress reports by lead and supporting agencies', () => {
  const lead = ACTORS['staff of SO-TTTT'];
  const supporter = ACTORS['staff of SO-TC'];
  const twoSupporters: TaskAccessTarget = {
    assigningAgency: 'UBND-TINH',
    leadAgency: 'SO-TTTT',
    supportAgencies: ['SO-TC', 'PHONG-CNTT'],
  };

  it('the lead agency reports for itself', () => {
    const extra = { reportingAgency: 'SO-TTTT' };
    expect(authorizeTaskAction(lead, 'report_progress', task, scope, extra)).toBeNull();
  });

  it('a supporting agency reports its own part', () => {
    const extra = { reportingAgency: 'SO-TC' };
    expect(authorizeTaskAction(supporter, 'report_progress', task, scope, extra)).toBeNull();
  });

  it('a supporting agency may not report for the lead agency', () => {
    const extra = { reportingAgency: 'SO-TTTT' };
    const error = expectForbidden(
      authorizeTaskAction(supporter, 'report_progress', task, scope, extra),
      'report_progress',
    );
    expect(error.message).toMatch(/supporting agency/);
  });

  it('a supporting agency may not report for another supporting agency', () => {
    const extra = { reportingAgency: 'PHONG-CNTT' };
    const result = authorizeTaskAction(supporter, 'report_progress', twoSupporters, scope, extra);
    expectForbidden(result, 'report_progress');
  });

  it('the lead agency may not file a report in a supporting agency’s name', () => {
    const extra = { reportingAgency: 'SO-TC' };
    const result = authorizeTaskAction(lead, 'report_progress', task, scope, extra);
    expectForbidden(result, 'report_progress');
  });

  it.each(['receive', 'refuse', 'request_deadline_change', 'report_completion'] as const)(
    'a supporting agency may not %s, even naming itself',
    (action) => {
      const extra = { reportingAgency: 'SO-TC' };
      expectForbidden(authorizeTaskAction(supporter, action, task, scope, extra), action);
    },
  );

  it('a leader may not report progress even within scope', () => {
    const extra = { reportingAgency: 'SO-TTTT' };
    for (const who of [ACTORS['leader of the province'], ACTORS['leader of SO-TTTT']]) {
      expectForbidden(
        authorizeTaskAction(who, 'report_progress', task, scope, extra),
        'report_progress',
      );
    }
  });
});

describe('authorizeTaskAction: refusal messages', () => {
  it.each(WRITE_ACTIONS)('an auditor is told they read only when trying to %s', (action) => {
    for (const who of [ACTORS.auditor, ACTORS['auditor attached to the province']]) {
      const error = expectForbidden(authorizeTaskAction(who, action, task, scope), action);
      expect(error.message).toBe('Auditors read only and never write.');
      expect(error.messageVi).toBe(
        'Kiểm toán, thanh tra chỉ được xem, không được thay đổi dữ liệu.',
      );
    }
  });

  it.each(WRITE_ACTIONS)('others are told which action they may not %s', (action) => {
    const error = expectForbidden(
      authorizeTaskAction(ACTORS['staff of SO-X'], action, task, scope),
      action,
    );
    expect(error.message).toContain(`You may not ${action.replace(/_/g, ' ')}`);
    expect(error.message).not.toMatch(/auditor/i);
    expect(error.messageVi).toMatch(/^Bạn không có quyền /);
  });

  it('a department leader is told decisions belong to the assigning body', () => {
    const error = expectForbidden(
      authorizeTaskAction(ACTORS['leader of SO-TTTT'], 'cancel', task, scope),
      'cancel',
    );
    expect(error.message).toBe(
      'You may not cancel: only the leadership of the assigning body or its tracking office may do this, for agencies within their scope.',
    );
    expect(error.messageVi).toBe(
      'Bạn không có quyền hủy nhiệm vụ: chỉ lãnh đạo cơ quan giao nhiệm vụ hoặc văn phòng theo dõi (trong phạm vi phụ trách) được thực hiện.',
    );
  });

  it('a department tracker is told only the assigning body’s tracking office may confirm', () => {
    const error = expectForbidden(
      authorizeTaskAction(ACTORS['tracker of SO-TTTT'], 'confirm_completion', task, scope),
      'confirm_completion',
    );
    expect(error.message).toBe(
      'You may not confirm completion: only the tracking office of the assigning body may do this.',
    );
    expect(error.messageVi).toBe(
      'Bạn không có quyền xác nhận hoàn thành: chỉ văn phòng theo dõi của cơ quan giao nhiệm vụ được thực hiện.',
    );
  });

  it.each([
    ['hold', 'Bạn không có quyền tạm hoãn nhiệm vụ: '],
    ['resume', 'Bạn không có quyền cho tiếp tục nhiệm vụ đang tạm hoãn: '],
  ] as const)('names the action %s in Vietnamese', (action, prefix) => {
    const error = expectForbidden(
      authorizeTaskAction(ACTORS['leader of SO-TTTT'], action, task, scope),
      action,
    );
    expect(error.messageVi).toBe(
      `${prefix}chỉ lãnh đạo cơ quan giao nhiệm vụ hoặc văn phòng theo dõi (trong phạm vi phụ trách) được thực hiện.`,
    );
  });

  it('a tracker who tries to receive is told only lead staff may', () => {
    const error = expectForbidden(
      authorizeTaskAction(ACTORS['tracker of the province'], 'receive', task, scope),
      'receive',
    );
    expect(error.message).toBe('You may not receive: only staff of the lead agency may do this.');
    expect(error.messageVi).toBe(
      'Bạn không có quyền tiếp nhận nhiệm vụ: chỉ cán bộ đơn vị chủ trì được thực hiện.',
    );
  });

  it('a read refusal says the task is outside the agency', () => {
    const error = expectForbidden(
      authorizeTaskAction(ACTORS['staff of SO-X'], 'read', task, scope),
      'read',
    );
    expect(error.message).toMatch(/outside your agency/);
    expect(error.messageVi).toMatch(/không thuộc phạm vi/);
  });
});
