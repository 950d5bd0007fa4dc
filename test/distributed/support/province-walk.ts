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

/** Done on time, done late, extended, returned and redone, overdue, awaiting confirmation. */
export const TASKS: readonly TaskPlan[] = [
  {
    key: 'ipv6',
    directive: 'programme',
    leadAgency: 'STTTT',
    deadline: '2024-03-31',
    assignedOn: '2024-01-22',
    leaderInCharge: LEADER_A,
    steps: [
      { kind: 'progress', on: '2024-02-20', percent: 50 },
      { kind: 'report', on: '2024-03-21', completedOn: '2024-03-20' },
      { kind: 'confirm', on: '2024-03-25' },
    ],
  },
  {
    key: 'budget',
    directive: 'programme',
    leadAgency: 'STC',
    deadline: '2024-03-15',
    assignedOn: '2024-01-22',
    leaderInCharge: LEADER_B,
    steps: [
      { kind: 'report', on: '2024-03-29', completedOn: '2024-03-28' },
      { kind: 'confirm', on: '2024-04-01' },
    ],
  },
  {
    key: 'investment',
    directive: 'programme',
    leadAgency: 'SKHDT',
    deadline: '2024-05-31',
    assignedOn: '2024-01-25',
    leaderInCharge: LEADER_B,
    steps: [
      { kind: 'progress', on: '2024-04-10', percent: 40 },
      {
        kind: 'extension',
        on: '2024-05-20',
        to: '2024-07-15',
        decidedOn: '2024-05-24',
        approved: true,
      },
      { kind: 'report', on: '2024-07-11', completedOn: '2024-07-10' },
      { kind: 'confirm', on: '2024-07-12' },
    ],
  },
  {
    key: 'archive',
    directive: 'programme',
    leadAgency: 'SKHDT',
    deadline: '2024-04-30',
    assignedOn: '2024-02-01',
    steps: [{ kind: 'progress', on: '2024-04-15', percent: 20 }],
  },
  {
    key: 'portal',
    directive: 'programme',
    leadAgency: 'STTTT',
    deadline: null,
    assignedOn: '2024-02-01',
    leaderInCharge: LEADER_A,
    steps: [
      { kind: 'report', on: '2024-05-06', completedOn: '2024-05-05' },
      { kind: 'confirm', on: '2024-05-08' },
    ],
  },
  {
    key: 'datacentre',
    directive: 'plan',
    leadAgency: 'STTTT',
    deadline: '2024-06-10',
    assignedOn: '2024-04-05',
    leaderInCharge: LEADER_A,
    steps: [
      { kind: 'report', on: '2024-06-06', completedOn: '2024-06-05' },
      { kind: 'return', on: '2024-06-08' },
      { kind: 'report', on: '2024-06-21', completedOn: '2024-06-20' },
      { kind: 'confirm', on: '2024-06-24' },
    ],
  },
  {
    key: 'procurement',
    directive: 'plan',
    leadAgency: 'STC',
    deadline: '2024-06-30',
    assignedOn: '2024-04-05',
    steps: [{ kind: 'progress', on: '2024-06-01', percent: 70 }],
  },
  {
    key: 'statistics',
    directive: 'plan',
    leadAgency: 'SKHDT',
    deadline: '2024-06-15',
    assignedOn: '2024-04-08',
    leaderInCharge: LEADER_B,
    steps: [
      { kind: 'report', on: '2024-06-16', completedOn: '2024-06-14' },
      { kind: 'confirm', on: '2024-07-05' },
    ],
  },
  {
    key: 'training',
    directive: 'plan',
    leadAgency: 'STTTT',
    deadline: '2024-08-31',
    assignedOn: '2024-04-08',
    steps: [
      {
        kind: 'extension',
        on: '2024-08-01',
        to: '2024-10-31',
        decidedOn: '2024-08-05',
        approved: false,
      },
      { kind: 'report', on: '2024-08-21', completedOn: '2024-08-20' },
      { kind: 'confirm', on: '2024-08-22' },
    ],
  },
  {
    key: 'fees',
    directive: 'plan',
    leadAgency: 'STC',
    deadline: '2024-05-20',
    assignedOn: '2024-04-10',
    leaderInCharge: LEADER_B,
    steps: [
      {
        kind: 'extension',
        on: '2024-05-10',
        to: '2024-05-31',
        decidedOn: '2024-05-13',
        approved: true,
      },
      { kind: 'report', on: '2024-05-30', completedOn: '2024-05-30' },
      { kind: 'confirm', on: '2024-06-03' },
    ],
  },
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
          resultDocument: `${task.key}/BC-${task.leadAgency}`,
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
