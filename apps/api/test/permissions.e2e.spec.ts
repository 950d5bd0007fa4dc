import type { Response } from 'supertest';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { seedProvince, type Province, type UserName } from './support/province';

/**
 * The table "Who may do what" of DOMAIN.md, end to end. Each row is one command endpoint: every
 * actor in `denied` gets 403 `forbidden` with a Vietnamese reason and the store does not move
 * (head position, and the task's history length and version as the province leader sees it);
 * then the actors in `allowed` succeed, which moves the task along its life for the next rows.
 *
 * Tasks:
 * - A: assigned by the province (UBND-TINH) to STTTT, SKHDT supporting — walks its whole life;
 * - B: assigned by the province to STC — refused, reassigned, cancelled;
 * - C: assigned by the department STTTT (directive entered by leaderTTTT) to its unit PHONG-CNTT.
 */

const TODAY = '2024-06-30';
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const READ_ONLY_VI = /chỉ được xem, không được thay đổi/;
const NO_RIGHT_VI = /^Bạn không có quyền .+: .+/;
const ADMIN_ONLY_VI = /^Chỉ quản trị viên/;

type Actor = UserName | 'staffCNTT';
type Body = Record<string, unknown>;

interface Denial {
  who: Actor;
  /** Why the table refuses it (the test title). */
  why: string;
  /** A body other than the row's (e.g. another target agency). */
  body?: () => Body;
  /** The Vietnamese reason expected; default: "Bạn không có quyền …" (auditor: read only). */
  reason?: RegExp;
}

interface Allowance {
  who: Actor;
  why: string;
  body?: () => Body;
  status?: number;
  /** Keeps what later rows need (a request id, a user id…). */
  then?: (response: Response) => void;
}

interface Row {
  /** `METHOD /path` as the OpenAPI document names it. */
  endpoint: string;
  /** What the row is about. */
  on: string;
  method: 'post' | 'patch' | 'put';
  path: () => string;
  body: () => Body;
  /** The task whose stream must stay unchanged, when the endpoint acts on a task. */
  task?: () => string;
  denied: Denial[];
  allowed?: Allowance[];
}

const ids = {
  d1: '',
  d2: '',
  dKhac: '',
  a: '',
  b: '',
  c: '',
  requestA1: '',
  requestA2: '',
  requestC: '',
};
let staffCNTTId = '';

const auditorDenial = (): Denial => ({
  who: 'auditor',
  why: 'auditors read only',
  reason: READ_ONLY_VI,
});
const adminDenial = (why = 'the administrator manages users and agencies, not tasks'): Denial => ({
  who: 'admin',
  why,
});

// --- the matrix -------------------------------------------------------------------------------

const reason = { reason: 'Lý do thử nghiệm', occurredOn: TODAY };

const directiveRows: Row[] = [
  {
    endpoint: 'POST /api/directives',
    on: 'entering a directive',
    method: 'post',
    path: () => '/api/directives',
    body: () => ({
      reference: '88/KH-UBND',
      issuedOn: '2024-03-01',
      issuer: 'UBND tỉnh Hà Tĩnh',
      title: 'Kế hoạch thử nghiệm',
    }),
    denied: [
      { who: 'staffTTTT', why: 'staff do not enter directives', reason: /^Chỉ lãnh đạo/ },
      { who: 'staffX', why: 'staff of another province', reason: /^Chỉ lãnh đạo/ },
      {
        who: 'admin',
        why: 'the administrator does not assign work',
        reason: /^Chỉ lãnh đạo/,
      },
      auditorDenial(),
    ],
    allowed: [
      {
        who: 'tracker',
        why: 'the tracking office enters it on behalf of the leadership',
        status: 201,
      },
      {
        who: 'leaderKhac',
        why: 'the leader of another province, for their own province',
        body: () => ({
          reference: '88/KH-UBND',
          issuedOn: '2024-03-01',
          issuer: 'UBND tỉnh khác',
          title: 'Kế hoạch của tỉnh khác',
        }),
        status: 201,
      },
    ],
  },
  {
    endpoint: 'POST /api/directives/{id}/tasks',
    on: "assigning a task from the province's directive",
    method: 'post',
    path: () => `/api/directives/${ids.d1}/tasks`,
    body: () => ({
      title: 'Nhiệm vụ giao thêm cho Sở Tài chính',
      leadAgency: 'STC',
      deadline: '2024-12-31',
      occurredOn: TODAY,
    }),
    denied: [
      { who: 'staffTC', why: 'staff of the lead agency do not assign' },
      { who: 'staffTTTT', why: 'staff of another agency' },
      {
        who: 'leaderTTTT',
        why: "a department leader has no decide rights on the province's directive",
      },
      { who: 'leaderKhac', why: 'the leader of another province' },
      { who: 'staffX', why: 'staff of another province' },
      adminDenial('the administrator cannot assign'),
      auditorDenial(),
    ],
    allowed: [
      { who: 'leader', why: 'the leadership of the assigning body', status: 201 },
      { who: 'tracker', why: 'the tracking office on its behalf', status: 201 },
    ],
  },
  {
    endpoint: 'POST /api/directives/{id}/tasks',
    on: "assigning a task from a department's directive",
    method: 'post',
    path: () => `/api/directives/${ids.d2}/tasks`,
    body: () => ({
      title: 'Nhiệm vụ của Phòng CNTT',
      leadAgency: 'PHONG-CNTT',
      deadline: '2024-12-31',
      occurredOn: TODAY,
    }),
    denied: [
      {
        who: 'leaderTTTT',
        why: 'a department leader cannot send work to an agency outside the department (STC)',
        body: () => ({ title: 'Việc cho Sở Tài chính', leadAgency: 'STC', occurredOn: TODAY }),
      },
      { who: 'staffTTTT', why: 'staff of the assigning department' },
      { who: 'staffCNTT', why: 'staff of the unit that would lead it' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      auditorDenial(),
    ],
    allowed: [
      { who: 'leaderTTTT', why: 'the department leader, within the department', status: 201 },
    ],
  },
  {
    endpoint: 'POST /api/directives/{id}/tasks',
    on: "another province's directive",
    method: 'post',
    path: () => `/api/directives/${ids.dKhac}/tasks`,
    body: () => ({ title: 'Việc cho Sở TT&TT', leadAgency: 'STTTT', occurredOn: TODAY }),
    denied: [
      { who: 'leaderKhac', why: 'the leader of another province cannot assign to our agencies' },
    ],
    allowed: [
      {
        who: 'leaderKhac',
        why: 'the leader of another province, to its own agency',
        body: () => ({ title: 'Việc cho Sở X', leadAgency: 'SO-X', occurredOn: TODAY }),
        status: 201,
      },
    ],
  },
];

/** Task A, assigned by the province to STTTT with SKHDT supporting, through its whole life. */
const taskARows: Row[] = [
  {
    endpoint: 'POST /api/tasks/{id}/receive',
    on: 'task A (province → STTTT, SKHDT supporting)',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/receive`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'staffTC', why: 'staff of another agency' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'staffX', why: 'staff of another province' },
      { who: 'leaderTTTT', why: 'the leader of the lead agency is not its staff' },
      { who: 'leader', why: 'the province leadership assigns, it does not receive' },
      { who: 'tracker', why: 'the tracking office does not receive' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'staffTTTT', why: 'staff of the lead agency' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/progress',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/progress`,
    body: () => ({ percent: 30, note: 'Đã xây dựng dự thảo', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'staffTC', why: 'staff of another agency' },
      { who: 'staffX', why: 'staff of another province' },
      {
        who: 'staffKHDT',
        why: 'a supporting agency reporting for the lead agency',
        body: () => ({ agency: 'STTTT', percent: 90, note: 'Báo cáo thay', occurredOn: TODAY }),
      },
      {
        who: 'staffTTTT',
        why: 'the lead agency reporting for a supporting agency',
        body: () => ({ agency: 'SKHDT', percent: 90, note: 'Báo cáo thay', occurredOn: TODAY }),
      },
      { who: 'leader', why: 'leadership does not report progress' },
      { who: 'leaderTTTT', why: 'the leader of the lead agency is not its staff' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [
      { who: 'staffTTTT', why: 'staff of the lead agency' },
      {
        who: 'staffKHDT',
        why: 'staff of a supporting agency, for its own part',
        body: () => ({ agency: 'SKHDT', percent: 50, note: 'Đã góp ý dự thảo', occurredOn: TODAY }),
      },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/deadline-change-requests',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/deadline-change-requests`,
    body: () => ({
      proposedDeadline: '2025-03-31',
      reason: 'Cần thêm thời gian',
      occurredOn: TODAY,
    }),
    task: () => ids.a,
    denied: [
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'staffTC', why: 'staff of another agency' },
      { who: 'leaderTTTT', why: 'the leader of the lead agency is not its staff' },
      { who: 'leader', why: 'the assigner decides requests, it does not make them' },
      { who: 'tracker', why: 'the tracking office does not make requests' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [
      {
        who: 'staffTTTT',
        why: 'staff of the lead agency',
        then: (response) => (ids.requestA1 = response.body.pendingRequestId),
      },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/deadline-change-requests/{requestId}/reject',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/deadline-change-requests/${ids.requestA1}/reject`,
    body: () => ({ reason: 'Chưa đủ căn cứ', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'staffTTTT', why: 'the requesting lead agency cannot decide its own request' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      {
        who: 'leaderTTTT',
        why: 'a department leader on a task the province assigned to the department',
      },
      { who: 'leaderKhac', why: 'the leader of another province' },
      { who: 'staffX', why: 'staff of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'tracker', why: 'the tracking office of the assigning body' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/deadline-change-requests',
    on: 'task A, a second request',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/deadline-change-requests`,
    body: () => ({ proposedDeadline: '2025-01-31', reason: 'Chờ ý kiến Bộ', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [{ who: 'staffKHDT', why: 'staff of a supporting agency' }],
    allowed: [
      {
        who: 'staffTTTT',
        why: 'staff of the lead agency',
        then: (response) => (ids.requestA2 = response.body.pendingRequestId),
      },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/deadline-change-requests/{requestId}/approve',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/deadline-change-requests/${ids.requestA2}/approve`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'staffTTTT', why: 'the requesting lead agency cannot decide its own request' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      {
        who: 'leaderTTTT',
        why: 'a department leader on a task the province assigned to the department',
      },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'leader', why: 'the leadership of the assigning body' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/urge',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/urge`,
    body: () => ({ kind: 'before_deadline', message: 'Đề nghị khẩn trương', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'staffTTTT', why: 'staff of the lead agency' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [
      { who: 'tracker', why: 'the tracking office of the assigning body' },
      { who: 'leader', why: 'the leadership of the assigning body chases its own tasks' },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/hold',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/hold`,
    body: () => reason,
    task: () => ids.a,
    denied: [
      { who: 'staffTTTT', why: 'staff of the lead agency' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      { who: 'staffX', why: 'staff of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'tracker', why: 'the tracking office of the assigning body' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/resume',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/resume`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'staffTTTT', why: 'staff of the lead agency' },
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'leader', why: 'the leadership of the assigning body' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/completion',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/completion`,
    body: () => ({ completedOn: '2024-06-28', resultDocument: '32/KH-UBND', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'staffTC', why: 'staff of another agency' },
      { who: 'leaderTTTT', why: 'the leader of the lead agency is not its staff' },
      { who: 'leader', why: 'the leadership does not report completion' },
      { who: 'tracker', why: 'the tracking office does not report completion' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'staffTTTT', why: 'staff of the lead agency' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/completion/return',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/completion/return`,
    body: () => ({ reason: 'Thiếu phụ lục', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'leader', why: 'returning belongs to the tracking office, not the leadership' },
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'staffTTTT', why: 'the lead agency cannot judge its own report' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'tracker', why: 'the tracking office of the assigning body' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/completion',
    on: 'task A, reported again',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/completion`,
    body: () => ({ completedOn: '2024-06-29', resultDocument: '33/KH-UBND', occurredOn: TODAY }),
    task: () => ids.a,
    denied: [{ who: 'staffKHDT', why: 'staff of a supporting agency' }],
    allowed: [{ who: 'staffTTTT', why: 'staff of the lead agency' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/completion/confirm',
    on: 'task A',
    method: 'post',
    path: () => `/api/tasks/${ids.a}/completion/confirm`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.a,
    denied: [
      { who: 'leader', why: 'confirming belongs to the tracking office, not the leadership' },
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'staffTTTT', why: 'the lead agency cannot confirm its own report' },
      { who: 'staffKHDT', why: 'staff of a supporting agency' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial('the administrator cannot confirm'),
      auditorDenial(),
    ],
    allowed: [{ who: 'tracker', why: 'the tracking office of the assigning body' }],
  },
];

/** Task B, assigned by the province to STC: refused, reassigned to SKHDT, cancelled. */
const taskBRows: Row[] = [
  {
    endpoint: 'POST /api/tasks/{id}/refuse',
    on: 'task B (province → STC)',
    method: 'post',
    path: () => `/api/tasks/${ids.b}/refuse`,
    body: () => ({ reason: 'Không thuộc chức năng của Sở', occurredOn: TODAY }),
    task: () => ids.b,
    denied: [
      { who: 'staffTTTT', why: 'staff of another agency' },
      { who: 'staffKHDT', why: 'staff of another agency' },
      { who: 'staffX', why: 'staff of another province' },
      { who: 'leader', why: 'the assigner does not refuse' },
      { who: 'tracker', why: 'the tracking office does not refuse' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'staffTC', why: 'staff of the lead agency' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/reassign',
    on: 'task B',
    method: 'post',
    path: () => `/api/tasks/${ids.b}/reassign`,
    body: () => ({ leadAgency: 'SKHDT', reason: 'Giao lại theo chức năng', occurredOn: TODAY }),
    task: () => ids.b,
    denied: [
      { who: 'staffTC', why: 'staff of the refusing lead agency' },
      { who: 'staffKHDT', why: 'staff of the agency it would go to' },
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      {
        who: 'leaderKhac',
        why: 'the leader of another province, to its own agency',
        body: () => ({ leadAgency: 'SO-X', reason: 'Giao sang tỉnh khác', occurredOn: TODAY }),
      },
      { who: 'staffX', why: 'staff of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'tracker', why: 'the tracking office of the assigning body' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/cancel',
    on: 'task B',
    method: 'post',
    path: () => `/api/tasks/${ids.b}/cancel`,
    body: () => reason,
    task: () => ids.b,
    denied: [
      { who: 'staffKHDT', why: 'staff of the (new) lead agency' },
      { who: 'leaderTTTT', why: 'a department leader on a task the province assigned' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'leader', why: 'the leadership of the assigning body' }],
  },
];

/** Task C, assigned by the department STTTT to its unit PHONG-CNTT: the department decides. */
const taskCRows: Row[] = [
  {
    endpoint: 'POST /api/tasks/{id}/receive',
    on: 'task C (STTTT → PHONG-CNTT)',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/receive`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.c,
    denied: [
      { who: 'staffTTTT', why: 'staff of the assigning department, not of the lead unit' },
      { who: 'leaderTTTT', why: 'the assigning leader does not receive' },
    ],
    allowed: [{ who: 'staffCNTT', why: 'staff of the lead unit' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/hold',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/hold`,
    body: () => reason,
    task: () => ids.c,
    denied: [
      { who: 'staffCNTT', why: 'staff of the lead unit' },
      { who: 'staffTTTT', why: 'staff of the assigning department' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      auditorDenial(),
    ],
    allowed: [{ who: 'leaderTTTT', why: 'the leader of the assigning department' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/resume',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/resume`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.c,
    denied: [{ who: 'staffCNTT', why: 'staff of the lead unit' }, auditorDenial()],
    allowed: [{ who: 'leaderTTTT', why: 'the leader of the assigning department' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/deadline-change-requests',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/deadline-change-requests`,
    body: () => ({ proposedDeadline: '2025-02-28', reason: 'Chờ kinh phí', occurredOn: TODAY }),
    task: () => ids.c,
    denied: [{ who: 'staffTTTT', why: 'staff of the assigning department' }],
    allowed: [
      {
        who: 'staffCNTT',
        why: 'staff of the lead unit',
        then: (response) => (ids.requestC = response.body.pendingRequestId),
      },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/deadline-change-requests/{requestId}/approve',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/deadline-change-requests/${ids.requestC}/approve`,
    body: () => ({ occurredOn: TODAY }),
    task: () => ids.c,
    denied: [
      { who: 'staffCNTT', why: 'the requesting unit cannot decide its own request' },
      { who: 'staffTTTT', why: 'staff of the assigning department' },
      { who: 'leaderKhac', why: 'the leader of another province' },
      adminDenial(),
      auditorDenial(),
    ],
    allowed: [{ who: 'leaderTTTT', why: 'the leader of the assigning department' }],
  },
  {
    endpoint: 'POST /api/tasks/{id}/urge',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/urge`,
    body: () => ({ kind: 'before_deadline', occurredOn: TODAY }),
    task: () => ids.c,
    denied: [{ who: 'staffCNTT', why: 'staff of the lead unit' }],
    allowed: [
      { who: 'tracker', why: 'the tracking office of a body above the department' },
      { who: 'leaderTTTT', why: 'the leader of the assigning department' },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/reassign',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/reassign`,
    body: () => ({ leadAgency: 'STC', reason: 'Chuyển sang Sở Tài chính', occurredOn: TODAY }),
    task: () => ids.c,
    denied: [
      {
        who: 'leaderTTTT',
        why: 'a department leader cannot send work outside the department',
      },
      { who: 'staffCNTT', why: 'staff of the lead unit' },
    ],
  },
  {
    endpoint: 'POST /api/tasks/{id}/cancel',
    on: 'task C',
    method: 'post',
    path: () => `/api/tasks/${ids.c}/cancel`,
    body: () => reason,
    task: () => ids.c,
    denied: [
      { who: 'staffCNTT', why: 'staff of the lead unit' },
      { who: 'staffTTTT', why: 'staff of the assigning department' },
      auditorDenial(),
    ],
    allowed: [{ who: 'leaderTTTT', why: 'the leader of the assigning department' }],
  },
];

/** Users and agencies are the administrator's. */
const nonAdmins = (what: string): Denial[] => [
  { who: 'leader', why: `the province leader does not manage ${what}`, reason: ADMIN_ONLY_VI },
  { who: 'tracker', why: `the tracking office does not manage ${what}`, reason: ADMIN_ONLY_VI },
  { who: 'leaderTTTT', why: `a department leader does not manage ${what}`, reason: ADMIN_ONLY_VI },
  { who: 'staffTTTT', why: `staff do not manage ${what}`, reason: ADMIN_ONLY_VI },
  // Refused either way; today the reason given is the administrators' rule, not "read only"
  // (authorizeAdministration does not single out auditors as the task and directive rules do).
  {
    who: 'auditor',
    why: `auditors read only`,
    reason: new RegExp(`${READ_ONLY_VI.source}|${ADMIN_ONLY_VI.source}`),
  },
];

const adminRows: Row[] = [
  {
    endpoint: 'POST /api/agencies',
    on: 'the agency register',
    method: 'post',
    path: () => '/api/agencies',
    body: () => ({ code: 'SO-MOI', name: 'Sở Mới', parent: 'UBND-TINH', kind: 'department' }),
    denied: nonAdmins('agencies'),
    allowed: [{ who: 'admin', why: 'the administrator', status: 201 }],
  },
  {
    endpoint: 'PATCH /api/agencies/{code}',
    on: 'the agency register',
    method: 'patch',
    path: () => '/api/agencies/SO-MOI',
    body: () => ({ name: 'Sở Mới (đổi tên)' }),
    denied: nonAdmins('agencies'),
    allowed: [{ who: 'admin', why: 'the administrator' }],
  },
  {
    endpoint: 'POST /api/users',
    on: 'users',
    method: 'post',
    path: () => '/api/users',
    body: () => ({
      username: 'nguoimoi',
      displayName: 'Người mới',
      roles: ['staff'],
      agency: 'STC',
      password: 'Mat-khau-Den-Hung-2024',
    }),
    denied: nonAdmins('users'),
    allowed: [{ who: 'admin', why: 'the administrator', status: 201 }],
  },
  {
    endpoint: 'PATCH /api/users/{id}',
    on: 'users',
    method: 'patch',
    path: () => `/api/users/${staffCNTTId}`,
    body: () => ({ roles: ['leader'] }),
    denied: nonAdmins('users'),
    allowed: [
      {
        who: 'admin',
        why: 'the administrator',
        body: () => ({ displayName: 'Chuyên viên Phòng CNTT (đã đổi)' }),
      },
    ],
  },
  {
    endpoint: 'PATCH /api/users/{id}/contact',
    on: 'someone’s contact for reminders',
    method: 'patch',
    path: () => `/api/users/${staffCNTTId}/contact`,
    body: () => ({ email: 'cntt@sotttt.gov.vn' }),
    denied: nonAdmins('the contacts of others'),
    allowed: [
      { who: 'admin', why: 'the administrator' },
      {
        who: 'staffCNTT',
        why: 'the user themself',
        body: () => ({ phone: '0912 345 678', channels: ['email', 'sms'] }),
      },
    ],
  },
  {
    endpoint: 'PUT /api/agencies/{code}/head',
    on: 'the agency register',
    method: 'put',
    path: () => '/api/agencies/PHONG-CNTT/head',
    body: () => ({ userId: staffCNTTId }),
    denied: nonAdmins('agencies'),
    allowed: [{ who: 'admin', why: 'the administrator' }],
  },
];

// --- the runner -------------------------------------------------------------------------------

describe('who may do what (DOMAIN.md), end to end', () => {
  let t: TestApp;
  let province: Province;
  let staffCNTTToken = '';

  const headers = (who: Actor) =>
    who === 'staffCNTT' ? bearer(staffCNTTToken) : province.headers(who);

  const send = (who: Actor, method: Row['method'], path: string, body: Body) =>
    t.http[method](path).set(headers(who)).send(body);

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;

  /** What an overseer sees of a task's stream: the province leader reads everything in it. */
  const streamOf = async (taskId: string) => {
    const task = await t.http.get(`/api/tasks/${taskId}`).set(headers('leader')).expect(200);
    const history = await t.http
      .get(`/api/tasks/${taskId}/history`)
      .set(headers('leader'))
      .expect(200);
    return { version: task.body.version as number, events: history.body.length as number };
  };

  const snapshot = async (row: Row) => ({
    head: await headPosition(),
    stream: row.task ? await streamOf(row.task()) : null,
  });

  const expectCreated = (response: Response, what: string) => {
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    province = await seedProvince(t);
    const unitStaff = expectCreated(
      await send('admin', 'post', '/api/users', {
        username: 'staffcntt',
        password: 'Can-bo-Cong-nghe-2024',
        roles: ['staff'],
        agency: 'PHONG-CNTT',
        displayName: 'Chuyên viên Phòng CNTT',
      }),
      'user staffCNTT',
    );
    staffCNTTId = unitStaff.body.id;
    staffCNTTToken = await t.login('staffcntt', 'Can-bo-Cong-nghe-2024');

    const directive = async (who: Actor, body: Body) =>
      expectCreated(await send(who, 'post', '/api/directives', body), `directive by ${who}`).body
        .id as string;
    ids.d1 = await directive('leader', {
      reference: '24/CTr-UBND',
      issuedOn: '2024-01-19',
      issuer: 'UBND tỉnh Hà Tĩnh',
      title: 'Chương trình công tác năm 2024 của UBND tỉnh',
    });
    ids.d2 = await directive('leaderTTTT', {
      reference: '45/KH-STTTT',
      issuedOn: '2024-02-01',
      issuer: 'Sở Thông tin và Truyền thông',
      title: 'Kế hoạch chuyển đổi số của Sở',
    });
    ids.dKhac = await directive('leaderKhac', {
      reference: '10/KH-UBND',
      issuedOn: '2024-03-01',
      issuer: 'UBND tỉnh khác',
      title: 'Kế hoạch của tỉnh khác',
    });

    const assign = async (who: Actor, directiveId: string, body: Body) =>
      expectCreated(
        await send(who, 'post', `/api/directives/${directiveId}/tasks`, body),
        `task by ${who}`,
      ).body.tasks[0].id as string;
    ids.a = await assign('tracker', ids.d1, {
      title: 'Xây dựng Kế hoạch chuyển đổi IPv6',
      leadAgency: 'STTTT',
      supportAgencies: ['SKHDT'],
      deadline: '2024-12-31',
      occurredOn: '2024-01-22',
    });
    ids.b = await assign('leader', ids.d1, {
      title: 'Rà soát kinh phí chuyển đổi số',
      leadAgency: 'STC',
      deadline: '2024-12-31',
      occurredOn: '2024-01-22',
    });
    ids.c = await assign('leaderTTTT', ids.d2, {
      title: 'Nâng cấp trung tâm dữ liệu',
      leadAgency: 'PHONG-CNTT',
      deadline: '2024-12-31',
      occurredOn: '2024-02-02',
    });
  });
  afterAll(() => t.close());

  const groups: [string, Row[]][] = [
    ['directives and assignment', directiveRows],
    ['a task the province assigned to a department', taskARows],
    ['refusal, reassignment, cancellation', taskBRows],
    ['a task a department assigned to its own unit (register as leaderTTTT)', taskCRows],
    ['users and agencies', adminRows],
  ];

  describe.each(groups)('%s', (_group, rows) => {
    describe.each(rows.map((row) => [`${row.endpoint} — ${row.on}`, row] as const))(
      '%s',
      (_title, row) => {
        it.each(row.denied.map((denial) => [denial.who, denial.why, denial] as const))(
          'refuses %s (%s) with 403 and a Vietnamese reason; nothing is appended',
          async (_who, _why, denial) => {
            const before = await snapshot(row);
            const body = (denial.body ?? row.body)();
            const response = await send(denial.who, row.method, row.path(), body);
            expect({ status: response.status, code: response.body.code }).toEqual({
              status: 403,
              code: 'forbidden',
            });
            expect(response.body.messageVi).toMatch(VIETNAMESE);
            expect(response.body.messageVi).toMatch(
              denial.reason ?? (denial.who === 'auditor' ? READ_ONLY_VI : NO_RIGHT_VI),
            );
            expect(response.body.message).not.toEqual(response.body.messageVi);
            expect(await snapshot(row)).toEqual(before);
          },
        );

        if (row.allowed?.length) {
          it.each(
            row.allowed.map((allowance) => [allowance.who, allowance.why, allowance] as const),
          )('lets %s (%s) do it', async (_who, _why, allowance) => {
            const before = await snapshot(row);
            const response = await send(
              allowance.who,
              row.method,
              row.path(),
              (allowance.body ?? row.body)(),
            );
            if (response.status !== (allowance.status ?? 200)) {
              throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
            }
            allowance.then?.(response);
            expect(await headPosition()).toBeGreaterThan(before.head);
            if (row.task && before.stream) {
              const after = await streamOf(row.task());
              expect(after.version).toBeGreaterThan(before.stream.version);
              expect(after.events).toBeGreaterThan(before.stream.events);
            }
          });
        }
      },
    );
  });

  describe('reading a task', () => {
    const reads = () => [`/api/tasks/${ids.a}`, `/api/tasks/${ids.a}/history`];

    it.each([
      ['staffTC', 'staff of an unrelated agency'],
      ['staffX', 'staff of another province'],
      ['leaderKhac', 'the leader of another province'],
    ] as const)('refuses %s (%s) with 403 on the task and its history', async (who, _why) => {
      for (const path of reads()) {
        const response = await t.http.get(path).set(headers(who));
        expect({ path, status: response.status, code: response.body.code }).toEqual({
          path,
          status: 403,
          code: 'forbidden',
        });
        expect(response.body.messageVi).toMatch(/^Bạn không có quyền xem nhiệm vụ/);
      }
    });

    it.each([
      ['staffTTTT', 'staff of the lead agency'],
      ['staffKHDT', 'staff of a supporting agency'],
      ['leaderTTTT', 'the leader of the lead agency'],
      ['leader', 'the leadership of the assigning body'],
      ['tracker', 'the tracking office'],
      ['auditor', 'the auditor, read only'],
    ] as const)('lets %s (%s) read the task and its history', async (who, _why) => {
      const task = await t.http.get(`/api/tasks/${ids.a}`).set(headers(who)).expect(200);
      expect(task.body.id).toBe(ids.a);
      const history = await t.http.get(`/api/tasks/${ids.a}/history`).set(headers(who)).expect(200);
      expect(history.body.length).toBe(task.body.version);
    });

    it('lets the auditor read the agency register and a directive', async () => {
      await t.http.get('/api/agencies').set(headers('auditor')).expect(200);
      const directive = await t.http
        .get(`/api/directives/${ids.d1}`)
        .set(headers('auditor'))
        .expect(200);
      expect(directive.body.reference.text).toBe('24/CTr-UBND');
    });

    it('only lets the administrator list users', async () => {
      await t.http.get('/api/users').set(headers('admin')).expect(200);
      for (const who of ['leader', 'tracker', 'staffTTTT'] as const) {
        const response = await t.http.get('/api/users').set(headers(who)).expect(403);
        expect(response.body.messageVi).toMatch(ADMIN_ONLY_VI);
      }
    });
  });

  it('leaves task A confirmed, B cancelled and C cancelled after the matrix', async () => {
    const status = async (id: string) =>
      (await t.http.get(`/api/tasks/${id}`).set(headers('leader')).expect(200)).body.status;
    expect(await status(ids.a)).toBe('completed');
    expect(await status(ids.b)).toBe('cancelled');
    expect(await status(ids.c)).toBe('cancelled');
  });
});
