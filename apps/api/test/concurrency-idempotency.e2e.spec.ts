import type { Response } from 'supertest';
import { seedProvince, type Province, type UserName } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Two clerks on one task, flaky networks that retry: If-Match for "I saw version n",
 * Idempotency-Key for "this is the same request again", and what happens without either.
 */
describe('optimistic concurrency and idempotent retries over HTTP', () => {
  let t: TestApp;
  let p: Province;
  let directiveId: string;

  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const history = async (taskId: string): Promise<{ type: string; version: number }[]> =>
    // Not an auditor: an auditor's reads are themselves appended to the log these tests count.
    (await t.http.get(`/api/tasks/${taskId}/history`).set(p.headers('tracker')).expect(200)).body;
  const getTask = async (taskId: string) =>
    (await t.http.get(`/api/tasks/${taskId}`).set(p.headers('tracker')).expect(200)).body;
  const post = (taskId: string, action: string, as: UserName, body: object = {}) =>
    t.http.post(`/api/tasks/${taskId}/${action}`).set(p.headers(as)).send(body);

  /** Assigns `count` fresh tasks to STTTT and returns their ids. */
  async function assign(count: number): Promise<string[]> {
    const response = await t.http
      .post(`/api/directives/${directiveId}/tasks`)
      .set(p.headers('leader'))
      .send({
        tasks: Array.from({ length: count }, (_, i) => ({
          title: `Nhiệm vụ thử số ${i + 1}`,
          leadAgency: 'STTTT',
          deadline: '2024-12-31',
        })),
      })
      .expect(201);
    return response.body.tasks.map((task: { id: string }) => task.id);
  }

  /** Brings a task to awaiting_confirmation. */
  async function reportedDone(taskId: string): Promise<void> {
    await post(taskId, 'receive', 'staffTTTT').expect(200);
    await post(taskId, 'completion', 'staffTTTT', {
      completedOn: '2024-06-30',
      resultDocument: '12/KH-UBND',
    }).expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    p = await seedProvince(t);
    directiveId = (
      await t.http
        .post('/api/directives')
        .set(p.headers('leader'))
        .send({
          reference: '24/CTr-UBND',
          issuedOn: '2024-01-19',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Chương trình công tác năm 2024 của UBND tỉnh',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  describe('If-Match', () => {
    let taskId: string;
    beforeAll(async () => {
      [taskId] = await assign(1);
    });

    it('a command naming the current version succeeds and returns the new ETag', async () => {
      const seen = await t.http.get(`/api/tasks/${taskId}`).set(p.headers('staffTTTT')).expect(200);
      expect(seen.headers.etag).toBe('"1"');
      const received = await post(taskId, 'receive', 'staffTTTT')
        .set('If-Match', seen.headers.etag)
        .expect(200);
      expect(received.headers.etag).toBe('"2"');
      expect(received.body).toMatchObject({ status: 'in_progress', version: 2 });
      // The bare number is accepted too.
      const progressed = await post(taskId, 'progress', 'staffTTTT', {
        percent: 20,
        note: 'Đã giao chuyên viên xây dựng dự thảo',
      })
        .set('If-Match', '2')
        .expect(200);
      expect(progressed.headers.etag).toBe('"3"');
    });

    it('a stale version answers 412 version_mismatch and writes nothing', async () => {
      const before = await history(taskId);
      const headBefore = await head();
      const response = await post(taskId, 'progress', 'staffTTTT', {
        percent: 40,
        note: 'Báo cáo dựa trên bản cũ',
      })
        .set('If-Match', '"2"')
        .expect(412);
      expect(response.body).toMatchObject({
        code: 'version_mismatch',
        message: expect.any(String),
        messageVi: expect.any(String),
        details: { expectedVersion: 2, currentVersion: 3 },
      });
      expect(await history(taskId)).toEqual(before);
      expect(await head()).toBe(headBefore);
      expect(await getTask(taskId)).toMatchObject({ version: 3, progress: 20 });
    });

    it('a version from the future is stale too', async () => {
      await post(taskId, 'urge', 'tracker', { kind: 'before_deadline' })
        .set('If-Match', '"7"')
        .expect(412);
      expect(await history(taskId)).toHaveLength(3);
    });

    it.each(['abc', '"3', '-1', '3.0', '"three"'])(
      'a malformed If-Match (%s) answers 400 and writes nothing',
      async (ifMatch) => {
        const headBefore = await head();
        const response = await post(taskId, 'progress', 'staffTTTT', {
          percent: 50,
          note: 'x',
        })
          .set('If-Match', ifMatch)
          .expect(400);
        expect(response.body.code).toBe('invalid_if_match');
        expect(response.body.messageVi).toEqual(expect.any(String));
        expect(await head()).toBe(headBefore);
        expect(await getTask(taskId)).toMatchObject({ version: 3, progress: 20 });
      },
    );
  });

  describe('Idempotency-Key', () => {
    let taskId: string;
    beforeAll(async () => {
      [taskId] = await assign(1);
      await post(taskId, 'receive', 'staffTTTT').expect(200);
    });

    const progress = { percent: 30, note: 'Đã hoàn thành dự thảo lần 1', documents: ['45/STTTT'] };

    it('a retry with the same key returns the first answer and appends nothing', async () => {
      const first = await post(taskId, 'progress', 'staffTTTT', progress)
        .set('Idempotency-Key', 'progress-2024-06-30-a')
        .expect(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body).toMatchObject({ progress: 30, version: 3 });
      const lengthAfterFirst = (await history(taskId)).length;
      const headAfterFirst = await head();

      for (let retry = 0; retry < 2; retry++) {
        const again = await post(taskId, 'progress', 'staffTTTT', progress).set(
          'Idempotency-Key',
          'progress-2024-06-30-a',
        );
        expect(again.status).toBe(first.status);
        expect(again.body).toEqual(first.body);
        expect(again.headers['idempotent-replayed']).toBe('true');
      }
      expect(await history(taskId)).toHaveLength(lengthAfterFirst);
      expect(await head()).toBe(headAfterFirst);
    });

    it('replays a 201 as a 201 (creating a directive)', async () => {
      const body = {
        reference: '30/KH-UBND',
        issuedOn: '2024-02-01',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Kế hoạch thực hiện Đề án 06 năm 2024',
      };
      const send = () =>
        t.http
          .post('/api/directives')
          .set(p.headers('tracker'))
          .set('Idempotency-Key', 'directive-30-KH')
          .send(body);
      const first = await send().expect(201);
      const headAfterFirst = await head();
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await head()).toBe(headAfterFirst);
      // Without the key the same request is a new one, refused as a duplicate document.
      const duplicate = await t.http
        .post('/api/directives')
        .set(p.headers('tracker'))
        .send(body)
        .expect(409);
      expect(duplicate.body.code).toBe('directive_reference_taken');
    });

    it('the same key with another body answers 422 idempotency_key_reused and appends nothing', async () => {
      await post(taskId, 'progress', 'staffTTTT', { ...progress, percent: 35 })
        .set('Idempotency-Key', 'progress-2024-06-30-b')
        .expect(200);
      const headBefore = await head();
      const lengthBefore = (await history(taskId)).length;
      const reused = await post(taskId, 'progress', 'staffTTTT', { ...progress, percent: 90 })
        .set('Idempotency-Key', 'progress-2024-06-30-b')
        .expect(422);
      expect(reused.body).toMatchObject({
        code: 'idempotency_key_reused',
        messageVi: expect.any(String),
      });
      // The same key on another task is another request too.
      const [other] = await assign(1);
      const headAfterAssign = await head();
      await post(other, 'receive', 'staffTTTT')
        .set('Idempotency-Key', 'progress-2024-06-30-b')
        .expect(422);
      expect(await head()).toBe(headAfterAssign);
      expect(headAfterAssign).toBe(headBefore + 1);
      expect(await history(taskId)).toHaveLength(lengthBefore);
      expect(await getTask(taskId)).toMatchObject({ progress: 35 });
    });

    it('different users may use the same key independently', async () => {
      const key = 'shared-key-0001';
      const byStaff = await post(taskId, 'progress', 'staffTTTT', { ...progress, percent: 40 })
        .set('Idempotency-Key', key)
        .expect(200);
      const byTracker = await post(taskId, 'urge', 'tracker', {
        kind: 'before_deadline',
        message: 'Đề nghị Sở hoàn thành trước 31/12',
      })
        .set('Idempotency-Key', key)
        .expect(200);
      expect(byTracker.headers['idempotent-replayed']).toBeUndefined();
      expect(byTracker.body.version).toBe(byStaff.body.version + 1);
      expect(byTracker.body).toMatchObject({ urgeCount: 1, progress: 40 });
      // And each user's replay is their own.
      const replay = await post(taskId, 'urge', 'tracker', {
        kind: 'before_deadline',
        message: 'Đề nghị Sở hoàn thành trước 31/12',
      }).set('Idempotency-Key', key);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(byTracker.body);
      const types = (await history(taskId)).map((e) => e.type);
      expect(types.filter((type) => type === 'TaskUrged')).toHaveLength(1);
    });

    it('a refused command is not remembered: the retry runs again', async () => {
      const [fresh] = await assign(1);
      const body = { percent: 10, note: 'Bắt đầu triển khai' };
      const early = await post(fresh, 'progress', 'staffTTTT', body)
        .set('Idempotency-Key', 'retry-after-refusal')
        .expect(422);
      expect(early.body.code).toBe('task_not_received');
      await post(fresh, 'receive', 'staffTTTT').expect(200);
      const retried = await post(fresh, 'progress', 'staffTTTT', body)
        .set('Idempotency-Key', 'retry-after-refusal')
        .expect(200);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(retried.body).toMatchObject({ progress: 10, version: 3 });
    });

    it('a malformed key answers 400', async () => {
      const response = await post(taskId, 'progress', 'staffTTTT', progress)
        .set('Idempotency-Key', 'khoa/co/gach cheo')
        .expect(400);
      expect(response.body.code).toBe('invalid_idempotency_key');
    });
  });

  describe('simultaneous commands without If-Match', () => {
    const ROUNDS = 8;

    /** Every outcome is a success or a refusal with the API's error shape, never a 500. */
    function expectOutcome(response: Response): void {
      expect([200, 409, 422]).toContain(response.status);
      if (response.status !== 200) {
        expect(response.body).toMatchObject({
          code: expect.any(String),
          messageVi: expect.any(String),
        });
        if (response.status === 409) expect(response.body.code).toBe('concurrency_conflict');
      }
    }

    it('receive and refuse at once: the history is one the rules allow, and matches the answers', async () => {
      const ids = await assign(ROUNDS);
      for (const id of ids) {
        const [receive, refuse] = await Promise.all([
          post(id, 'receive', 'staffTTTT'),
          post(id, 'refuse', 'staffTTTT', { reason: 'Không thuộc chức năng của Sở' }),
        ]);
        expectOutcome(receive);
        expectOutcome(refuse);
        const types = (await history(id)).map((e) => e.type).slice(1);
        const succeeded = [receive, refuse].filter((r) => r.status === 200).length;
        expect(succeeded).toBeGreaterThanOrEqual(1);
        expect(types).toHaveLength(succeeded);
        if (receive.status === 200 && refuse.status === 200) {
          // Refusing a received task nobody reported on is allowed; the reverse order is not.
          expect(types).toEqual(['TaskReceived', 'TaskRefused']);
        } else {
          expect(types).toEqual([receive.status === 200 ? 'TaskReceived' : 'TaskRefused']);
        }
        const task = await getTask(id);
        expect(task.status).toBe(types.at(-1) === 'TaskRefused' ? 'refused' : 'in_progress');
        expect(task.version).toBe(1 + succeeded);
      }
    });

    it('two receives at once: exactly one is recorded', async () => {
      const ids = await assign(ROUNDS);
      for (const id of ids) {
        const answers = await Promise.all([
          post(id, 'receive', 'staffTTTT'),
          post(id, 'receive', 'staffTTTT'),
        ]);
        answers.forEach(expectOutcome);
        expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
        for (const refused of answers.filter((r) => r.status !== 200)) {
          expect(['concurrency_conflict', 'task_already_received']).toContain(refused.body.code);
        }
        expect((await history(id)).map((e) => e.type)).toEqual(['TaskAssigned', 'TaskReceived']);
      }
    });

    it('confirm and return of the same completion at once: only one decision stands', async () => {
      const ids = await assign(ROUNDS);
      for (const id of ids) await reportedDone(id);
      for (const id of ids) {
        const [confirm, ret] = await Promise.all([
          post(id, 'completion/confirm', 'tracker'),
          post(id, 'completion/return', 'tracker', { reason: 'Thiếu văn bản kết quả' }),
        ]);
        expectOutcome(confirm);
        expectOutcome(ret);
        expect([confirm, ret].filter((r) => r.status === 200)).toHaveLength(1);
        const types = (await history(id)).map((e) => e.type);
        expect(types).toHaveLength(4);
        const task = await getTask(id);
        if (confirm.status === 200) {
          expect(types[3]).toBe('TaskCompletionConfirmed');
          expect(task).toMatchObject({ status: 'completed', version: 4 });
        } else {
          expect(types[3]).toBe('TaskCompletionReturned');
          expect(task).toMatchObject({ status: 'returned', version: 4, completion: null });
        }
      }
    });

    it('the same Idempotency-Key sent twice at once executes once', async () => {
      const [id] = await assign(1);
      await post(id, 'receive', 'staffTTTT').expect(200);
      const body = { percent: 55, note: 'Gửi hai lần do mạng chập chờn' };
      const answers = await Promise.all(
        [0, 1, 2].map(() =>
          post(id, 'progress', 'staffTTTT', body).set('Idempotency-Key', 'double-click-1'),
        ),
      );
      for (const answer of answers) {
        // The first runs; the others replay it, or are told it is still running.
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.body.code).toBe('request_in_progress');
      }
      const types = (await history(id)).map((e) => e.type);
      expect(types.filter((type) => type === 'TaskProgressReported')).toHaveLength(1);
    });
  });
});
