import { startTestApp, type TestApp } from './support/test-app';
import { seedProvince, type Province, type UserName } from './support/province';
import { registerDirective } from './support/task-steps';

/**
 * What the task page relies on: `allowedActions` in the task view (the commands the caller may
 * send, by the domain's own rules, so the page offers nothing the server refuses) and refusals
 * a clerk can act on: one Vietnamese sentence per field naming its label, rows by their place.
 *
 * The clock stands at 2024-06-30 10:00 in Vietnam.
 */

let t: TestApp;
let p: Province;
let directiveId = '';

const FIELD_PATH = /\b[a-z]+[A-Za-z]*\.\d+\.[a-zA-Z]+\b/;

async function assign(deadline = '2024-12-31'): Promise<string> {
  const { body } = await t.http
    .post(`/api/directives/${directiveId}/tasks`)
    .set(p.headers('leader'))
    .send({
      title: 'Xây dựng Kế hoạch chuyển đổi IPv6',
      leadAgency: 'STTTT',
      supportAgencies: ['SKHDT'],
      deadline,
      occurredOn: '2024-02-05',
    })
    .expect(201);
  return body.tasks[0].id as string;
}

const allowed = async (taskId: string, who: UserName): Promise<string[]> => {
  const { body } = await t.http.get(`/api/tasks/${taskId}`).set(p.headers(who)).expect(200);
  return body.allowedActions as string[];
};

const send = (who: UserName, taskId: string, path: string, body: object = {}) =>
  t.http.post(`/api/tasks/${taskId}/${path}`).set(p.headers(who)).send(body);

beforeAll(async () => {
  t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
  p = await seedProvince(t);
  directiveId = await registerDirective(t, p);
});
afterAll(() => t.close());

describe('allowedActions in the task view', () => {
  it('offers each role what the permission table and the task state allow, and nothing else', async () => {
    const taskId = await assign();
    expect(await allowed(taskId, 'staffTTTT')).toEqual(['ReceiveTask', 'RefuseTask']);
    expect(await allowed(taskId, 'staffKHDT')).toEqual(['ReportTaskProgress']);
    expect(await allowed(taskId, 'leader')).toEqual([
      'ReassignTask',
      'UrgeTask',
      'PutTaskOnHold',
      'CancelTask',
    ]);
    expect(await allowed(taskId, 'tracker')).toEqual([
      'ReassignTask',
      'UrgeTask',
      'PutTaskOnHold',
      'CancelTask',
    ]);
    expect(await allowed(taskId, 'auditor')).toEqual([]);
    // A leader of another province does not see the task at all.
    await t.http.get(`/api/tasks/${taskId}`).set(p.headers('leaderKhac')).expect(403);
  });

  it('follows the task through its life, and the server refuses what is not offered', async () => {
    const taskId = await assign();
    // A supporting agency is not offered receiving, and the server agrees.
    expect(await allowed(taskId, 'staffKHDT')).not.toContain('ReceiveTask');
    expect((await send('staffKHDT', taskId, 'receive')).status).toBe(403);

    const received = await send('staffTTTT', taskId, 'receive').expect(200);
    // The command's answer carries the new offer, so the page needs no second call.
    expect(received.body.allowedActions).toEqual([
      'RefuseTask',
      'ReportTaskProgress',
      'RequestDeadlineChange',
      'ReportCompletion',
    ]);
    expect((await send('staffTTTT', taskId, 'receive')).status).toBe(422);

    await send('staffTTTT', taskId, 'deadline-change-requests', {
      proposedDeadline: '2025-03-31',
      reason: 'Chờ hướng dẫn của Bộ',
    }).expect(200);
    // A second extension request while one is pending is not offered, and is refused.
    expect(await allowed(taskId, 'staffTTTT')).not.toContain('RequestDeadlineChange');
    const second = await send('staffTTTT', taskId, 'deadline-change-requests', {
      proposedDeadline: '2025-04-30',
      reason: 'Thêm thời gian',
    });
    expect({ status: second.status, code: second.body.code }).toEqual({
      status: 422,
      code: 'request_pending',
    });
    expect(await allowed(taskId, 'leader')).toEqual([
      'ApproveDeadlineChange',
      'RejectDeadlineChange',
      'UrgeTask',
      'PutTaskOnHold',
      'CancelTask',
    ]);
    const { body } = await t.http.get(`/api/tasks/${taskId}`).set(p.headers('leader'));
    await send(
      'leader',
      taskId,
      `deadline-change-requests/${body.pendingRequestId}/approve`,
    ).expect(200);

    // Completion reported: the agency still sees its task, with nothing more to do.
    await send('staffTTTT', taskId, 'completion', {
      completedOn: '2024-06-28',
      resultDocument: '45/BC-STTTT',
    }).expect(200);
    const awaiting = await t.http.get(`/api/tasks/${taskId}`).set(p.headers('staffTTTT'));
    expect(awaiting.status).toBe(200);
    expect(awaiting.body.status).toBe('awaiting_confirmation');
    expect(awaiting.body.allowedActions).toEqual([]);
    expect(await allowed(taskId, 'tracker')).toEqual([
      'ConfirmCompletion',
      'ReturnCompletion',
      'UrgeTask',
      'CancelTask',
    ]);
    // Leaders cannot hold a task whose report awaits the office's decision.
    expect(await allowed(taskId, 'leader')).toEqual(['UrgeTask', 'CancelTask']);
    expect((await send('leader', taskId, 'hold', { reason: 'Chờ chủ trương' })).status).toBe(422);

    await send('tracker', taskId, 'completion/return', { reason: 'Thiếu phụ lục' }).expect(200);
    expect(await allowed(taskId, 'staffTTTT')).toContain('ReportCompletion');

    await send('leader', taskId, 'hold', { reason: 'Chờ chủ trương' }).expect(200);
    expect(await allowed(taskId, 'leader')).toEqual([
      'ReassignTask',
      'UrgeTask',
      'ResumeTask',
      'CancelTask',
    ]);
    expect(await allowed(taskId, 'staffTTTT')).toEqual([]);
    await send('leader', taskId, 'resume').expect(200);
    await send('leader', taskId, 'cancel', { reason: 'Không còn phù hợp' }).expect(200);
    expect(await allowed(taskId, 'leader')).toEqual([]);
    expect(await allowed(taskId, 'tracker')).toEqual([]);
  });
});

describe("urges received, for the agency's lists", () => {
  it('answers how often and when each listed task was urged, for the tasks the caller may read', async () => {
    const urged = await assign();
    const quiet = await assign();
    await send('tracker', urged, 'urge', { kind: 'no_report', message: 'Đề nghị báo cáo' }).expect(
      200,
    );
    await send('tracker', urged, 'urge', {}).expect(200);
    const { body } = await t.http
      .get(`/api/task-urges?ids=${urged},${quiet}`)
      .set(p.headers('staffTTTT'))
      .expect(200);
    expect(body).toEqual([
      { id: urged, urgeCount: 2, lastUrgedOn: '2024-06-30' },
      { id: quiet, urgeCount: 0, lastUrgedOn: null },
    ]);
    // Another province's staff learn nothing of these tasks.
    const other = await t.http
      .get(`/api/task-urges?ids=${urged}`)
      .set(p.headers('staffX'))
      .expect(200);
    expect(other.body).toEqual([]);
    await t.http.get(`/api/task-urges?ids=${urged}`).expect(401);
    const bad = await t.http.get('/api/task-urges?ids=abc').set(p.headers('staffTTTT')).expect(400);
    expect(bad.body.details.fields).toEqual([
      expect.objectContaining({
        field: 'ids',
        messageVi: expect.stringMatching(/^Danh sách nhiệm vụ/),
      }),
    ]);
  });
});

describe('refusals a clerk can act on', () => {
  const problems = (body: { details?: { fields?: { field: string; messageVi: string }[] } }) =>
    Object.fromEntries((body.details?.fields ?? []).map((f) => [f.field, f.messageVi]));

  const expectReadable = (body: {
    messageVi: string;
    details?: { fields?: { field: string; messageVi: string }[] };
  }) => {
    const fields = body.details?.fields ?? [];
    // One message per field, and no field path or English constraint name in what a clerk reads.
    expect(new Set(fields.map((f) => f.field)).size).toBe(fields.length);
    for (const text of [body.messageVi, ...fields.map((f) => f.messageVi)]) {
      expect(text).not.toMatch(FIELD_PATH);
      expect(text).not.toMatch(/must|should|isInt|isNotEmpty|nestedValidation/);
    }
  };

  it('gives a progress out of range as one sentence with the range', async () => {
    const taskId = await assign();
    await send('staffTTTT', taskId, 'receive').expect(200);
    const over = await send('staffTTTT', taskId, 'progress', { percent: 150, note: 'Xong' });
    expect(over.status).toBe(400);
    expect(problems(over.body)).toEqual({ percent: 'Tiến độ phải từ 0 đến 100 %' });
    expectReadable(over.body);

    const halfAndEmpty = await send('staffTTTT', taskId, 'progress', { percent: 12.5, note: '' });
    expect(problems(halfAndEmpty.body)).toEqual({
      percent: 'Tiến độ phải là số nguyên từ 0 đến 100 %',
      note: 'Nội dung báo cáo không được để trống',
    });
    expect(halfAndEmpty.body.messageVi).toBe(
      'Hãy sửa lại: Tiến độ phải là số nguyên từ 0 đến 100 %; Nội dung báo cáo không được để trống.',
    );
    expectReadable(halfAndEmpty.body);

    // An optional date sent blank is a wrong date, not a missing one.
    const blankDate = await send('staffTTTT', taskId, 'progress', {
      percent: 10,
      note: 'Đang làm',
      occurredOn: '',
    });
    expect(problems(blankDate.body)).toEqual({
      occurredOn: 'Ngày nghiệp vụ phải là một ngày có thật (ngày/tháng/năm)',
    });
  });

  it('names each bad row of a grid by its place and each field by its label', async () => {
    const response = await t.http
      .post(`/api/directives/${directiveId}/tasks`)
      .set(p.headers('leader'))
      .send({
        tasks: [
          { title: '', leadAgency: 'STTTT', deadline: '2024-12-31' },
          { title: 'Báo cáo sơ kết', leadAgency: '', deadline: '2024-02-31' },
        ],
      });
    expect(response.status).toBe(400);
    expect(problems(response.body)).toEqual({
      'tasks.0.title': 'Nhiệm vụ thứ 1: Tên nhiệm vụ không được để trống',
      'tasks.1.leadAgency': 'Nhiệm vụ thứ 2: Cơ quan chủ trì không được để trống',
      'tasks.1.deadline': 'Nhiệm vụ thứ 2: Thời hạn phải là một ngày có thật (ngày/tháng/năm)',
    });
    expectReadable(response.body);
  });

  it('labels the fields of a directive, and of an extension request', async () => {
    const directive = await t.http
      .post('/api/directives')
      .set(p.headers('leader'))
      .send({ reference: '', issuedOn: '2024-13-01', issuer: 'UBND tỉnh' });
    expect(problems(directive.body)).toEqual({
      reference: 'Số, ký hiệu không được để trống',
      issuedOn: 'Ngày ban hành phải là một ngày có thật (ngày/tháng/năm)',
      title: 'Trích yếu không được để trống',
    });
    expectReadable(directive.body);

    const taskId = await assign();
    await send('staffTTTT', taskId, 'receive').expect(200);
    const request = await send('staffTTTT', taskId, 'deadline-change-requests', { reason: 'Chậm' });
    expect(problems(request.body)).toEqual({
      proposedDeadline: 'Thời hạn đề nghị không được để trống',
    });
  });

  it('refuses an extension that is not after the deadline in force, naming both dates', async () => {
    const taskId = await assign('2024-12-31');
    await send('staffTTTT', taskId, 'receive').expect(200);
    const response = await send('staffTTTT', taskId, 'deadline-change-requests', {
      proposedDeadline: '2024-12-15',
      reason: 'Xin lùi',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'extension_not_after_deadline',
      details: { field: 'proposedDeadline' },
    });
    expect(response.body.messageVi).toContain('31/12/2024');
    expect(response.body.messageVi).toContain('15/12/2024');
  });

  it('checks the result document of a completion as a document number', async () => {
    const taskId = await assign();
    await send('staffTTTT', taskId, 'receive').expect(200);
    const response = await send('staffTTTT', taskId, 'completion', {
      completedOn: '2024-06-28',
      resultDocument: 'Đã xong',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'invalid_document_reference',
      details: { field: 'resultDocument' },
    });
    expect(response.body.messageVi).toMatch(/^Văn bản kết quả: Số, ký hiệu văn bản "Đã xong"/);
    const ok = await send('staffTTTT', taskId, 'completion', {
      completedOn: '2024-06-28',
      resultDocument: '45/bc-sttttt',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.completion.resultDocument).toBe('45/BC-STTTTT');
  });
});

describe('the task classified today', () => {
  it('says how many days a task is overdue, by the statistics’ own rule, and nothing once done or within its deadline', async () => {
    const overdue = await assign('2024-06-20');
    const within = await assign('2024-07-31');
    const read = async (taskId: string) =>
      (await t.http.get(`/api/tasks/${taskId}`).set(p.headers('staffTTTT')).expect(200)).body
        .classToday;
    // 30/06/2024 is ten days after the deadline of 20/06/2024.
    expect(await read(overdue)).toEqual({
      at: '2024-06-30',
      class: 'not_done_overdue',
      daysOverdue: 10,
    });
    expect(await read(within)).toEqual({
      at: '2024-06-30',
      class: 'not_done_within_deadline',
      daysOverdue: 0,
    });
    // The same figure the overdue list gives.
    const list = await t.http
      .get('/api/tasks/overdue')
      .set(p.headers('leader'))
      .query({ asOf: '2024-06-30' })
      .expect(200);
    const listed = (list.body.items ?? list.body) as { id: string; daysOverdue: number }[];
    expect(listed.find((item) => item.id === overdue)?.daysOverdue).toBe(10);
  });
});
