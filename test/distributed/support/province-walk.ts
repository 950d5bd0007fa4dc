/**
 * One small province's year of work, driven through the HTTP API as its users would: the same
 * requests against any deployment (the distributed API process or the embedded app). Business
 * dates are explicit and in 2024, so nothing depends on the day the test runs; directives and
 * tasks carry client-chosen ids, so both deployments hold the same ids and give the same figures.
 */
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import {
  AGENCIES,
  passwordOf,
  USERS,
  type UserName,
} from '../../../apps/api/test/support/province';
import { ADMIN } from '../../../apps/api/test/support/test-app';

/** Agency whose staff member handles the tasks it leads. */
const STAFF_OF: Readonly<Record<string, UserName>> = {
  STTTT: 'staffTTTT',
  STC: 'staffTC',
  SKHDT: 'staffKHDT',
};

interface TaskPlan {
  readonly key: string;
  readonly directive: 'programme' | 'plan';
  readonly leadAgency: keyof typeof STAFF_OF;
  readonly deadline: string | null;
  readonly assignedOn: string;
  readonly leaderInCharge?: string;
  /** What happens to it after it is received, in order. */
  readonly steps: readonly Step[];
}

type Step =
  | { readonly kind: 'progress'; readonly on: string; readonly percent: number }
  | {
      readonly kind: 'extension';
      readonly on: string;
      readonly to: string;
      readonly decidedOn: string;
      readonly approved: boolean;
    }
  | { readonly kind: 'report'; readonly on: string; readonly completedOn: string }
  | { readonly kind: 'return'; readonly on: string }
  | { readonly kind: 'confirm'; readonly on: string };

const LEADER_A = 'Phó Chủ tịch Nguyễn Văn A';
const LEADER_B = 'Phó Chủ tịch Trần Thị B';

// The steps and tasks below, written as rows of the table TASKS.
const progress = (on: string, percent: number): Step => ({ kind: 'progress', on, percent });
const report = (on: string, completedOn: string): Step => ({ kind: 'report', on, completedOn });
const returned = (on: string): Step => ({ kind: 'return', on });
const confirm = (on: string): Step => ({ kind: 'confirm', on });
const extension = (on: string, to: string, decidedOn: string, approved: boolean): Step => ({
  kind: 'extension',
  on,
  to,
  decidedOn,
  approved,
});

function task(
  [key, directive, leadAgency, deadline, assignedOn, leaderInCharge]: readonly [
    TaskPlan['key'],
    TaskPlan['directive'],
    TaskPlan['leadAgency'],
    TaskPlan['deadline'],
    TaskPlan['assignedOn'],
    string?,
  ],
  steps: readonly Step[],
): TaskPlan {
  const leader = leaderInCharge ? { leaderInCharge } : {};
  return { key, directive, leadAgency, deadline, assignedOn, ...leader, steps };
}

/** Done on time, done late, extended, returned and redone, overdue, awaiting confirmation. */
const TASKS: readonly TaskPlan[] = [
  // [key, directive, lead agency, deadline, assigned on, leader in charge], then its steps
  task(
    ['ipv6', 'programme', 'STTTT', '2024-03-31', '2024-01-22', LEADER_A],
    [progress('2024-02-20', 50), report('2024-03-21', '2024-03-20'), confirm('2024-03-25')],
  ),
  task(
    ['budget', 'programme', 'STC', '2024-03-15', '2024-01-22', LEADER_B],
    [report('2024-03-29', '2024-03-28'), confirm('2024-04-01')],
  ),
  task(
    ['investment', 'programme', 'SKHDT', '2024-05-31', '2024-01-25', LEADER_B],
    [
      progress('2024-04-10', 40),
      extension('2024-05-20', '2024-07-15', '2024-05-24', true),
      report('2024-07-11', '2024-07-10'),
      confirm('2024-07-12'),
    ],
  ),
  task(['archive', 'programme', 'SKHDT', '2024-04-30', '2024-02-01'], [progress('2024-04-15', 20)]),
  task(
    ['portal', 'programme', 'STTTT', null, '2024-02-01', LEADER_A],
    [report('2024-05-06', '2024-05-05'), confirm('2024-05-08')],
  ),
  task(
    ['datacentre', 'plan', 'STTTT', '2024-06-10', '2024-04-05', LEADER_A],
    [
      report('2024-06-06', '2024-06-05'),
      returned('2024-06-08'),
      report('2024-06-21', '2024-06-20'),
      confirm('2024-06-24'),
    ],
  ),
  task(['procurement', 'plan', 'STC', '2024-06-30', '2024-04-05'], [progress('2024-06-01', 70)]),
  task(
    ['statistics', 'plan', 'SKHDT', '2024-06-15', '2024-04-08', LEADER_B],
    [report('2024-06-16', '2024-06-14'), confirm('2024-07-05')],
  ),
  task(
    ['training', 'plan', 'STTTT', '2024-08-31', '2024-04-08'],
    [
      extension('2024-08-01', '2024-10-31', '2024-08-05', false),
      report('2024-08-21', '2024-08-20'),
      confirm('2024-08-22'),
    ],
  ),
  task(
    ['fees', 'plan', 'STC', '2024-05-20', '2024-04-10', LEADER_B],
    [
      extension('2024-05-10', '2024-05-31', '2024-05-13', true),
      report('2024-05-30', '2024-05-30'),
      confirm('2024-06-03'),
    ],
  ),
];

const DIRECTIVES = {
  programme: {
    reference: '24/CTr-UBND',
    issuedOn: '2024-01-19',
    issuer: 'UBND tỉnh Hà Tĩnh',
    title: 'Chương trình công tác năm 2024 của UBND tỉnh',
  },
  plan: {
    reference: '45/KH-UBND',
    issuedOn: '2024-04-02',
    issuer: 'UBND tỉnh Hà Tĩnh',
    title: 'Kế hoạch chuyển đổi số quý II năm 2024',
  },
} as const;

/** The ids both deployments are given: chosen once per test run. */
export interface WalkIds {
  readonly directives: Readonly<Record<keyof typeof DIRECTIVES, string>>;
  readonly tasks: Readonly<Record<string, string>>;
}

export function walkIds(): WalkIds {
  return {
    directives: { programme: randomUUID(), plan: randomUUID() },
    tasks: Object.fromEntries(TASKS.map((task) => [task.key, randomUUID()])),
  };
}

export interface Walked {
  /** The log position of the last command: pass it as `?minPosition=`. */
  readonly position: number;
  headers(user: UserName): Record<string, string>;
}

/** Runs the whole walk against `http` (a fresh deployment with the bootstrap admin). */
export async function walkProvince(http: TestAgent, ids: WalkIds): Promise<Walked> {
  let position = 0;
  const tokens = new Map<UserName, string>();
  const headers = (user: UserName) => ({ Authorization: `Bearer ${tokens.get(user)}` });
  const login = async (user: UserName, username: string, password: string) => {
    const response = await http.post('/api/auth/login').send({ username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    tokens.set(user, response.body.accessToken as string);
  };
  /** Sends a command as `user`, expects `status`, and keeps the position it wrote. */
  const send = async (user: UserName, path: string, body: object, status = 200) => {
    const response = await http.post(path).set(headers(user)).send(body);
    if (response.status !== status) {
      throw new Error(`${path} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    if (typeof response.body.position === 'number') {
      position = Math.max(position, response.body.position);
    }
    return response.body;
  };

  await login('admin', ADMIN.username, ADMIN.password);
  for (const agency of AGENCIES) await send('admin', '/api/agencies', agency, 201);
  for (const [name, user] of Object.entries(USERS)) {
    await send(
      'admin',
      '/api/users',
      { username: name.toLowerCase(), password: passwordOf(name), ...user },
      201,
    );
    await login(name as UserName, name.toLowerCase(), passwordOf(name));
  }

  for (const [key, directive] of Object.entries(DIRECTIVES)) {
    const id = ids.directives[key as keyof typeof DIRECTIVES];
    await send('leader', '/api/directives', { id, ...directive }, 201);
  }
  // Each directive's tasks in one assignment, as the tracking office enters a document.
  for (const directive of Object.keys(DIRECTIVES) as (keyof typeof DIRECTIVES)[]) {
    const tasks = TASKS.filter((task) => task.directive === directive).map((task) => ({
      id: ids.tasks[task.key],
      title: `Nhiệm vụ ${task.key}`,
      leadAgency: task.leadAgency,
      deadline: task.deadline ?? undefined,
      leaderInCharge: task.leaderInCharge,
      occurredOn: task.assignedOn,
    }));
    await send('tracker', `/api/directives/${ids.directives[directive]}/tasks`, { tasks }, 201);
  }

  for (const task of TASKS) {
    const staff = STAFF_OF[task.leadAgency];
    const path = `/api/tasks/${ids.tasks[task.key]}`;
    await send(staff, `${path}/receive`, { occurredOn: task.assignedOn });
    for (const step of task.steps) {
      if (step.kind === 'progress') {
        await send(staff, `${path}/progress`, {
          percent: step.percent,
          note: `Đã thực hiện ${step.percent}% khối lượng`,
          occurredOn: step.on,
        });
      } else if (step.kind === 'extension') {
        const requested = await send(staff, `${path}/deadline-change-requests`, {
          proposedDeadline: step.to,
          reason: 'Chờ ý kiến thẩm định của các sở, ngành',
          occurredOn: step.on,
        });
        const request = `${path}/deadline-change-requests/${requested.pendingRequestId}`;
        if (step.approved)
          await send('leader', `${request}/approve`, { occurredOn: step.decidedOn });
        else {
          await send('leader', `${request}/reject`, {
            reason: 'Không có căn cứ gia hạn',
            occurredOn: step.decidedOn,
          });
        }
      } else if (step.kind === 'report') {
        await send(staff, `${path}/completion`, {
          completedOn: step.completedOn,
          resultDocument: `1/BC-${task.leadAgency}`,
          occurredOn: step.on,
        });
      } else if (step.kind === 'return') {
        await send('tracker', `${path}/completion/return`, {
          reason: 'Báo cáo chưa kèm văn bản kết quả',
          occurredOn: step.on,
        });
      } else {
        await send('tracker', `${path}/completion/confirm`, { occurredOn: step.on });
      }
    }
  }
  return { position, headers };
}
