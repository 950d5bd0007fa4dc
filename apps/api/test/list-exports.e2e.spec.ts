import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { Workbook, type Worksheet } from 'exceljs';
import { seedProvince, type Province, type UserName } from './support/province';
import { asBuffer, asText } from './support/response-body';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/**
 * The lists and tables beyond the task list as files (?format=xlsx|csv): the directives list,
 * the completion and urge statistics, the users list. Each file has Vietnamese headings and
 * names, numbers as numbers, cells that would run as formulas neutralised, and exactly the rows
 * and refusals of the JSON it mirrors.
 *
 * The clock stands at 2024-06-30 10:00 in Vietnam. On SQLite, and on PostgreSQL when
 * CHIDAO_TEST_POSTGRES_URL is set.
 */

const FORMULA = '=HYPERLINK("http://x.example","bấm")';
const NEUTRALISED = `'${FORMULA}`;
const AT_AGENCY = '@Ban quản lý dự án';

let t: TestApp;
let p: Province;
let ours = '';

const get = (who: UserName, path: string) => t.http.get(path).set(p.headers(who));

async function csvLines(
  who: UserName,
  path: string,
): Promise<{ lines: string[]; headers: Record<string, string> }> {
  const res = await get(who, path).buffer(true).parse(asText).expect(200);
  expect(res.headers['content-type']).toContain('text/csv');
  expect(res.headers['cache-control']).toBe('no-store');
  const lines = (res.body as string)
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  return { lines, headers: res.headers };
}

async function sheetOf(
  who: UserName,
  path: string,
): Promise<{ sheet: Worksheet; headers: Record<string, string> }> {
  const res = await get(who, path).buffer(true).parse(asBuffer).expect(200);
  expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
  const workbook = new Workbook();
  // Typed as any by supertest; exceljs names its own Buffer type.
  await workbook.xlsx.load(res.body);
  return { sheet: workbook.worksheets[0], headers: res.headers };
}

/** The table under the heading lines: its header row, then the rows, as cell values. */
function tableOf(sheet: Worksheet, headerRow: number) {
  const values = (r: number) =>
    (sheet.getRow(r).values as unknown[]).slice(1) as Array<string | number | null>;
  const rows: Array<Array<string | number | null>> = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r += 1) rows.push(values(r));
  return { header: values(headerRow), rows };
}

function describeListExports(
  engine: string,
  env: () => Record<string, string>,
  cleanup = async () => {},
) {
  describe(`list exports on ${engine}`, () => {
    beforeAll(async () => {
      t = await startTestApp({ now: '2024-06-30T03:00:00Z', env: env() });
      p = await seedProvince(t);
      await t.http
        .post('/api/agencies')
        .set(p.headers('admin'))
        .send({ code: 'BQLDA', name: AT_AGENCY, parent: 'UBND-TINH', kind: 'department' })
        .expect(201);
      ours = await registerDirective(t, p, {
        reference: '24/CTr-UBND',
        issuedOn: '2024-01-19',
        title: FORMULA,
      });
      await t.http
        .post('/api/directives')
        .set(p.headers('leaderKhac'))
        .send({
          reference: '05/CT-UBND',
          issuedOn: '2024-02-01',
          issuer: 'UBND tỉnh khác',
          title: 'Chỉ thị của tỉnh khác',
        })
        .expect(201);
      const a = await assignReceivedTask(t, p, ours, {
        title: 'Nhiệm vụ A',
        leadAgency: 'STTTT',
        deadline: '2024-05-31',
        occurredOn: '2024-02-05',
      });
      const b = await assignReceivedTask(t, p, ours, {
        title: 'Nhiệm vụ B',
        leadAgency: 'STC',
        deadline: '2024-12-31',
        occurredOn: '2024-03-05',
        leaderInCharge: FORMULA,
      } as Parameters<typeof assignReceivedTask>[3]);
      const { body } = await t.http
        .post(`/api/directives/${ours}/tasks`)
        .set(p.headers('leader'))
        .send({
          title: 'Nhiệm vụ C',
          leadAgency: 'BQLDA',
          deadline: '2024-04-30',
          occurredOn: '2024-03-10',
        })
        .expect(201);
      const c = body.tasks[0].id as string;
      for (const [taskId, occurredOn] of [
        [a, '2024-06-03'],
        [a, '2024-06-10'],
        [b, '2024-06-04'],
        [c, '2024-06-05'],
      ]) {
        await t.http
          .post(`/api/tasks/${taskId}/urge`)
          .set(p.headers('tracker'))
          .send({ occurredOn })
          .expect(200);
      }
      await t.http
        .post('/api/users')
        .set(p.headers('admin'))
        .send({
          username: 'congthuc',
          password: 'Song-Hong-cong-thuc-1975',
          displayName: FORMULA,
          roles: ['staff'],
          agency: 'STTTT',
          phone: '0912345678',
        })
        .expect(201);
    }, 60_000);

    afterAll(async () => {
      await t?.close();
      await cleanup();
    });

    describe('GET /api/directives/export', () => {
      it('writes the directives a reader may see, in Vietnamese, with the title neutralised', async () => {
        const json = await get('staffTTTT', '/api/directives').expect(200);
        const { lines, headers } = await csvLines('staffTTTT', '/api/directives/export?format=csv');
        expect(headers['content-disposition']).toBe(
          `attachment; filename="Danh sach van ban chi dao.csv"; filename*=UTF-8''${encodeURIComponent('Danh sách văn bản chỉ đạo.csv')}`,
        );
        expect(lines[0]).toBe(
          'STT,"Số, ký hiệu",Loại văn bản,Ngày ban hành,Cơ quan ban hành,Cơ quan giao nhiệm vụ,Trích yếu,Năm chương trình,Tình trạng',
        );
        expect(lines).toHaveLength(json.body.items.length + 1);
        expect(lines).toHaveLength(2);
        expect(lines[1]).toContain('24/CTr-UBND');
        expect(lines[1]).toContain('19/01/2024');
        expect(lines[1]).toContain('UBND tỉnh Hà Tĩnh');
        expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.example"",""bấm"")"`);
        expect(lines.join('\n')).not.toContain('tỉnh khác');

        const { sheet, headers: xh } = await sheetOf(
          'staffTTTT',
          '/api/directives/export?year=2024',
        );
        expect(xh['content-disposition']).toContain(
          'filename="Danh sach van ban chi dao 2024.xlsx"',
        );
        expect(sheet.name).toBe('Văn bản chỉ đạo');
        expect(sheet.getRow(2).getCell(1).text).toBe('Năm ban hành 2024');
        const { header, rows } = tableOf(sheet, 3);
        expect(header[1]).toBe('Số, ký hiệu');
        expect(rows).toHaveLength(1);
        expect(rows[0][0]).toBe(1);
        expect(rows[0][5]).toBe('UBND tỉnh Hà Tĩnh');
        expect(rows[0][6]).toBe(NEUTRALISED);
      });

      it("gives another province's staff their own directives only", async () => {
        const json = await get('staffX', '/api/directives').expect(200);
        const { lines } = await csvLines('staffX', '/api/directives/export?format=csv');
        expect(lines).toHaveLength(json.body.items.length + 1);
        expect(lines[1]).toContain('Chỉ thị của tỉnh khác');
        expect(lines.join('\n')).not.toContain('HYPERLINK');
      });

      it('refuses whoever cannot read the list, and a format it does not write', async () => {
        await get('admin', '/api/directives').expect(403);
        const refused = await get('admin', '/api/directives/export?format=csv').expect(403);
        expect(refused.headers['content-type']).toContain('application/json');
        expect(refused.body.messageVi).toBe('Vai trò của bạn không được xem văn bản chỉ đạo.');
        await t.http.get('/api/directives/export').expect(401);
        const bad = await get('leader', '/api/directives/export?format=pdf').expect(400);
        expect(JSON.stringify(bad.body)).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵ]/);
      });
    });

    describe('GET /api/stats/completion/export', () => {
      const period = 'from=2024-01-01&to=2024-12-31&asOf=2024-06-30';

      it('writes a row per agency by name and the total, numbers as numbers', async () => {
        const json = await get('leader', `/api/stats/completion?${period}&groupBy=agency`).expect(
          200,
        );
        const { sheet, headers } = await sheetOf(
          'leader',
          `/api/stats/completion/export?${period}&groupBy=agency`,
        );
        expect(headers['content-disposition']).toContain(
          'filename="Thong ke thuc hien nhiem vu 01-01-2024 den 31-12-2024.xlsx"',
        );
        expect(sheet.getRow(1).getCell(1).text).toBe(
          'Thống kê kết quả thực hiện nhiệm vụ theo cơ quan',
        );
        expect(sheet.getRow(2).getCell(1).text).toContain('tính đến ngày 30/06/2024');
        const { header, rows } = tableOf(sheet, 3);
        expect(header.slice(0, 3)).toEqual([
          'Cơ quan chủ trì',
          'Tổng số nhiệm vụ',
          'Đã hoàn thành',
        ]);
        expect(rows).toHaveLength(json.body.groups.length + 1);
        const names = rows.map((r) => r[0]);
        expect(names).toEqual(
          expect.arrayContaining([
            `'${AT_AGENCY}`,
            'Sở Thông tin và Truyền thông',
            'Sở Tài chính',
            'Tổng cộng',
          ]),
        );
        expect(names).not.toContain('STTTT');
        expect(rows[rows.length - 1][1]).toBe(json.body.scope.total);
        expect(typeof rows[0][1]).toBe('number');
      });

      it('names the directive chosen by its reference, only to whoever counts its tasks', async () => {
        const query = `${period}&directive=${ours}`;
        const { sheet } = await sheetOf('leader', `/api/stats/completion/export?${query}`);
        expect(sheet.getRow(2).getCell(1).text).toContain('; văn bản: 24/CTr-UBND');
        const other = await sheetOf('leaderKhac', `/api/stats/completion/export?${query}`);
        expect(other.sheet.getRow(2).getCell(1).text).toContain('; văn bản: văn bản đã chọn');
        expect(tableOf(other.sheet, 3).rows).toEqual([
          ['Tổng cộng', 0, 0, 0, 0, 0, 0, 0, '—', '—', '—', '—'],
        ]);
      });

      it('neutralises a leader written as a formula in the CSV and the workbook', async () => {
        const query = `${period}&groupBy=leader`;
        const { lines } = await csvLines(
          'leader',
          `/api/stats/completion/export?${query}&format=csv`,
        );
        expect(lines[0].startsWith('Lãnh đạo phụ trách,Tổng số nhiệm vụ,')).toBe(true);
        expect(
          lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://x.example"",""bấm"")",`)),
        ).toBe(true);
        const { sheet } = await sheetOf('leader', `/api/stats/completion/export?${query}`);
        expect(tableOf(sheet, 3).rows.map((r) => r[0])).toContain(NEUTRALISED);
      });

      it("keeps a staff member to their agency's figures, and refuses another agency", async () => {
        const json = await get('staffTC', `/api/stats/completion?${period}&groupBy=agency`).expect(
          200,
        );
        const { lines } = await csvLines(
          'staffTC',
          `/api/stats/completion/export?${period}&groupBy=agency&format=csv`,
        );
        expect(lines).toHaveLength(json.body.groups.length + 2);
        expect(lines.slice(1, -1).every((l) => l.startsWith('Sở Tài chính,'))).toBe(true);
        expect(lines[lines.length - 1].startsWith(`Tổng cộng,${json.body.scope.total},`)).toBe(
          true,
        );
        await get('staffTC', `/api/stats/completion?${period}&agency=STTTT`).expect(403);
        await get('staffTC', `/api/stats/completion/export?${period}&agency=STTTT`).expect(403);
        await get('admin', `/api/stats/completion/export?${period}`).expect(403);
        const backwards = 'from=2024-12-31&to=2024-01-01';
        const json400 = await get('leader', `/api/stats/completion?${backwards}`).expect(400);
        const file400 = await get('leader', `/api/stats/completion/export?${backwards}`).expect(
          400,
        );
        expect(file400.body).toEqual(json400.body);
      });
    });

    describe('GET /api/stats/urges/export', () => {
      const period = 'from=2024-06-01&to=2024-06-30';

      it('writes the urges per agency by name, with the formula-looking name neutralised', async () => {
        const json = await get('tracker', `/api/stats/urges?${period}`).expect(200);
        const { lines, headers } = await csvLines(
          'tracker',
          `/api/stats/urges/export?${period}&format=csv`,
        );
        expect(headers['content-disposition']).toContain(
          'filename="Thong ke don doc 01-06-2024 den 30-06-2024.csv"',
        );
        expect(lines[0]).toBe('STT,Cơ quan chủ trì,Số lần đôn đốc,Số lần nhắc tự động,Tổng cộng');
        expect(lines).toHaveLength(json.body.agencies.length + 1);
        expect(lines).toContain(`1,'${AT_AGENCY},1,0,1`);
        expect(lines.some((l) => l.endsWith('Sở Thông tin và Truyền thông,2,0,2'))).toBe(true);

        const { sheet } = await sheetOf('tracker', `/api/stats/urges/export?${period}`);
        expect(sheet.name).toBe('Đôn đốc');
        const { header, rows } = tableOf(sheet, 3);
        expect(header).toEqual([
          'STT',
          'Cơ quan chủ trì',
          'Số lần đôn đốc',
          'Số lần nhắc tự động',
          'Tổng cộng',
        ]);
        expect(rows).toContainEqual([1, `'${AT_AGENCY}`, 1, 0, 1]);
      });

      it("gives a staff member their agency's row only, and refuses another agency", async () => {
        const json = await get('staffTTTT', `/api/stats/urges?${period}`).expect(200);
        expect(json.body.agencies).toHaveLength(1);
        const { lines } = await csvLines(
          'staffTTTT',
          `/api/stats/urges/export?${period}&format=csv`,
        );
        expect(lines).toEqual([
          'STT,Cơ quan chủ trì,Số lần đôn đốc,Số lần nhắc tự động,Tổng cộng',
          '1,Sở Thông tin và Truyền thông,2,0,2',
        ]);
        const other = await csvLines('leaderKhac', `/api/stats/urges/export?${period}&format=csv`);
        expect(other.lines).toHaveLength(1);
        await get('staffTTTT', `/api/stats/urges/export?${period}&agency=STC`).expect(403);
        await get('admin', `/api/stats/urges/export?${period}`).expect(403);
      });
    });

    describe('GET /api/users/export', () => {
      it('writes the users for an administrator, roles and agencies in words', async () => {
        const json = await get('admin', '/api/users').expect(200);
        const { lines, headers } = await csvLines('admin', '/api/users/export?format=csv');
        expect(headers['content-disposition']).toContain('filename="Danh sach nguoi dung.csv"');
        expect(lines[0]).toBe(
          'STT,Họ và tên,Tên đăng nhập,Vai trò,"Cơ quan, đơn vị",Trạng thái,Thư điện tử,Số điện thoại,Nhận nhắc việc qua',
        );
        expect(lines).toHaveLength(json.body.length + 1);
        const row = lines.find((l) => l.includes(',congthuc,'));
        expect(row).toMatch(
          /^\d+,"'=HYPERLINK\(""http:\/\/x\.example"",""bấm""\)",congthuc,Chuyên viên,Sở Thông tin và Truyền thông,Đang hoạt động,,0912345678,/,
        );

        const { sheet } = await sheetOf('admin', '/api/users/export');
        const { header, rows } = tableOf(sheet, 2);
        expect(header[1]).toBe('Họ và tên');
        const user = rows.find((r) => r[2] === 'congthuc')!;
        expect(user[1]).toBe(NEUTRALISED);
        expect(user[7]).toBe('0912345678');
      });

      it('refuses everyone else', async () => {
        await get('leader', '/api/users').expect(403);
        await get('leader', '/api/users/export').expect(403);
        await get('auditor', '/api/users/export?format=csv').expect(403);
        await t.http.get('/api/users/export').set(bearer('nonsense')).expect(401);
      });
    });
  });
}

describeListExports('SQLite', () => ({}));

const schema = uniqueSchema('listexports');
describeWithPostgres('list exports on PostgreSQL', (url) => {
  describeListExports(
    'PostgreSQL',
    () => ({
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_JWT_SECRET: 'a-secret-for-the-list-exports-suite-0123456789',
    }),
    () => dropSchema(url, schema),
  );
});
