import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { seedProvince, USERS, type Province, type UserName } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The acceptance walk of the issue: Hà Tĩnh's framework programme 04/CTr-UBND (06/01/2020) gives
 * Sở TT&TT three tasks; they are received, reported on, one is extended, all three are reported
 * done, one is returned and redone, and all three end confirmed — "hoàn thành 3/3".
 *
 * The server clock stands at 30/12/2021 (the year-end report is being prepared) and moves one
 * minute per command, so every event has its own recordedAt; business dates come in occurredOn.
 */

interface HistoryEntry {
  position: number;
  version: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  actorName: string | null;
  actorAgency: string | null;
  data: Record<string, unknown>;
}

interface Step {
  type: string;
  by: UserName;
  agency: string;
  occurredOn: string;
  recordedAt: string;
}

const ISSUER = 'UBND tỉnh Hà Tĩnh';
const PROGRAMME = {
  reference: '04/CTr-UBND',
  issuedOn: '2020-01-06',
  issuer: ISSUER,
  title: 'Chương trình công tác năm 2020 của UBND tỉnh',
};
const ASSIGNED_ON = '2020-01-10';

describe('programme 04/CTr-UBND: from assignment to "hoàn thành 3/3"', () => {
  let t: TestApp;
  let p: Province;
  let directiveId: string;
  const ids = { ipv6: '', party: '', decision: '' };
  // What each task's history must say, appended to as the walk goes.
  const expected: Record<string, Step[]> = {};

  /** Moves the server clock one minute on and returns the instant the next command is recorded at. */
  const tick = (): string => {
    t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    return t.clock.now().toISOString();
  };
  const AGENCY_OF: Partial<Record<UserName, string>> = {
    leader: 'UBND-TINH',
    tracker: 'UBND-TINH',
    staffTTTT: 'STTTT',
  };
  const agencyOf = (name: UserName) => AGENCY_OF[name] ?? `no agency expected for ${name}`;

  /** Sends a task command as `by`, expects 200, and records the step the history must show. */
  async function command(
    taskId: string,
    path: string,
    by: UserName,
    body: Record<string, unknown>,
    events: string[],
  ): Promise<Response> {
    const recordedAt = tick();
    const response = await t.http
      .post(`/api/tasks/${taskId}/${path}`)
      .set(p.headers(by))
      .send(body);
    if (response.status !== 200) {
      throw new Error(`${path} by ${by}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    for (const type of events) {
      expected[taskId].push({
        type,
        by,
        agency: agencyOf(by),
        occurredOn: body.occurredOn as string,
        recordedAt,
      });
    }
    expect(response.headers.etag).toBe(`"${expected[taskId].length}"`);
    expect(response.body.version).toBe(expected[taskId].length);
    return response;
  }

  async function task(taskId: string, as: UserName = 'staffTTTT') {
    const response = await t.http.get(`/api/tasks/${taskId}`).set(p.headers(as)).expect(200);
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    return response.body;
  }

  async function history(taskId: string, as: UserName = 'auditor'): Promise<HistoryEntry[]> {
    return (await t.http.get(`/api/tasks/${taskId}/history`).set(p.headers(as)).expect(200)).body;
  }

  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;

  /** The history, step by step: type, actor (id, name, agency), business date, server time. */
  async function expectHistory(taskId: string): Promise<void> {
    const entries = await history(taskId);
    expect(
      entries.map(({ type, actor, actorName, actorAgency, occurredOn, recordedAt, version }) => ({
        version,
        type,
        actor,
        actorName,
        actorAgency,
        occurredOn,
        recordedAt,
      })),
    ).toEqual(
      expected[taskId].map((step, index) => ({
        version: index + 1,
        type: step.type,
        actor: p.userIds[step.by],
        actorName: USERS[step.by as keyof typeof USERS].displayName,
        actorAgency: step.agency,
        occurredOn: step.occurredOn,
        recordedAt: step.recordedAt,
      })),
    );
    const positions = entries.map((entry) => entry.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
  }

  beforeAll(async () => {
    t = await startTestApp({
      now: '2021-12-30T03:00:00Z',
      // The walk moves the clock a minute per command; the tokens must outlive it.
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
  });
  afterAll(() => t.close());

  it('a leader of UBND-TINH registers the programme 04/CTr-UBND issued 06/01/2020', async () => {
    tick();
    const response = await t.http
      .post('/api/directives')
      .set(p.headers('leader'))
      .send(PROGRAMME)
      .expect(201);
    directiveId = response.body.id;
    expect(response.body).toMatchObject({
      status: 'active',
      issuedOn: '2020-01-06',
      issuer: ISSUER,
      assigningAgency: 'UBND-TINH',
      programmeYear: 2020,
      version: 1,
      reference: { text: '04/CTr-UBND' },
    });
    const stored = await t.http
      .get(`/api/directives/${directiveId}`)
      .set(p.headers('tracker'))
      .expect(200);
    expect(stored.body).toMatchObject({ id: directiveId, reference: { text: '04/CTr-UBND' } });
  });

  it('assigns the three tasks to STTTT in one call, atomically', async () => {
    const before = await head();
    const recordedAt = tick();
    const response = await t.http
      .post(`/api/directives/${directiveId}/tasks`)
      .set(p.headers('leader'))
      .send({
        tasks: [
          {
            title: 'Xây dựng Kế hoạch chuyển đổi sang IPv6 trên địa bàn tỉnh',
            leadAgency: 'STTTT',
            deadline: '2021-03-31',
            keyTask: true,
            occurredOn: ASSIGNED_ON,
          },
          {
            title: 'Tham mưu Nghị quyết của Tỉnh ủy về chuyển đổi số, phát triển chính quyền số',
            leadAgency: 'STTTT',
            supportAgencies: ['SKHDT'],
            deadline: '2021-06-30',
            workProgrammeItem: true,
            occurredOn: ASSIGNED_ON,
          },
          {
            title: 'Sửa đổi, bổ sung Quyết định số 56/2016/QĐ-UBND',
            leadAgency: 'STTTT',
            deadline: '2020-12-31',
            occurredOn: ASSIGNED_ON,
          },
        ],
      })
      .expect(201);
    expect(await head()).toBe(before + 3);

    const tasks = response.body.tasks;
    expect(tasks).toHaveLength(3);
    [ids.ipv6, ids.party, ids.decision] = tasks.map((x: { id: string }) => x.id);
    expect(new Set(Object.values(ids)).size).toBe(3);
    for (const view of tasks) {
      expect(view).toMatchObject({
        status: 'assigned',
        version: 1,
        directiveId,
        directiveReference: '04/CTr-UBND',
        assigningAgency: 'UBND-TINH',
        leadAgency: 'STTTT',
        assignedOn: ASSIGNED_ON,
        completion: null,
      });
      expected[view.id] = [
        {
          type: 'TaskAssigned',
          by: 'leader',
          agency: 'UBND-TINH',
          occurredOn: ASSIGNED_ON,
          recordedAt,
        },
      ];
    }
    expect(await task(ids.ipv6)).toMatchObject({
      status: 'assigned',
      deadline: '2021-03-31',
      originalDeadline: '2021-03-31',
      keyTask: true,
      version: 1,
    });
    expect(await task(ids.party, 'staffKHDT')).toMatchObject({
      deadline: '2021-06-30',
      supportAgencies: ['SKHDT'],
      workProgrammeItem: true,
    });
    expect(await task(ids.decision)).toMatchObject({ deadline: '2020-12-31', version: 1 });
    // The agency's staff do not see other agencies' tasks.
    await t.http.get(`/api/tasks/${ids.ipv6}`).set(p.headers('staffTC')).expect(403);
  });

  it('staff of STTTT receive the three tasks', async () => {
    await command(ids.ipv6, 'receive', 'staffTTTT', { occurredOn: '2020-01-14' }, ['TaskReceived']);
    await command(ids.party, 'receive', 'staffTTTT', { occurredOn: '2020-01-14' }, [
      'TaskReceived',
    ]);
    await command(ids.decision, 'receive', 'staffTTTT', { occurredOn: '2020-01-15' }, [
      'TaskReceived',
    ]);
    expect(await task(ids.ipv6)).toMatchObject({
      status: 'in_progress',
      receivedOn: '2020-01-14',
      version: 2,
    });
    expect(await task(ids.decision)).toMatchObject({
      status: 'in_progress',
      receivedOn: '2020-01-15',
      version: 2,
    });
  });

  it('staff report progress', async () => {
    await command(
      ids.ipv6,
      'progress',
      'staffTTTT',
      {
        percent: 50,
        note: 'Đã xây dựng dự thảo Kế hoạch, đang lấy ý kiến các sở, ngành',
        occurredOn: '2020-10-15',
      },
      ['TaskProgressReported'],
    );
    await command(
      ids.party,
      'progress',
      'staffTTTT',
      { percent: 30, note: 'Đã thành lập tổ biên tập', occurredOn: '2020-11-20' },
      ['TaskProgressReported'],
    );
    await command(
      ids.decision,
      'progress',
      'staffTTTT',
      {
        percent: 60,
        note: 'Đã gửi dự thảo đến Sở Tư pháp thẩm định',
        documents: ['44/STTTT-CNTT&BCVT'],
        occurredOn: '2020-12-01',
      },
      ['TaskProgressReported'],
    );
    expect(await task(ids.ipv6)).toMatchObject({
      status: 'in_progress',
      progress: 50,
      lastReportedOn: '2020-10-15',
      version: 3,
    });
    expect(await task(ids.decision)).toMatchObject({ progress: 60, version: 3 });
    const [, , progress] = await history(ids.decision);
    expect(progress.data).toMatchObject({
      agency: 'STTTT',
      role: 'lead',
      percent: 60,
      documents: ['44/STTTT-CNTT&BCVT'],
    });
  });

  it('staff request an extension and the leader approves it: the deadline in force changes, the original is kept', async () => {
    const requested = await command(
      ids.decision,
      'deadline-change-requests',
      'staffTTTT',
      {
        proposedDeadline: '2021-03-31',
        reason: 'Chờ ý kiến thẩm định của Sở Tư pháp',
        occurredOn: '2020-12-10',
      },
      ['TaskDeadlineChangeRequested'],
    );
    const requestId = requested.body.pendingRequestId as string;
    expect(requestId).toEqual(expect.any(String));
    expect(requested.body.requests[requestId]).toMatchObject({
      kind: 'extension',
      proposedDeadline: '2021-03-31',
      status: 'pending',
      requestedOn: '2020-12-10',
    });
    // Asking is not getting: the deadline in force is still the original one.
    expect(await task(ids.decision)).toMatchObject({ deadline: '2020-12-31', version: 4 });
    // The request waits in the tracking office's queue, with what it asks and why.
    const pending = async () =>
      (
        await t.http
          .get(`/api/tasks?pendingRequest=true&minPosition=${await head()}`)
          .set(p.headers('tracker'))
          .expect(200)
      ).body.items;
    expect(await pending()).toEqual([
      expect.objectContaining({
        id: ids.decision,
        pendingRequest: {
          requestId,
          kind: 'extension',
          agency: 'STTTT',
          proposedDeadline: '2021-03-31',
          reason: 'Chờ ý kiến thẩm định của Sở Tư pháp',
          requestedOn: '2020-12-10',
        },
      }),
    ]);
    // Staff cannot approve their own request.
    await t.http
      .post(`/api/tasks/${ids.decision}/deadline-change-requests/${requestId}/approve`)
      .set(p.headers('staffTTTT'))
      .send({ occurredOn: '2020-12-15' })
      .expect(403);

    await command(
      ids.decision,
      `deadline-change-requests/${requestId}/approve`,
      'leader',
      { occurredOn: '2020-12-15' },
      ['TaskDeadlineChangeApproved'],
    );
    const after = await task(ids.decision);
    expect(after).toMatchObject({
      status: 'in_progress',
      originalDeadline: '2020-12-31',
      deadline: '2021-03-31',
      deadlineChanges: 1,
      pendingRequestId: null,
      version: 5,
    });
    expect(after.requests[requestId]).toMatchObject({
      status: 'approved',
      decidedOn: '2020-12-15',
      approvedDeadline: '2021-03-31',
    });
    expect(await pending()).toEqual([]);
    const wrong = await t.http
      .get('/api/tasks?pendingRequest=c%C3%B3')
      .set(p.headers('tracker'))
      .expect(400);
    expect(wrong.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'pendingRequest',
    ]);
  });

  it('staff report completion of all three with their result documents', async () => {
    await command(
      ids.ipv6,
      'completion',
      'staffTTTT',
      { completedOn: '2021-02-02', resultDocument: '32/KH-UBND', occurredOn: '2021-02-05' },
      ['TaskCompletionReported'],
    );
    await command(
      ids.party,
      'completion',
      'staffTTTT',
      { completedOn: '2021-02-18', resultDocument: '120/TTr-STTTT', occurredOn: '2021-02-20' },
      ['TaskCompletionReported'],
    );
    await command(
      ids.decision,
      'completion',
      'staffTTTT',
      {
        completedOn: '2021-03-15',
        resultDocument: '10/2021/QĐ-UBND',
        note: 'UBND tỉnh đã ban hành Quyết định sửa đổi',
        occurredOn: '2021-03-20',
      },
      ['TaskCompletionReported'],
    );
    expect(await task(ids.ipv6)).toMatchObject({
      status: 'awaiting_confirmation',
      completion: {
        reportedOn: '2021-02-05',
        completedOn: '2021-02-02',
        resultDocument: '32/KH-UBND',
        confirmedOn: null,
      },
      closedOn: null,
      version: 4,
    });
    expect(await task(ids.party)).toMatchObject({
      status: 'awaiting_confirmation',
      completion: { completedOn: '2021-02-18', resultDocument: '120/TTr-STTTT' },
      version: 4,
    });
    expect(await task(ids.decision)).toMatchObject({
      status: 'awaiting_confirmation',
      completion: { completedOn: '2021-03-15', resultDocument: '10/2021/QĐ-UBND' },
      version: 6,
    });
  });

  it('the tracking office confirms two and returns one with a reason', async () => {
    // Confirming is the tracking office's, not the agency's.
    await t.http
      .post(`/api/tasks/${ids.ipv6}/completion/confirm`)
      .set(p.headers('staffTTTT'))
      .send({ occurredOn: '2021-03-22' })
      .expect(403);

    await command(ids.ipv6, 'completion/confirm', 'tracker', { occurredOn: '2021-03-22' }, [
      'TaskCompletionConfirmed',
    ]);
    await command(ids.decision, 'completion/confirm', 'tracker', { occurredOn: '2021-03-25' }, [
      'TaskCompletionConfirmed',
    ]);
    await command(
      ids.party,
      'completion/return',
      'tracker',
      { reason: 'Chưa có ý kiến của Ban Thường vụ Tỉnh ủy', occurredOn: '2021-03-25' },
      ['TaskCompletionReturned'],
    );

    expect(await task(ids.ipv6)).toMatchObject({
      status: 'completed',
      closedOn: '2021-03-22',
      deadline: '2021-03-31',
      completion: {
        reportedOn: '2021-02-05',
        completedOn: '2021-02-02',
        resultDocument: '32/KH-UBND',
        confirmedOn: '2021-03-22',
      },
      version: 5,
    });
    expect(await task(ids.decision)).toMatchObject({
      status: 'completed',
      closedOn: '2021-03-25',
      originalDeadline: '2020-12-31',
      deadline: '2021-03-31',
      completion: { completedOn: '2021-03-15', confirmedOn: '2021-03-25' },
      version: 7,
    });
    // Done on time against the deadline in force (the extended one), not the original.
    const confirmed = (await history(ids.decision)).at(-1)!;
    expect(confirmed.data).toMatchObject({ deadlineInForce: '2021-03-31', onTime: true });

    const returned = await task(ids.party);
    expect(returned).toMatchObject({
      status: 'returned',
      completion: null,
      returnedCount: 1,
      closedOn: null,
      version: 5,
    });
    expect((await history(ids.party)).at(-1)!.data).toMatchObject({
      reason: 'Chưa có ý kiến của Ban Thường vụ Tỉnh ủy',
      resultDocument: '120/TTr-STTTT',
    });
    // A returned task has nothing to confirm until it is reported again.
    const early = await t.http
      .post(`/api/tasks/${ids.party}/completion/confirm`)
      .set(p.headers('tracker'))
      .send({ occurredOn: '2021-03-26' })
      .expect(422);
    expect(early.body.code).toBe('nothing_to_confirm');
    // A confirmed task accepts nothing more.
    const closed = await t.http
      .post(`/api/tasks/${ids.ipv6}/progress`)
      .set(p.headers('staffTTTT'))
      .send({ percent: 100, note: 'thêm', occurredOn: '2021-03-26' })
      .expect(422);
    expect(closed.body.code).toBe('task_already_completed');
  });

  it('staff redo the returned task and the tracking office confirms it: 3/3 done', async () => {
    await command(
      ids.party,
      'completion',
      'staffTTTT',
      { completedOn: '2021-05-06', resultDocument: '05-NQ/TU', occurredOn: '2021-05-10' },
      ['TaskCompletionReported'],
    );
    expect(await task(ids.party)).toMatchObject({
      status: 'awaiting_confirmation',
      completion: { completedOn: '2021-05-06', resultDocument: '05-NQ/TU', confirmedOn: null },
      returnedCount: 1,
      version: 6,
    });
    await command(ids.party, 'completion/confirm', 'tracker', { occurredOn: '2021-05-12' }, [
      'TaskCompletionConfirmed',
    ]);
    expect(await task(ids.party)).toMatchObject({
      status: 'completed',
      closedOn: '2021-05-12',
      deadline: '2021-06-30',
      completion: {
        reportedOn: '2021-05-10',
        completedOn: '2021-05-06',
        resultDocument: '05-NQ/TU',
        confirmedOn: '2021-05-12',
      },
      returnedCount: 1,
      version: 7,
    });

    for (const id of Object.values(ids)) {
      expect((await task(id, 'leader')).status).toBe('completed');
    }
  });

  it('each history lists every step in order with actor, agency, business date and server time', async () => {
    expect(expected[ids.ipv6].map((s) => s.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskProgressReported',
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
    ]);
    expect(expected[ids.party].map((s) => s.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskProgressReported',
      'TaskCompletionReported',
      'TaskCompletionReturned',
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
    ]);
    expect(expected[ids.decision].map((s) => s.type)).toEqual([
      'TaskAssigned',
      'TaskReceived',
      'TaskProgressReported',
      'TaskDeadlineChangeRequested',
      'TaskDeadlineChangeApproved',
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
    ]);
    for (const id of Object.values(ids)) await expectHistory(id);
    // The agency's staff read their own task's history too; another agency's staff do not.
    expect(await history(ids.party, 'staffTTTT')).toHaveLength(7);
    await t.http.get(`/api/tasks/${ids.party}/history`).set(p.headers('staffX')).expect(403);
  });

  describe('directive references are unique per issuer and year', () => {
    const register = (as: UserName, body: Record<string, unknown>) =>
      t.http.post('/api/directives').set(p.headers(as)).send(body);

    it.each([
      ['the same reference again', { ...PROGRAMME, title: 'Nhập trùng' }],
      ['the number without its leading zero', { ...PROGRAMME, reference: '4/CTr-UBND' }],
      ['the issuer in other letter case', { ...PROGRAMME, issuer: 'UBND TỈNH HÀ TĨNH' }],
      ['another date in the same year', { ...PROGRAMME, issuedOn: '2020-02-03' }],
    ])('refuses %s with 409 directive_reference_taken and appends nothing', async (_, body) => {
      const before = await head();
      const response = await register('tracker', body).expect(409);
      expect(response.body).toMatchObject({
        code: 'directive_reference_taken',
        message: expect.stringMatching(/4\/CTr-UBND/),
        messageVi: expect.stringContaining('đã được nhập'),
      });
      expect(await head()).toBe(before);
    });

    it('accepts the same number in another year', async () => {
      const response = await register('leader', {
        ...PROGRAMME,
        issuedOn: '2021-01-05',
        title: 'Chương trình công tác năm 2021 của UBND tỉnh',
      }).expect(201);
      expect(response.body).toMatchObject({ programmeYear: 2021, issuedOn: '2021-01-05' });
      expect(response.body.id).not.toBe(directiveId);
    });

    it('accepts the same number and year from another issuing body', async () => {
      await register('leaderKhac', { ...PROGRAMME, issuer: 'UBND tỉnh Quảng Bình' }).expect(201);
    });
  });

  describe('assigning several tasks where one is invalid appends none', () => {
    const valid = (title: string) => ({
      id: randomUUID(),
      title,
      leadAgency: 'STC',
      deadline: '2021-12-31',
      occurredOn: '2021-01-10',
    });

    async function expectNoneAssigned(send: object, status: number, code: string) {
      const before = await head();
      const response = await t.http
        .post(`/api/directives/${directiveId}/tasks`)
        .set(p.headers('leader'))
        .send(send)
        .expect(status);
      expect(response.body.code).toBe(code);
      expect(await head()).toBe(before);
      return response;
    }

    it('an unknown lead agency in the last task', async () => {
      const first = valid('Nhiệm vụ một');
      const second = valid('Nhiệm vụ hai');
      const response = await expectNoneAssigned(
        { tasks: [first, second, { ...valid('Nhiệm vụ ba'), leadAgency: 'KHONG-CO' }] },
        422,
        'agency_not_found',
      );
      expect(response.body.details).toMatchObject({ index: 2 });
      expect(response.body.messageVi).toMatch(/Nhiệm vụ thứ 3/);
      for (const { id } of [first, second]) {
        const missing = await t.http.get(`/api/tasks/${id}`).set(p.headers('leader')).expect(404);
        expect(missing.body.code).toBe('task_not_found');
      }
    });

    it('a deadline before the assignment date in the middle task', async () => {
      const first = valid('Nhiệm vụ một');
      await expectNoneAssigned(
        {
          tasks: [
            first,
            { ...valid('Nhiệm vụ hai'), deadline: '2020-12-31' },
            valid('Nhiệm vụ ba'),
          ],
        },
        422,
        'deadline_before_assignment',
      );
      await t.http.get(`/api/tasks/${first.id}`).set(p.headers('leader')).expect(404);
    });

    it('a task without a title', async () => {
      const first = valid('Nhiệm vụ một');
      await expectNoneAssigned(
        { tasks: [first, { ...valid('x'), title: undefined }] },
        400,
        'validation_failed',
      );
      await t.http.get(`/api/tasks/${first.id}`).set(p.headers('leader')).expect(404);
    });

    it('a task id that already exists, found only when the store writes', async () => {
      const first = valid('Nhiệm vụ mới');
      const response = await expectNoneAssigned(
        { tasks: [first, { ...valid('Trùng mã'), id: ids.ipv6 }] },
        409,
        'task_already_exists',
      );
      expect(response.body.details).toMatchObject({ taskId: ids.ipv6 });
      await t.http.get(`/api/tasks/${first.id}`).set(p.headers('leader')).expect(404);
      // The existing task is untouched.
      expect(await history(ids.ipv6)).toHaveLength(5);
    });
  });
});
