import type { EventStore } from '@chidao/event-store';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { seedProvince, type Province, type UserName } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What no clerk types, refused at the edge for every writer (the domain's parsers): control
 * characters, lone surrogates, bidirectional overrides, titles of invisible characters, dates
 * beyond 2100, and a second id that differs from the first only in letter case. Each refusal is
 * a 400 (409 for the id) whose Vietnamese message names the field by its label, never by its
 * path, and nothing is appended. Text is stored NFC; multi-line fields keep their line breaks.
 */
describe('bad text, far dates and ids in another case', () => {
  let t: TestApp;
  let province: Province;
  let directiveId: string;
  let taskId: string;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const post = (who: UserName, path: string, body: object) =>
    t.http.post(path).set(province.headers(who)).send(body);

  const directive = {
    reference: '32/KH-UBND',
    issuedOn: '2024-02-02',
    issuer: 'UBND tỉnh Hà Tĩnh',
    title: 'Kế hoạch chuyển đổi IPv6',
  };
  const task = { title: 'Xây dựng kế hoạch', leadAgency: 'STTTT', occurredOn: '2024-02-05' };
  const tasks = () => `/api/directives/${directiveId}/tasks`;

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    province = await seedProvince(t);
    directiveId = (await post('tracker', '/api/directives', directive).expect(201)).body.id;
    taskId = (await post('tracker', tasks(), task).expect(201)).body.tasks[0].id;
    await post('staffTTTT', `/api/tasks/${taskId}/receive`, {}).expect(200);
  });
  afterAll(() => t.close());

  interface Refusal {
    who: UserName;
    path: () => string;
    body: object;
    code: string;
    /** The start of messageVi. */
    vi: string;
  }

  const refusals: [string, Refusal][] = [
    [
      'a directive title with NUL',
      {
        who: 'tracker',
        path: () => '/api/directives',
        body: { ...directive, reference: '33/KH-UBND', title: 'Kế hoạch\u0000' },
        code: 'invalid_text',
        vi: 'Trường "Trích yếu" có ký tự điều khiển (U+0000',
      },
    ],
    [
      'a directive issuer with a right-to-left override',
      {
        who: 'tracker',
        path: () => '/api/directives',
        body: { ...directive, reference: '34/KH-UBND', issuer: 'UBND \u202etỉnh' },
        code: 'invalid_text',
        vi: 'Trường "Cơ quan ban hành" có ký tự đảo chiều hiển thị văn bản (U+202E',
      },
    ],
    [
      'a task title with BEL',
      {
        who: 'tracker',
        path: tasks,
        body: { ...task, title: 'Xây dựng\u0007 kế hoạch' },
        code: 'invalid_text',
        vi: 'Trường "Nội dung nhiệm vụ" có ký tự điều khiển (U+0007',
      },
    ],
    [
      'the second task of a batch with ESC in its title: named by its place, not tasks.1.title',
      {
        who: 'tracker',
        path: tasks,
        body: { tasks: [task, { ...task, title: '\u001b[31mĐỏ' }] },
        code: 'invalid_text',
        vi: 'Nhiệm vụ thứ 2: Trường "Nội dung nhiệm vụ" có ký tự điều khiển (U+001B',
      },
    ],
    [
      'a task title with a lone surrogate',
      {
        who: 'tracker',
        path: tasks,
        body: { ...task, title: 'Kế hoạch \ud83d' },
        code: 'invalid_text',
        vi: 'Trường "Nội dung nhiệm vụ" có ký tự bị lỗi mã hóa (U+D83D',
      },
    ],
    [
      'a task title of zero-width spaces only',
      {
        who: 'tracker',
        path: tasks,
        body: { ...task, title: '\u200b\u200b\u200b' },
        code: 'title_required',
        vi: 'Chưa nhập nội dung (tên) nhiệm vụ.',
      },
    ],
    [
      'a progress note with a vertical tab',
      {
        who: 'staffTTTT',
        path: () => `/api/tasks/${taskId}/progress`,
        body: { percent: 10, note: 'Dòng 1\u000bDòng 2' },
        code: 'invalid_text',
        vi: 'Trường "Nội dung báo cáo" có ký tự điều khiển (U+000B',
      },
    ],
    [
      'a reason with a left-to-right isolate',
      {
        who: 'tracker',
        path: () => `/api/tasks/${taskId}/hold`,
        body: { reason: 'Chờ \u2066ý kiến\u2069' },
        code: 'invalid_text',
        vi: 'Trường "Lý do" có ký tự đảo chiều hiển thị văn bản (U+2066',
      },
    ],
    [
      'an agency name with DEL',
      {
        who: 'admin',
        path: () => '/api/agencies',
        body: { code: 'SO-MOI', name: 'Sở mới\u007f', parent: 'UBND-TINH' },
        code: 'invalid_text',
        vi: 'Trường "Tên cơ quan, đơn vị" có ký tự điều khiển (U+007F',
      },
    ],
    [
      'a user name with a C1 control',
      {
        who: 'admin',
        path: () => '/api/users',
        body: {
          username: 'nguoimoi',
          displayName: 'Người\u0085mới',
          roles: ['staff'],
          agency: 'STC',
        },
        code: 'invalid_text',
        vi: 'Trường "Họ và tên" có ký tự điều khiển (U+0085',
      },
    ],
    [
      'a deadline of 9999-12-31',
      {
        who: 'tracker',
        path: tasks,
        body: { ...task, deadline: '9999-12-31' },
        code: 'date_out_of_range',
        vi: 'Trường "Thời hạn": ngày 31/12/9999 quá xa, chỉ được nhập ngày đến 31/12/2100.',
      },
    ],
    [
      'a proposed deadline of 2101-01-01',
      {
        who: 'staffTTTT',
        path: () => `/api/tasks/${taskId}/deadline-change-requests`,
        body: { proposedDeadline: '2101-01-01', reason: 'Chờ hướng dẫn' },
        code: 'date_out_of_range',
        vi: 'Trường "Thời hạn đề xuất": ngày 01/01/2101 quá xa',
      },
    ],
  ];

  it.each(refusals)('answers 400 to %s, naming the field, and writes nothing', async (_, row) => {
    const before = await headPosition();
    const response = await post(row.who, row.path(), row.body);
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 400,
      code: row.code,
    });
    expect(response.body.messageVi.startsWith(row.vi)).toBe(true);
    expect(response.body.messageVi).not.toMatch(/tasks\.\d/);
    expect(await headPosition()).toBe(before);
  });

  it('stores decomposed Vietnamese composed, and keeps the line breaks of a multi-line field', async () => {
    const title = 'Triển khai Đề án chuyển đổi số';
    const created = await post('tracker', tasks(), { ...task, title: title.normalize('NFD') });
    expect(created.status).toBe(201);
    const id = created.body.tasks[0].id;
    const stored = await t.http.get(`/api/tasks/${id}`).set(province.headers('tracker'));
    expect(stored.body.title).toBe(title);
    expect(stored.body.title).toBe(title.normalize('NFC'));

    await post('staffTTTT', `/api/tasks/${id}/receive`, {}).expect(200);
    const note = 'Đã hoàn thành dự thảo.\nĐang lấy ý kiến các sở.';
    await post('staffTTTT', `/api/tasks/${id}/progress`, {
      percent: 30,
      note: `  ${note.normalize('NFD')}\n`,
    }).expect(200);
    const history = await t.http.get(`/api/tasks/${id}/history`).set(province.headers('tracker'));
    expect(history.body.at(-1).data.note).toBe(note);
  });

  describe('ids are compared without regard to letter case', () => {
    const UPPER = 'A0B1C2D3-0000-4000-8000-00000000000A';

    it('stores a new id lower-case, refuses the same id in another case, and finds it by either', async () => {
      const created = await post('tracker', tasks(), { ...task, id: UPPER });
      expect(created.status).toBe(201);
      expect(created.body.tasks[0].id).toBe(UPPER.toLowerCase());

      const before = await headPosition();
      const again = await post('tracker', tasks(), { ...task, id: UPPER.toLowerCase() });
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 409,
        code: 'task_already_exists',
      });
      expect(await headPosition()).toBe(before);

      for (const spelling of [UPPER, UPPER.toLowerCase()]) {
        const found = await t.http.get(`/api/tasks/${spelling}`).set(province.headers('tracker'));
        expect(found.status).toBe(200);
        expect(found.body.id).toBe(UPPER.toLowerCase());
      }
      const received = await post('staffTTTT', `/api/tasks/${UPPER}/receive`, {});
      expect(received.status).toBe(200);
    });

    it('refuses a directive id already taken in another case', async () => {
      const id = 'B0B1C2D3-0000-4000-8000-00000000000B';
      await post('tracker', '/api/directives', { ...directive, reference: '40/KH-UBND', id })
        .expect(201)
        .expect(({ body }) => expect(body.id).toBe(id.toLowerCase()));
      const before = await headPosition();
      const again = await post('tracker', '/api/directives', {
        ...directive,
        reference: '41/KH-UBND',
        id: id.toLowerCase(),
      });
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 409,
        code: 'directive_already_exists',
      });
      expect(await headPosition()).toBe(before);
    });

    it('still reads and writes a task whose id an older version stored upper-case', async () => {
      // An older log: the same task's events under an upper-case id, as they were once stored.
      const store = t.app.get<EventStore>(EVENT_STORE);
      const source = await t.http
        .get(`/api/tasks/${taskId}/history`)
        .set(province.headers('tracker'));
      const legacyId = 'C0B1C2D3-0000-4000-8000-00000000000C';
      const original = await store.readStream(`task-${taskId}`);
      expect(original.length).toBe(source.body.length);
      await store.append(
        `task-${legacyId}`,
        original.map(({ type, schemaVersion, data, metadata, occurredOn }) => ({
          type,
          schemaVersion,
          data: { ...(data as object), taskId: legacyId },
          metadata,
          occurredOn,
        })),
        { expectedVersion: 'no_stream' },
      );
      const found = await t.http.get(`/api/tasks/${legacyId}`).set(province.headers('tracker'));
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(legacyId);
      const progress = await post('staffTTTT', `/api/tasks/${legacyId}/progress`, {
        percent: 15,
        note: 'Tiếp tục',
      });
      expect(progress.status).toBe(200);
      expect((await store.readStream(`task-${legacyId}`)).length).toBe(original.length + 1);
    });
  });
});
