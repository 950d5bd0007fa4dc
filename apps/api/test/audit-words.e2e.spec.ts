import { parseCsvExport } from '@chidao/audit/testing';
import { codesIn } from '../../../test/browser/support/words-not-codes';
import { passwordOf, seedProvince, USERS, type Province, type UserName } from './support/province';
import { keyedTaskSteps, registerDirective } from './support/task-steps';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

/**
 * The auditors' screens in words (issue 17, part D). The scene of audit-time-travel: plan
 * 45/KH-UBND gives A, B (STTTT) and C (STC) on 05/04/2024; A is done in May; the report is taken
 * on 03/06 (T1); on 20/06 STTTT reports B done on 14/05 (dated 15/05), the office confirms it
 * dated 16/05: two late entries that change the figures of April–May.
 */
describe('audit in words: events, timeline, search, figures known at an instant', () => {
  let t: TestApp;
  let p: Province;
  const ids: Record<string, string> = {};
  let directiveId: string;
  const T1 = '2024-06-03T03:00:00.000Z';
  const get = (path: string, as: UserName = 'auditor') => t.http.get(path).set(p.headers(as));

  async function moveTo(instant: string) {
    t.clock.set(instant);
    for (const name of Object.keys(USERS) as (keyof typeof USERS)[]) {
      p.tokens[name] = await t.login(name.toLowerCase(), passwordOf(name));
    }
    p.tokens.admin = await t.login(ADMIN.username, ADMIN.password);
  }

  const steps = keyedTaskSteps(() => ({ t, p }), ids);

  beforeAll(async () => {
    t = await startTestApp({
      now: '2024-04-05T02:00:00Z',
      env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' },
    });
    p = await seedProvince(t);
    directiveId = await registerDirective(t, p, {
      reference: '45/KH-UBND',
      issuedOn: '2024-04-02',
      title: 'Kế hoạch quý II',
    });
    await steps.assign(directiveId, 'A', 'STTTT', '2024-04-05', '2024-05-31');
    await steps.assign(directiveId, 'B', 'STTTT', '2024-04-05', '2024-05-15');
    await steps.assign(directiveId, 'C', 'STC', '2024-04-05', '2024-06-10');
    await moveTo('2024-05-22T03:00:00Z');
    await steps.complete('A', '2024-05-20', '2024-05-21', '2024-05-22');
    await moveTo('2024-06-20T02:00:00Z');
    await steps.complete('B', '2024-05-14', '2024-05-15', '2024-05-16');
  });
  afterAll(() => t.close());

  it('figures known at T1 beside today’s, the difference explained by the two late entries', async () => {
    const knownAt = encodeURIComponent(T1);
    const { body } = await get(
      `/api/audit/stats/difference?from=2024-04-01&to=2024-05-31&knownAt=${knownAt}&agency=UBND-TINH&includeUnits=true`,
    ).expect(200);
    expect(body.asOf).toBe('2024-05-31');
    expect(body.knownAt.scope).toMatchObject({
      total: 3,
      done: { total: 1, onTime: 1 },
      notDone: { total: 2, withinDeadline: 1, overdue: 1 },
    });
    expect(body.today.scope).toMatchObject({
      total: 3,
      done: { total: 2, onTime: 2 },
      notDone: { total: 1, withinDeadline: 1, overdue: 0 },
    });
    expect(body.lateEntries.count).toBe(2);
    expect(body.lateEntries.truncated).toBe(false);
    const entries = body.lateEntries.entries as {
      taskTitle: string;
      occurredOn: string;
      who: { vi: string };
      sentence: { vi: string };
      label: { vi: string };
    }[];
    expect(entries.map((e) => [e.taskTitle, e.occurredOn, e.label.vi, e.sentence.vi])).toEqual([
      [
        'Nhiệm vụ B',
        '2024-05-15',
        'Báo cáo hoàn thành',
        'Sở Thông tin và Truyền thông báo cáo hoàn thành ngày 14/05/2024, văn bản kết quả số 66/BC-STTTT',
      ],
      [
        'Nhiệm vụ B',
        '2024-05-16',
        'Xác nhận hoàn thành',
        'Xác nhận hoàn thành ngày 14/05/2024, đúng hạn',
      ],
    ]);
    expect(entries[0].who.vi).toBe('Chuyên viên Sở TT&TT (Sở Thông tin và Truyền thông)');
    expect(entries[1].who.vi).toBe('Chuyên viên Văn phòng UBND tỉnh (UBND tỉnh Hà Tĩnh)');

    // Known now, nothing was entered later: no difference, no late entry.
    const now = await get(
      `/api/audit/stats/difference?from=2024-04-01&to=2024-05-31&knownAt=2024-06-20`,
    ).expect(200);
    expect(now.body.knownAt.scope).toEqual(now.body.today.scope);
    expect(now.body.lateEntries.count).toBe(0);
  });

  it('finds tasks and directives by the words of their title or number, without diacritics', async () => {
    const tasks = await get(`/api/audit/search?q=${encodeURIComponent('nhiem vu')}`).expect(200);
    expect(tasks.body.tasks.map((x: { title: string }) => x.title).sort()).toEqual([
      'Nhiệm vụ A',
      'Nhiệm vụ B',
      'Nhiệm vụ C',
    ]);
    const c = tasks.body.tasks.find((x: { title: string }) => x.title === 'Nhiệm vụ C');
    expect(c).toMatchObject({ id: ids.C, leadAgencyName: 'Sở Tài chính' });
    const plan = await get(`/api/audit/search?q=${encodeURIComponent('quý II 45/KH')}`).expect(200);
    expect(plan.body.directives).toEqual([
      {
        id: directiveId,
        reference: '45/KH-UBND',
        title: 'Kế hoạch quý II',
        issuedOn: '2024-04-02',
      },
    ]);
    expect(plan.body.tasks).toEqual([]);
    const bad = await get('/api/audit/search?q=a').expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('shows a task as it stood with its history in sentences', async () => {
    const { body } = await get(
      `/api/audit/tasks/${ids.B}?asOf=2024-05-31&knownAt=${encodeURIComponent(T1)}`,
    ).expect(200);
    expect(body.state.status).toBe('in_progress');
    const sentences = body.history.map((e: { sentence: { vi: string } }) => e.sentence.vi);
    expect(sentences[0]).toBe(
      'Giao nhiệm vụ “Nhiệm vụ B” theo văn bản số 45/KH-UBND cho Sở Thông tin và Truyền thông chủ trì; thời hạn: 15/05/2024',
    );
    expect(sentences[1]).toBe('Sở Thông tin và Truyền thông tiếp nhận nhiệm vụ');
    expect(body.laterBackdated.events.map((e: { label: { vi: string } }) => e.label.vi)).toEqual([
      'Báo cáo hoàn thành',
      'Xác nhận hoàn thành',
    ]);
    for (const sentence of sentences) expect(codesIn(sentence)).toEqual([]);

    const directive = await get(`/api/audit/directives/${directiveId}?asOf=2024-05-31`).expect(200);
    expect(directive.body.history[0].sentence.vi).toBe(
      'Đăng ký văn bản số 45/KH-UBND ngày 02/04/2024 của UBND tỉnh Hà Tĩnh: “Kế hoạch quý II”; cơ quan giao: UBND tỉnh Hà Tĩnh',
    );
  });

  it('gives the task page its timeline in sentences, to those who may read the task', async () => {
    const { body } = await get(`/api/tasks/${ids.B}/timeline`, 'staffTTTT').expect(200);
    expect(body.map((e: { label: { vi: string } }) => e.label.vi)).toEqual([
      'Giao nhiệm vụ',
      'Tiếp nhận nhiệm vụ',
      'Báo cáo hoàn thành',
      'Xác nhận hoàn thành',
    ]);
    expect(body[3].sentence).toEqual({
      vi: 'Xác nhận hoàn thành ngày 14/05/2024, đúng hạn',
      en: 'Completion on 14/05/2024 confirmed, on time',
    });
    expect(body[2].who.vi).toBe('Chuyên viên Sở TT&TT (Sở Thông tin và Truyền thông)');
    for (const e of body) expect(codesIn(`${e.label.vi} ${e.who.vi} ${e.sentence.vi}`)).toEqual([]);
    await get(`/api/tasks/${ids.B}/timeline`, 'staffX').expect(403);
  });

  it('exports events with their words; CSV headers in Vietnamese, or English with lang=en', async () => {
    const query = 'from=2024-05-14&to=2024-05-16&stream=task-*';
    const ndjson = await get(`/api/audit/events?${query}&format=ndjson`).expect(200);
    const records = ndjson.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((r) => r.type)).toEqual([
      'TaskCompletionReported',
      'TaskCompletionConfirmed',
    ]);
    expect(records[0].words.label).toEqual({ vi: 'Báo cáo hoàn thành', en: 'Completion reported' });
    expect(records[0].data.completedOn).toBe('2024-05-14');

    const vi = await get(`/api/audit/events?${query}&format=csv&lang=vi`).expect(200);
    const viRows = parseCsvExport(vi.text);
    expect(Object.keys(viRows[0]).slice(0, 3)).toEqual([
      'Vị trí trong nhật ký',
      'Thời điểm ghi nhận',
      'Ngày nghiệp vụ',
    ]);
    expect(viRows[1]).toMatchObject({
      'Sự kiện': 'Xác nhận hoàn thành',
      'Người thực hiện': 'Chuyên viên Văn phòng UBND tỉnh (UBND tỉnh Hà Tĩnh)',
      'Nội dung': 'Xác nhận hoàn thành ngày 14/05/2024, đúng hạn',
    });
    const en = await get(`/api/audit/events?${query}&format=csv&lang=en`).expect(200);
    expect(Object.keys(parseCsvExport(en.text)[0])).toContain('What it says');
    // Machines keep the header they read.
    const machine = await get(`/api/audit/events?${query}&format=csv`).expect(200);
    expect(Object.keys(parseCsvExport(machine.text)[0])[0]).toBe('position');
    await get(`/api/audit/events?${query}&format=csv&lang=fr`).expect(400);
  });

  it('names an agency as it was called at the event, after a rename', async () => {
    const before = await get(`/api/tasks/${ids.C}/timeline`, 'auditor').expect(200);
    expect(before.body[0].sentence.vi).toContain('cho Sở Tài chính chủ trì');
    await t.http
      .patch('/api/agencies/STC')
      .set(p.headers('admin'))
      .send({ name: 'Sở Tài chính tỉnh Hà Tĩnh' })
      .expect(200);
    const after = await get(`/api/tasks/${ids.C}/timeline`, 'auditor').expect(200);
    // The assignment says the name the agency had then; the rename is in the register's log.
    expect(after.body[0].sentence.vi).toContain('cho Sở Tài chính chủ trì;');
    const search = await get(`/api/audit/search?q=${encodeURIComponent('nhiệm vụ C')}`).expect(200);
    expect(search.body.tasks[0].leadAgencyName).toBe('Sở Tài chính tỉnh Hà Tĩnh');
  });

  it.each(['leader', 'tracker', 'staffTTTT'] as const)(
    'refuses the auditors’ new reads to a %s',
    async (who) => {
      await get('/api/audit/search?q=nhiem', who).expect(403);
      await get(
        `/api/audit/stats/difference?from=2024-04-01&to=2024-05-31&knownAt=2024-06-03`,
        who,
      ).expect(403);
    },
  );
});
