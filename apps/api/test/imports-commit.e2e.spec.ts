/**
 * Importing an office's list for good, end to end on the real app: the dry run kept and shown
 * again, the commit writing back-dated history through the domain so that past periods' figures
 * come out as the office kept them, every event marked with the file's SHA-256 and row; the same
 * file again creating nothing; a changed file showing what is new, changed and gone, and applying
 * only what the person confirms; and every refusal writing nothing.
 *
 * The clock stands at 2024-06-30 10:00 in Vietnam. On SQLite, and on PostgreSQL when
 * CHIDAO_TEST_POSTGRES_URL is set.
 */
import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { messySampleWorkbook } from '@chidao/imports/testing';
import ExcelJS from 'exceljs';
import { seedProvince, type Province, type UserName } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

const HEADER =
  'STT,Số ký hiệu,Ngày ban hành,Nội dung nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn,Tình hình thực hiện,Ngày hoàn thành,Văn bản kết quả';
const SIGNATURE =
  '1,24/CTr-UBND,19/01/2024,Triển khai chữ ký số,Sở TT&TT,Sở Tài chính,31/03/2024,Đã hoàn thành,28/03/2024,45/BC-STTTT';
const PORTAL =
  '2,24/CTr-UBND,19/01/2024,Nâng cấp Cổng dịch vụ công,STTTT,,30/04/2024,"Đang thực hiện, đạt 60%",,';
const REVIEW =
  '3,56/KH-UBND,05/02/2024,Rà soát giải ngân vốn đầu tư công,Sở Kế hoạch và Đầu tư,,30/09/2024,Chưa triển khai,,';
const FUNDS =
  '4,56/KH-UBND,,Phân bổ kinh phí chuyển đổi số,STC,,15/04/2024,Hoàn thành,20/04/2024,210/STC-NS';
const FIRST = [HEADER, SIGNATURE, PORTAL, REVIEW, FUNDS].join('\r\n');
// The list a month on: the portal done (late, after its deadline moved), the review gone, a new task.
const PORTAL_DONE =
  '2,24/CTr-UBND,19/01/2024,Nâng cấp Cổng dịch vụ công,STTTT,,31/05/2024,Đã hoàn thành,25/06/2024,77/BC-STTTT';
const WAREHOUSE = '5,56/KH-UBND,05/02/2024,Xây dựng kho dữ liệu dùng chung,STTTT,,31/12/2024,,,';
const SECOND = [HEADER, SIGNATURE, PORTAL_DONE, FUNDS, WAREHOUSE].join('\r\n');

const RANGE = 'from=2024-01-01&to=2024-12-31&agency=UBND-TINH&includeUnits=true';

function describeImportCommit(
  engine: string,
  env: () => Record<string, string>,
  cleanup = async () => {},
) {
  describe(`importing a list for good, on ${engine}`, () => {
    let t: TestApp;
    let p: Province;

    const head = async (): Promise<number> =>
      (await t.http.get('/ready').expect(200)).body.headPosition;
    const dryRun = (who: UserName, content: string | Buffer, mapping?: object) => {
      const request = t.http
        .post('/api/imports')
        .set(p.headers(who))
        .attach('file', Buffer.from(content), 'danh-sach.csv');
      return mapping ? request.field('mapping', JSON.stringify(mapping)) : request;
    };
    const commit = (who: UserName, id: string, body: object = {}) =>
      t.http.post(`/api/imports/${id}/commit`).set(p.headers(who)).send(body);
    const get = (who: UserName, path: string) => t.http.get(path).set(p.headers(who));
    const scopeAt = async (asOf: string, position: number) =>
      (
        await get(
          'leader',
          `/api/stats/completion?${RANGE}&asOf=${asOf}&minPosition=${position}`,
        ).expect(200)
      ).body.scope;
    const tasksByTitle = async (position: number) => {
      const { body } = await get('leader', `/api/tasks?limit=200&minPosition=${position}`).expect(
        200,
      );
      return new Map<string, { id: string; status: string; deadline: string | null }>(
        body.items.map((task: { title: string }) => [task.title, task]),
      );
    };

    let firstId = '';
    let firstSha = '';
    let committedAt = 0;

    beforeAll(async () => {
      t = await startTestApp({ now: '2024-06-30T03:00:00Z', env: env() });
      p = await seedProvince(t);
    });
    afterAll(async () => {
      await t?.close();
      await cleanup();
    });

    it('previews the list as new tasks and keeps the dry run, which GET shows again', async () => {
      const { body } = await dryRun('tracker', FIRST).expect(200);
      expect(body).toMatchObject({
        status: 'prepared',
        counts: { tasks: 4, errors: 0, warnings: 0 },
        diff: { new: 4, changed: 0, unchanged: 0, vanished: 0 },
        ready: true,
        agencyName: 'UBND tỉnh Hà Tĩnh',
      });
      // The issue date given once for 56/KH-UBND serves its row without one.
      expect(body.tasks.map((task: { change: string }) => task.change)).toEqual([
        'new',
        'new',
        'new',
        'new',
      ]);
      firstId = body.id;
      firstSha = body.sha256;
      const again = await get('leader', `/api/imports/${firstId}`).expect(200);
      expect(again.body).toMatchObject({ id: firstId, sha256: firstSha, status: 'prepared' });
      expect((await get('auditor', `/api/imports/${firstId}`)).status).toBe(200);
    });

    it('refuses to show or commit it to anyone outside the body, writing nothing', async () => {
      const before = await head();
      for (const who of ['leaderKhac', 'staffTTTT'] as const) {
        const refused = await get(who, `/api/imports/${firstId}`);
        expect(refused.status).toBe(403);
        expect(refused.body.messageVi).toMatch(/cơ quan khác|lãnh đạo và văn phòng theo dõi/);
      }
      for (const who of ['leaderKhac', 'staffTTTT', 'auditor', 'admin'] as const) {
        const refused = await commit(who, firstId);
        expect(refused.status).toBe(403);
        expect(refused.body.messageVi).toBeTruthy();
      }
      const unknown = await get('tracker', '/api/imports/0b0e8f9c-1c1d-4d5e-9f00-000000000000');
      expect(unknown.status).toBe(404);
      expect(unknown.body.messageVi).toMatch(/Không tìm thấy lần nhập/);
      const bad = await commit('tracker', firstId, {
        apply: { new: 'có', changed: true, vanished: false },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.messageVi).toContain('Tạo các nhiệm vụ mới');
      const none = await commit('tracker', firstId, {
        apply: { new: false, changed: false, vanished: false },
      });
      expect(none.status).toBe(400);
      expect(none.body.messageVi).toMatch(/Chưa chọn nội dung nào/);
      expect(await head()).toBe(before);
    });

    it('commits all of it: documents registered, history back-dated, each event marked with the file and row', async () => {
      const { body } = await commit('tracker', firstId).expect(200);
      expect(body).toMatchObject({
        id: firstId,
        created: 4,
        updated: 0,
        cancelled: 0,
        unchanged: 0,
        directivesRegistered: 2,
      });
      committedAt = body.position;
      const tasks = await tasksByTitle(committedAt);
      expect(tasks.get('Triển khai chữ ký số')).toMatchObject({ status: 'completed' });
      expect(tasks.get('Nâng cấp Cổng dịch vụ công')).toMatchObject({
        status: 'in_progress',
        deadline: '2024-04-30',
      });
      expect(tasks.get('Rà soát giải ngân vốn đầu tư công')).toMatchObject({ status: 'assigned' });

      const history = await get(
        'auditor',
        `/api/tasks/${tasks.get('Phân bổ kinh phí chuyển đổi số')!.id}/history`,
      ).expect(200);
      expect(
        history.body.map((entry: { type: string; occurredOn: string }) => [
          entry.type,
          entry.occurredOn,
        ]),
      ).toEqual([
        ['TaskAssigned', '2024-02-05'],
        ['TaskReceived', '2024-02-05'],
        ['TaskCompletionReported', '2024-04-20'],
        ['TaskCompletionConfirmed', '2024-04-20'],
      ]);
      for (const entry of history.body) {
        expect(entry.imported).toEqual({
          importId: firstId,
          sha256: firstSha,
          sheet: 'danh-sach.csv',
          row: 5,
        });
      }
      const shown = await get('tracker', `/api/imports/${firstId}`).expect(200);
      expect(shown.body).toMatchObject({
        status: 'committed',
        committed: { created: 4, updated: 0, cancelled: 0, byName: expect.any(String) },
      });
    });

    it('gives past periods the figures the office kept', async () => {
      // 31/03: all four assigned, the signatures done on time, the rest within their deadlines.
      expect(await scopeAt('2024-03-31', committedAt)).toMatchObject({
        total: 4,
        done: { total: 1, onTime: 1, late: 0 },
        notDone: { total: 3, withinDeadline: 3, overdue: 0 },
      });
      // 30/06: the funds done late (20/04 after 15/04), the portal overdue since 30/04.
      expect(await scopeAt('2024-06-30', committedAt)).toMatchObject({
        total: 4,
        done: { total: 2, onTime: 1, late: 1 },
        notDone: { total: 2, withinDeadline: 1, overdue: 1 },
      });
    });

    it('refuses to commit the same dry run twice, writing nothing', async () => {
      const before = await head();
      const again = await commit('tracker', firstId);
      expect(again.status).toBe(409);
      expect(again.body.messageVi).toMatch(/đã được nhập vào hệ thống rồi/);
      expect(await head()).toBe(before);
    });

    it('finds every task of the same file again and creates nothing', async () => {
      const { body } = await dryRun('leader', FIRST).expect(200);
      expect(body).toMatchObject({
        diff: { new: 0, changed: 0, unchanged: 4, vanished: 0 },
        ready: true,
      });
      const before = await head();
      const done = await commit('leader', body.id).expect(200);
      expect(done.body).toMatchObject({
        created: 0,
        updated: 0,
        cancelled: 0,
        unchanged: 4,
        directivesRegistered: 0,
      });
      // Only the commit's own record.
      expect(await head()).toBe(before + 1);
    });

    it('shows what a changed file adds, changes and no longer holds, and applies only what is confirmed', async () => {
      const first = await dryRun('tracker', SECOND).expect(200);
      expect(first.body.diff).toMatchObject({ new: 1, changed: 1, unchanged: 2, vanished: 1 });
      expect(first.body.diff.changes).toEqual([
        {
          sheet: 'danh-sach.csv',
          row: 3,
          title: 'Nâng cấp Cổng dịch vụ công',
          leadAgencyName: 'Sở Thông tin và Truyền thông',
          fields: [
            { label: 'Thời hạn', before: '30/04/2024', after: '31/05/2024' },
            {
              label: 'Tình hình thực hiện',
              before: 'đang thực hiện',
              after: 'đã hoàn thành ngày 25/06/2024',
            },
          ],
        },
      ]);
      expect(first.body.diff.vanishedTasks).toEqual([
        expect.objectContaining({
          title: 'Rà soát giải ngân vốn đầu tư công',
          leadAgencyName: 'Sở Kế hoạch và Đầu tư',
          deadline: '2024-09-30',
        }),
      ]);
      // Only the new task, for now.
      const onlyNew = await commit('tracker', first.body.id, {
        apply: { new: true, changed: false, vanished: false },
      }).expect(200);
      expect(onlyNew.body).toMatchObject({ created: 1, updated: 0, cancelled: 0 });
      let tasks = await tasksByTitle(onlyNew.body.position);
      expect(tasks.get('Xây dựng kho dữ liệu dùng chung')).toMatchObject({ status: 'assigned' });
      expect(tasks.get('Nâng cấp Cổng dịch vụ công')).toMatchObject({ status: 'in_progress' });
      expect(tasks.get('Rà soát giải ngân vốn đầu tư công')).toMatchObject({ status: 'assigned' });

      // Then the change and the cancellation, confirmed.
      const second = await dryRun('tracker', SECOND).expect(200);
      expect(second.body.diff).toMatchObject({ new: 0, changed: 1, unchanged: 3, vanished: 1 });
      const rest = await commit('tracker', second.body.id, {
        apply: { new: false, changed: true, vanished: true },
      }).expect(200);
      expect(rest.body).toMatchObject({ created: 0, updated: 1, cancelled: 1 });
      tasks = await tasksByTitle(rest.body.position);
      expect(tasks.get('Nâng cấp Cổng dịch vụ công')).toMatchObject({
        status: 'completed',
        deadline: '2024-05-31',
      });
      expect(tasks.get('Rà soát giải ngân vốn đầu tư công')).toMatchObject({ status: 'cancelled' });
      // The portal done on 25/06 after its deadline of 31/05: late. The review is out of the figures.
      expect(await scopeAt('2024-06-30', rest.body.position)).toMatchObject({
        done: { total: 3, onTime: 1, late: 2 },
        notDone: { total: 1, overdue: 0 },
      });
    });

    it('refuses to commit a dry run with errors, writing nothing', async () => {
      const { body } = await dryRun('tracker', await messySampleWorkbook()).expect(200);
      expect(body.ready).toBe(false);
      const before = await head();
      const refused = await commit('tracker', body.id);
      expect(refused.status).toBe(422);
      expect(refused.body.messageVi).toMatch(/còn \d+ lỗi/);
      expect(await head()).toBe(before);
    });

    it('imports every sheet that holds a list, each row marked with its sheet', async () => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet('Ghi chú').addRow(['Danh sách do Văn phòng UBND tỉnh lập']);
      for (const [name, title] of [
        ['Năm 2023', 'Tổng kết chuyển đổi số năm 2023'],
        ['Năm 2024', 'Xây dựng trung tâm điều hành thông minh'],
      ]) {
        const sheet = book.addWorksheet(name);
        sheet.addRow([
          'STT',
          'Số ký hiệu',
          'Ngày ban hành',
          'Nội dung nhiệm vụ',
          'Cơ quan chủ trì',
        ]);
        sheet.addRow([1, '90/KH-UBND', '10/03/2024', title, 'Sở Tài chính']);
      }
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      const { body } = await t.http
        .post('/api/imports')
        .set(p.headers('tracker'))
        .attach('file', bytes, 'hai-trang.xlsx')
        .expect(200);
      expect(
        body.sheets.map((sheet: { name: string; tasks: number }) => [sheet.name, sheet.tasks]),
      ).toEqual([
        ['Ghi chú', 0],
        ['Năm 2023', 1],
        ['Năm 2024', 1],
      ]);
      expect(body).toMatchObject({ ready: true, diff: { new: 2 } });
      const done = await commit('tracker', body.id).expect(200);
      expect(done.body).toMatchObject({ created: 2, directivesRegistered: 1 });
      const tasks = await tasksByTitle(done.body.position);
      const history = await get(
        'tracker',
        `/api/tasks/${tasks.get('Xây dựng trung tâm điều hành thông minh')!.id}/history`,
      ).expect(200);
      expect(history.body[0].imported).toMatchObject({ sheet: 'Năm 2024', row: 2 });
    });

    it('reads the columns the person maps by hand when the headings say nothing', async () => {
      const odd = [
        'Số ký hiệu,Ngày ban hành,Việc cần làm,Đơn vị làm',
        '24/CTr-UBND,19/01/2024,Số hóa hồ sơ lưu trữ,STTTT',
      ].join('\r\n');
      const guessed = await dryRun('tracker', odd).expect(200);
      expect(guessed.body).toMatchObject({ counts: { tasks: 0 }, ready: false });
      expect(guessed.body.sheets[0].missingFields).toEqual([
        'Nội dung nhiệm vụ',
        'Cơ quan chủ trì',
      ]);
      const mapped = await dryRun('tracker', odd, {
        columns: { title: 'C', leadAgency: 'D' },
      }).expect(200);
      expect(mapped.body).toMatchObject({
        counts: { tasks: 1, errors: 0 },
        diff: { new: 1 },
        ready: true,
      });
      expect(mapped.body.tasks[0]).toMatchObject({
        title: 'Số hóa hồ sơ lưu trữ',
        leadAgency: 'STTTT',
      });
      // Shown again with the same mapping.
      const shown = await get('tracker', `/api/imports/${mapped.body.id}`).expect(200);
      expect(shown.body.counts.tasks).toBe(1);

      const before = await head();
      for (const mapping of [
        '{not json',
        JSON.stringify({ columns: { title: 'C9' } }),
        JSON.stringify({ columns: { nope: 'C' } }),
      ]) {
        const refused = await t.http
          .post('/api/imports')
          .set(p.headers('tracker'))
          .attach('file', Buffer.from(odd), 'a.csv')
          .field('mapping', mapping);
        expect(refused.status).toBe(400);
        expect(refused.body.messageVi).toMatch(/ghép cột|Cột của/);
      }
      expect(await head()).toBe(before);
    });
  });
}

describeImportCommit('SQLite', () => ({}));

const schema = uniqueSchema('importcommit');
describeWithPostgres('importing a list on PostgreSQL', (url) => {
  describeImportCommit(
    'PostgreSQL',
    () => ({
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_JWT_SECRET: 'a-secret-for-the-import-commit-suite-0123456789',
    }),
    () => dropSchema(url, schema),
  );
});
