import { startTestApp, type TestApp } from './support/test-app';
import { seedProvince, type Province, type UserName } from './support/province';

/**
 * Every command endpoint with bad input. Each case is sent by an actor who is allowed to call
 * the endpoint, so the refusal is about the input: the status, the code, a Vietnamese
 * `messageVi`, for validation failures every bad field listed in `details.fields` (each with
 * its own Vietnamese message), and nothing appended to the store (head position unchanged).
 *
 * The clock stands at 2024-06-30 10:00 in Vietnam: "tomorrow" is 2024-07-01.
 */

const TODAY = '2024-06-30';
const TOMORROW = '2024-07-01';
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Body = Record<string, unknown> | unknown[];

interface Case {
  /** What is wrong with the input. */
  what: string;
  who: UserName;
  method?: 'post' | 'patch' | 'put';
  path: () => string;
  body: Body;
  status: number;
  code: string;
  /** validation_failed: exactly these fields are listed (in any order). */
  fields?: string[];
  /** Part of `details` that must be present. */
  details?: Record<string, unknown>;
}

const ids = { directive: '', task: '', rejectedRequest: '', userId: '' };

const validDirective = {
  reference: '32/KH-UBND',
  issuedOn: '2024-02-02',
  issuer: 'UBND tỉnh Hà Tĩnh',
  title: 'Kế hoạch chuyển đổi IPv6',
};
const validTask = {
  title: 'Xây dựng Kế hoạch chuyển đổi IPv6',
  leadAgency: 'STTTT',
  supportAgencies: ['SKHDT'],
  deadline: '2024-12-31',
  occurredOn: '2024-02-05',
};

const directives = () => '/api/directives';
const tasksOf = (directiveId?: string) => () =>
  `/api/directives/${directiveId ?? ids.directive}/tasks`;
const task = (suffix: string, taskId?: string) => () =>
  `/api/tasks/${taskId ?? ids.task}/${suffix}`;

// The same bad path parameters for every task endpoint.
const TASK_ENDPOINTS: [string, UserName, Body][] = [
  ['receive', 'staffTTTT', {}],
  ['refuse', 'staffTTTT', { reason: 'Không thuộc chức năng' }],
  ['progress', 'staffTTTT', { percent: 10, note: 'Đang làm' }],
  ['deadline-change-requests', 'staffTTTT', { proposedDeadline: '2025-01-31', reason: 'Chậm' }],
  ['completion', 'staffTTTT', { completedOn: TODAY, resultDocument: '32/KH-UBND' }],
  ['completion/confirm', 'tracker', {}],
  ['completion/return', 'tracker', { reason: 'Thiếu phụ lục' }],
  ['urge', 'tracker', {}],
  ['hold', 'tracker', { reason: 'Chờ chủ trương' }],
  ['resume', 'tracker', {}],
  ['cancel', 'tracker', { reason: 'Không còn phù hợp' }],
  ['reassign', 'tracker', { leadAgency: 'STC', reason: 'Giao lại' }],
];

const cases: [string, Case[]][] = [
  [
    'POST /api/directives',
    [
      {
        what: 'an empty body: every required field is listed',
        who: 'tracker',
        path: directives,
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['reference', 'issuedOn', 'issuer', 'title'],
      },
      {
        what: 'wrong types in every field',
        who: 'tracker',
        path: directives,
        body: { reference: 24, issuedOn: 20240119, issuer: true, title: ['x'], summary: 5 },
        status: 400,
        code: 'validation_failed',
        fields: ['reference', 'issuedOn', 'issuer', 'title', 'summary'],
      },
      {
        what: 'an unknown extra field',
        who: 'tracker',
        path: directives,
        body: { ...validDirective, priority: 'cao' },
        status: 400,
        code: 'validation_failed',
        fields: ['priority'],
      },
      {
        what: 'several bad fields at once, with an unknown one',
        who: 'tracker',
        path: directives,
        body: { id: 'abc', reference: '', issuedOn: '2024-13-01', title: 5, extra: 1 },
        status: 400,
        code: 'validation_failed',
        fields: ['id', 'reference', 'issuedOn', 'issuer', 'title', 'extra'],
      },
      {
        what: 'a date that does not exist (2024-02-30)',
        who: 'tracker',
        path: directives,
        body: { ...validDirective, issuedOn: '2024-02-30' },
        status: 400,
        code: 'validation_failed',
        fields: ['issuedOn'],
      },
      {
        what: 'a date written the Vietnamese way (30/06/2024)',
        who: 'tracker',
        path: directives,
        body: { ...validDirective, issuedOn: '30/06/2024' },
        status: 400,
        code: 'validation_failed',
        fields: ['issuedOn'],
      },
      {
        what: 'an issue date in the future (tomorrow)',
        who: 'tracker',
        path: directives,
        body: { ...validDirective, issuedOn: TOMORROW },
        status: 400,
        code: 'business_date_in_future',
      },
      {
        what: "a reference with '-' instead of '/' (24-CTr-UBND)",
        who: 'tracker',
        path: directives,
        body: { ...validDirective, reference: '24-CTr-UBND' },
        status: 400,
        code: 'invalid_document_reference',
        details: { value: '24-CTr-UBND' },
      },
      {
        what: "a reference that is no reference ('abc')",
        who: 'tracker',
        path: directives,
        body: { ...validDirective, reference: 'abc' },
        status: 400,
        code: 'invalid_document_reference',
        details: { value: 'abc' },
      },
      {
        what: 'a body that is a list',
        who: 'tracker',
        path: directives,
        body: [validDirective],
        status: 400,
        code: 'validation_failed',
      },
    ],
  ],
  [
    'POST /api/directives/{id}/tasks',
    [
      {
        what: 'an empty body: every required field is listed',
        who: 'tracker',
        path: tasksOf(),
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['title', 'leadAgency'],
      },
      {
        what: 'wrong types in several fields',
        who: 'tracker',
        path: tasksOf(),
        body: {
          title: 1,
          leadAgency: 2,
          supportAgencies: 'SKHDT',
          deadline: 20241231,
          keyTask: 'có',
          workProgrammeItem: 1,
        },
        status: 400,
        code: 'validation_failed',
        fields: [
          'title',
          'leadAgency',
          'supportAgencies',
          'deadline',
          'keyTask',
          'workProgrammeItem',
        ],
      },
      {
        what: 'an unknown extra field',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, priority: 'cao' },
        status: 400,
        code: 'validation_failed',
        fields: ['priority'],
      },
      {
        what: 'a deadline that does not exist (2024-02-30)',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, deadline: '2024-02-30' },
        status: 400,
        code: 'validation_failed',
        fields: ['deadline'],
      },
      {
        what: 'an assignment date written 30/06/2024',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, occurredOn: '30/06/2024' },
        status: 400,
        code: 'validation_failed',
        fields: ['occurredOn'],
      },
      {
        what: 'an assignment date in the future (tomorrow)',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, occurredOn: TOMORROW, deadline: '2024-12-31' },
        status: 400,
        code: 'business_date_in_future',
      },
      {
        what: 'a deadline before the assignment date',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, occurredOn: '2024-04-01', deadline: '2024-03-31' },
        status: 422,
        code: 'deadline_before_assignment',
      },
      {
        what: 'an unknown lead agency',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, leadAgency: 'SO-KHONG-CO' },
        status: 422,
        code: 'agency_not_found',
        details: { agency: 'SO-KHONG-CO' },
      },
      {
        what: 'an unknown supporting agency',
        who: 'tracker',
        path: tasksOf(),
        body: { ...validTask, supportAgencies: ['SKHDT', 'SO-KHONG-CO'] },
        status: 422,
        code: 'agency_not_found',
        details: { agency: 'SO-KHONG-CO' },
      },
      {
        what: 'a batch whose second task names an unknown agency (none is assigned)',
        who: 'tracker',
        path: tasksOf(),
        body: { tasks: [validTask, { ...validTask, leadAgency: 'SO-KHONG-CO' }] },
        status: 422,
        code: 'agency_not_found',
        details: { agency: 'SO-KHONG-CO', index: 1 },
      },
      {
        what: 'a batch whose second task has bad fields (listed with their index)',
        who: 'tracker',
        path: tasksOf(),
        body: { tasks: [validTask, { leadAgency: 5, extra: true }] },
        status: 400,
        code: 'validation_failed',
        fields: ['tasks.1.title', 'tasks.1.leadAgency', 'tasks.1.extra'],
      },
      {
        what: 'an empty batch',
        who: 'tracker',
        path: tasksOf(),
        body: { tasks: [] },
        status: 400,
        code: 'validation_failed',
        fields: ['tasks'],
      },
      {
        what: 'a malformed directive id in the path',
        who: 'tracker',
        path: () => '/api/directives/not-a-uuid/tasks',
        body: validTask,
        status: 400,
        code: 'bad_request',
      },
      {
        what: 'an unknown directive',
        who: 'tracker',
        path: tasksOf(UNKNOWN_ID),
        body: validTask,
        status: 404,
        code: 'directive_not_found',
      },
    ],
  ],
  [
    'POST /api/tasks/{id}/…: every endpoint, bad path',
    TASK_ENDPOINTS.flatMap(([suffix, who, body]): Case[] => [
      {
        what: `${suffix}: a malformed task id`,
        who,
        path: () => `/api/tasks/123/${suffix}`,
        body,
        status: 400,
        code: 'bad_request',
      },
      {
        what: `${suffix}: an unknown task`,
        who,
        path: () => `/api/tasks/${UNKNOWN_ID}/${suffix}`,
        body,
        status: 404,
        code: 'task_not_found',
      },
      {
        what: `${suffix}: an unknown extra field`,
        who,
        path: task(suffix),
        body: { ...body, hacked: true },
        status: 400,
        code: 'validation_failed',
        fields: ['hacked'],
      },
      {
        what: `${suffix}: a business date that does not exist (2024-02-30)`,
        who,
        path: task(suffix),
        body: { ...body, occurredOn: '2024-02-30' },
        status: 400,
        code: 'validation_failed',
        fields: ['occurredOn'],
      },
      {
        what: `${suffix}: a business date in the future (tomorrow)`,
        who,
        path: task(suffix),
        body: { ...body, occurredOn: TOMORROW },
        status: 400,
        code: 'business_date_in_future',
      },
    ]),
  ],
  [
    'POST /api/tasks/{id}/refuse, hold, cancel, completion/return: the reason',
    (['refuse', 'hold', 'cancel', 'completion/return'] as const).flatMap((suffix): Case[] => {
      const who: UserName = suffix === 'refuse' ? 'staffTTTT' : 'tracker';
      return [
        {
          what: `${suffix}: no reason`,
          who,
          path: task(suffix),
          body: {},
          status: 400,
          code: 'validation_failed',
          fields: ['reason'],
        },
        {
          what: `${suffix}: a number as reason and a date 30/06/2024`,
          who,
          path: task(suffix),
          body: { reason: 5, occurredOn: '30/06/2024' },
          status: 400,
          code: 'validation_failed',
          fields: ['reason', 'occurredOn'],
        },
        {
          what: `${suffix}: a blank reason`,
          who,
          path: task(suffix),
          body: { reason: '   ' },
          status: suffix === 'refuse' ? 422 : suffix === 'completion/return' ? 422 : 400,
          code:
            suffix === 'refuse'
              ? 'progress_already_reported'
              : suffix === 'completion/return'
                ? 'nothing_to_return'
                : 'reason_required',
        },
      ];
    }),
  ],
  [
    'POST /api/tasks/{id}/progress',
    [
      {
        what: 'progress 101',
        who: 'staffTTTT',
        path: task('progress'),
        body: { percent: 101, note: 'Vượt mức' },
        status: 400,
        code: 'validation_failed',
        fields: ['percent'],
      },
      {
        what: 'progress -1',
        who: 'staffTTTT',
        path: task('progress'),
        body: { percent: -1, note: 'Âm' },
        status: 400,
        code: 'validation_failed',
        fields: ['percent'],
      },
      {
        what: 'progress 50.5 and a number as note',
        who: 'staffTTTT',
        path: task('progress'),
        body: { percent: 50.5, note: 7 },
        status: 400,
        code: 'validation_failed',
        fields: ['percent', 'note'],
      },
      {
        what: 'an empty body',
        who: 'staffTTTT',
        path: task('progress'),
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['percent', 'note'],
      },
      {
        what: 'progress as text, documents not a list, agency a number',
        who: 'staffTTTT',
        path: task('progress'),
        body: { percent: '50', note: 'x', documents: '45/STTTT-CNTT', agency: 1 },
        status: 400,
        code: 'validation_failed',
        fields: ['percent', 'documents', 'agency'],
      },
      {
        what: 'a blank note',
        who: 'staffTTTT',
        path: task('progress'),
        body: { percent: 40, note: '  ' },
        status: 400,
        code: 'note_required',
      },
      {
        what: 'a date before the assignment',
        who: 'staffTTTT',
        path: task('progress'),
        body: { percent: 40, note: 'Ghi lùi ngày', occurredOn: '2024-02-01' },
        status: 422,
        code: 'date_before_assignment',
      },
    ],
  ],
  [
    'POST /api/tasks/{id}/deadline-change-requests',
    [
      {
        what: 'an empty body',
        who: 'staffTTTT',
        path: task('deadline-change-requests'),
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['reason', 'proposedDeadline'],
      },
      {
        what: 'an unknown kind and a proposed deadline written 30/06/2024',
        who: 'staffTTTT',
        path: task('deadline-change-requests'),
        body: { kind: 'forever', proposedDeadline: '30/06/2024', reason: 'x' },
        status: 400,
        code: 'validation_failed',
        fields: ['kind', 'proposedDeadline'],
      },
      {
        what: 'a proposed deadline that does not exist (2024-02-30)',
        who: 'staffTTTT',
        path: task('deadline-change-requests'),
        body: { proposedDeadline: '2024-02-30', reason: 'x' },
        status: 400,
        code: 'validation_failed',
        fields: ['proposedDeadline'],
      },
      {
        what: 'a proposed deadline before the deadline in force (here: before the assignment)',
        who: 'staffTTTT',
        path: task('deadline-change-requests'),
        body: { proposedDeadline: '2024-01-31', reason: 'Lùi hạn' },
        status: 400,
        code: 'extension_not_after_deadline',
      },
    ],
  ],
  [
    'POST /api/tasks/{id}/deadline-change-requests/{requestId}/approve|reject',
    [
      {
        what: 'approve: a malformed request id',
        who: 'leader',
        path: task('deadline-change-requests/abc/approve'),
        body: {},
        status: 400,
        code: 'bad_request',
      },
      {
        what: 'reject: a malformed request id',
        who: 'leader',
        path: task('deadline-change-requests/abc/reject'),
        body: { reason: 'x' },
        status: 400,
        code: 'bad_request',
      },
      {
        what: 'approve: an unknown request',
        who: 'leader',
        path: task(`deadline-change-requests/${UNKNOWN_ID}/approve`),
        body: {},
        status: 404,
        code: 'request_not_found',
      },
      {
        what: 'approve: a new deadline written 30/06/2024 and an extra field',
        who: 'leader',
        path: () =>
          `/api/tasks/${ids.task}/deadline-change-requests/${ids.rejectedRequest}/approve`,
        body: { newDeadline: '30/06/2024', note: 'x' },
        status: 400,
        code: 'validation_failed',
        fields: ['newDeadline', 'note'],
      },
      {
        what: 'approve: a request already rejected',
        who: 'leader',
        path: () =>
          `/api/tasks/${ids.task}/deadline-change-requests/${ids.rejectedRequest}/approve`,
        body: {},
        status: 422,
        code: 'request_already_decided',
        details: { status: 'rejected' },
      },
      {
        what: 'reject: a request already rejected',
        who: 'leader',
        path: () => `/api/tasks/${ids.task}/deadline-change-requests/${ids.rejectedRequest}/reject`,
        body: { reason: 'Lần nữa' },
        status: 422,
        code: 'request_already_decided',
      },
      {
        what: 'reject: no reason',
        who: 'leader',
        path: () => `/api/tasks/${ids.task}/deadline-change-requests/${ids.rejectedRequest}/reject`,
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['reason'],
      },
    ],
  ],
  [
    'POST /api/tasks/{id}/completion, completion/confirm',
    [
      {
        what: 'completion: an empty body',
        who: 'staffTTTT',
        path: task('completion'),
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['completedOn', 'resultDocument'],
      },
      {
        what: 'completion: a work date 2024-02-30 and a number as result document',
        who: 'staffTTTT',
        path: task('completion'),
        body: { completedOn: '2024-02-30', resultDocument: 32 },
        status: 400,
        code: 'validation_failed',
        fields: ['completedOn', 'resultDocument'],
      },
      {
        what: 'completion: a work date in the future (tomorrow)',
        who: 'staffTTTT',
        path: task('completion'),
        body: { completedOn: TOMORROW, resultDocument: '32/KH-UBND' },
        status: 400,
        code: 'business_date_in_future',
      },
      {
        what: 'completion: a work date before the assignment',
        who: 'staffTTTT',
        path: task('completion'),
        body: { completedOn: '2024-01-10', resultDocument: '32/KH-UBND' },
        status: 422,
        code: 'date_before_assignment',
      },
      {
        what: 'confirm: nobody reported the task done',
        who: 'tracker',
        path: task('completion/confirm'),
        body: {},
        status: 422,
        code: 'nothing_to_confirm',
        details: { status: 'in_progress' },
      },
    ],
  ],
  [
    'POST /api/tasks/{id}/urge, resume, reassign',
    [
      {
        what: 'urge: an unknown kind and a number as message',
        who: 'tracker',
        path: task('urge'),
        body: { kind: 'soon', message: 5 },
        status: 400,
        code: 'validation_failed',
        fields: ['kind', 'message'],
      },
      {
        what: 'resume: a new deadline 2024-02-30',
        who: 'tracker',
        path: task('resume'),
        body: { newDeadline: '2024-02-30' },
        status: 400,
        code: 'validation_failed',
        fields: ['newDeadline'],
      },
      {
        what: 'resume: a task that is not on hold',
        who: 'tracker',
        path: task('resume'),
        body: {},
        status: 422,
        code: 'task_not_on_hold',
      },
      {
        what: 'reassign: an empty body',
        who: 'tracker',
        path: task('reassign'),
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['reason', 'leadAgency'],
      },
      {
        what: 'reassign: supporting agencies not a list',
        who: 'tracker',
        path: task('reassign'),
        body: { leadAgency: 'STC', reason: 'x', supportAgencies: 'SKHDT' },
        status: 400,
        code: 'validation_failed',
        fields: ['supportAgencies'],
      },
      {
        what: 'reassign: an unknown agency',
        who: 'tracker',
        path: task('reassign'),
        body: { leadAgency: 'SO-KHONG-CO', reason: 'Giao lại' },
        status: 422,
        code: 'agency_not_found',
        details: { agency: 'SO-KHONG-CO' },
      },
    ],
  ],
  [
    'POST /api/agencies, PATCH /api/agencies/{code}',
    [
      {
        what: 'an empty body',
        who: 'admin',
        path: () => '/api/agencies',
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['code', 'name'],
      },
      {
        what: 'several bad fields and an unknown one',
        who: 'admin',
        path: () => '/api/agencies',
        body: { code: 5, name: '', parent: 7, kind: 'ministry', active: true },
        status: 400,
        code: 'validation_failed',
        fields: ['code', 'name', 'parent', 'kind', 'active'],
      },
      {
        what: 'a code with a space',
        who: 'admin',
        path: () => '/api/agencies',
        body: { code: 'SO TTTT', name: 'Sở có dấu cách' },
        status: 400,
        code: 'invalid_agency_code',
      },
      {
        what: 'an unknown parent agency',
        who: 'admin',
        path: () => '/api/agencies',
        body: { code: 'SO-MOI', name: 'Sở mới', parent: 'SO-KHONG-CO' },
        status: 422,
        code: 'agency_parent_not_found',
      },
      {
        what: 'an agency already registered',
        who: 'admin',
        path: () => '/api/agencies',
        body: { code: 'STC', name: 'Sở Tài chính' },
        status: 409,
        code: 'agency_already_registered',
      },
      {
        what: 'PATCH: wrong types and an unknown field',
        who: 'admin',
        method: 'patch',
        path: () => '/api/agencies/STC',
        body: { name: 5, active: 'không', code: 'STC2' },
        status: 400,
        code: 'validation_failed',
        fields: ['name', 'active', 'code'],
      },
      {
        what: 'PATCH: nothing to change',
        who: 'admin',
        method: 'patch',
        path: () => '/api/agencies/STC',
        body: {},
        status: 422,
        code: 'nothing_changed',
      },
      {
        what: 'PATCH: a parent that does not exist',
        who: 'admin',
        method: 'patch',
        path: () => '/api/agencies/STC',
        body: { parent: 'SO-KHONG-CO' },
        status: 422,
        code: 'agency_parent_not_found',
      },
      {
        what: 'PATCH: an unknown agency in the path',
        who: 'admin',
        method: 'patch',
        path: () => '/api/agencies/SO-KHONG-CO',
        body: { name: 'Tên mới' },
        status: 404,
        code: 'agency_not_found',
      },
    ],
  ],
  [
    'POST /api/users, PATCH /api/users/{id}',
    [
      {
        what: 'an empty body',
        who: 'admin',
        path: () => '/api/users',
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['username', 'displayName', 'roles'],
      },
      {
        what: 'an unknown role, a short password and an unknown field',
        who: 'admin',
        path: () => '/api/users',
        body: {
          username: 'moi',
          displayName: 'Người mới',
          roles: ['king'],
          agency: 'STC',
          password: 'ngan',
          isAdmin: true,
        },
        status: 400,
        code: 'validation_failed',
        fields: ['roles', 'password', 'isAdmin'],
      },
      {
        what: 'an unknown agency',
        who: 'admin',
        path: () => '/api/users',
        body: {
          username: 'moi',
          displayName: 'Người mới',
          roles: ['staff'],
          agency: 'SO-KHONG-CO',
          password: 'mot-mat-khau-dai',
        },
        status: 422,
        code: 'agency_not_found',
        details: { agency: 'SO-KHONG-CO' },
      },
      {
        what: 'a username already taken',
        who: 'admin',
        path: () => '/api/users',
        body: {
          username: 'stafftc',
          displayName: 'Trùng tên',
          roles: ['staff'],
          agency: 'STC',
          password: 'mot-mat-khau-dai',
        },
        status: 409,
        code: 'username_taken',
      },
      {
        what: 'PATCH: a malformed user id',
        who: 'admin',
        method: 'patch',
        path: () => '/api/users/abc',
        body: { displayName: 'Tên mới' },
        status: 400,
        code: 'bad_request',
      },
      {
        what: 'PATCH: an unknown user',
        who: 'admin',
        method: 'patch',
        path: () => `/api/users/${UNKNOWN_ID}`,
        body: { displayName: 'Tên mới' },
        status: 404,
        code: 'user_not_found',
      },
      {
        what: 'PATCH: no roles, active as text, an unknown field',
        who: 'admin',
        method: 'patch',
        path: () => `/api/users/${ids.userId}`,
        body: { roles: [], active: 'yes', username: 'doiten' },
        status: 400,
        code: 'validation_failed',
        fields: ['roles', 'active', 'username'],
      },
      {
        what: 'PATCH: an unknown agency',
        who: 'admin',
        method: 'patch',
        path: () => `/api/users/${ids.userId}`,
        body: { agency: 'SO-KHONG-CO' },
        status: 422,
        code: 'agency_not_found',
      },
    ],
  ],
  [
    'PATCH /api/users/{id}/contact',
    [
      {
        what: 'an e-mail address without a dot in its domain',
        who: 'staffTC',
        method: 'patch',
        path: () => `/api/users/${ids.userId}/contact`,
        body: { email: 'chuyenvien@stc' },
        status: 400,
        code: 'invalid_email_address',
        details: { field: 'email', reason: 'no_dot_in_domain' },
      },
      {
        what: 'a phone number with a letter',
        who: 'staffTC',
        method: 'patch',
        path: () => `/api/users/${ids.userId}/contact`,
        body: { phone: '0912 34S 678' },
        status: 400,
        code: 'invalid_phone_number',
        details: { field: 'phone', reason: 'bad_character' },
      },
      {
        what: 'SMS without a phone number',
        who: 'staffTC',
        method: 'patch',
        path: () => `/api/users/${ids.userId}/contact`,
        body: { channels: ['sms'] },
        status: 400,
        code: 'contact_channel_without_address',
        details: { field: 'phone', channel: 'sms' },
      },
      {
        what: 'an unknown channel, a number for an address, an unknown field',
        who: 'staffTC',
        method: 'patch',
        path: () => `/api/users/${ids.userId}/contact`,
        body: { channels: ['zalo'], email: 42, fax: '024 3823 4567' },
        status: 400,
        code: 'validation_failed',
        fields: ['channels', 'email', 'fax'],
      },
      {
        what: 'a malformed user id',
        who: 'admin',
        method: 'patch',
        path: () => '/api/users/abc/contact',
        body: { phone: '0912345678' },
        status: 400,
        code: 'bad_request',
      },
    ],
  ],
  [
    'PUT /api/agencies/{code}/head',
    [
      {
        what: 'no user named',
        who: 'admin',
        method: 'put',
        path: () => '/api/agencies/STC/head',
        body: {},
        status: 400,
        code: 'validation_failed',
        fields: ['userId'],
      },
      {
        what: 'an unknown user',
        who: 'admin',
        method: 'put',
        path: () => '/api/agencies/STTTT/head',
        body: { userId: UNKNOWN_ID },
        status: 422,
        code: 'agency_head_not_found',
      },
      {
        what: 'an unknown agency',
        who: 'admin',
        method: 'put',
        path: () => '/api/agencies/SO-KHONG-CO/head',
        body: { userId: UNKNOWN_ID },
        status: 404,
        code: 'agency_not_found',
      },
    ],
  ],
];

describe('bad input on every command endpoint', () => {
  let t: TestApp;
  let province: Province;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    province = await seedProvince(t);
    ids.userId = province.userIds.staffTC;
    const as = (who: UserName) => province.headers(who);

    const directive = await t.http
      .post('/api/directives')
      .set(as('leader'))
      .send({
        reference: '24/CTr-UBND',
        issuedOn: '2024-01-19',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Chương trình công tác năm 2024',
      })
      .expect(201);
    ids.directive = directive.body.id;
    const assigned = await t.http
      .post(`/api/directives/${ids.directive}/tasks`)
      .set(as('tracker'))
      .send(validTask)
      .expect(201);
    ids.task = assigned.body.tasks[0].id;
    const base = `/api/tasks/${ids.task}`;
    await t.http.post(`${base}/receive`).set(as('staffTTTT')).send({}).expect(200);
    await t.http
      .post(`${base}/progress`)
      .set(as('staffTTTT'))
      .send({ percent: 20, note: 'Đã có dự thảo' })
      .expect(200);
    const requested = await t.http
      .post(`${base}/deadline-change-requests`)
      .set(as('staffTTTT'))
      .send({ proposedDeadline: '2025-03-31', reason: 'Chờ hướng dẫn của Bộ' })
      .expect(200);
    ids.rejectedRequest = requested.body.pendingRequestId;
    await t.http
      .post(`${base}/deadline-change-requests/${ids.rejectedRequest}/reject`)
      .set(as('leader'))
      .send({ reason: 'Chưa đủ căn cứ' })
      .expect(200);
  });
  afterAll(() => t.close());

  describe.each(cases)('%s', (_endpoint, rows) => {
    it.each(rows.map((row) => [row.what, row] as const))('%s', async (_what, row) => {
      const before = await headPosition();
      const response = await t.http[row.method ?? 'post'](row.path())
        .set(province.headers(row.who))
        .send(row.body);

      expect({ status: response.status, code: response.body.code }).toEqual({
        status: row.status,
        code: row.code,
      });
      expect(typeof response.body.message).toBe('string');
      expect(response.body.messageVi).toMatch(VIETNAMESE);
      expect(response.body.messageVi).not.toEqual(response.body.message);
      if (row.details) expect(response.body.details).toMatchObject(row.details);
      if (row.code === 'invalid_document_reference') {
        expect(response.body.details.reason).toEqual(expect.any(String));
      }
      if (row.fields) {
        const listed: { field: string; messageVi: string }[] = response.body.details.fields;
        expect([...new Set(listed.map((f) => f.field))].sort()).toEqual([...row.fields].sort());
        for (const field of listed) expect(field.messageVi).toMatch(VIETNAMESE);
      }
      expect(await headPosition()).toBe(before);
    });
  });

  it('leaves the task as it was set up: received, 20%, the request rejected', async () => {
    const task = await t.http
      .get(`/api/tasks/${ids.task}`)
      .set(province.headers('leader'))
      .expect(200);
    expect(task.body).toMatchObject({
      status: 'in_progress',
      progress: 20,
      deadline: '2024-12-31',
      pendingRequestId: null,
      completion: null,
      version: 5,
    });
  });
});
