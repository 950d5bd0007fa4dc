import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { seedProvince, type Province, type UserName } from './support/province';
import { asText } from './support/response-body';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The names offices' lists use for agencies, mapped once while importing and remembered: a
 * tracker maps "Sở TT" to STTTT and the next dry run takes it; the list shows who goes by what;
 * refusals (who may not, a name of another agency, control characters) write nothing.
 *
 * On SQLite, and on PostgreSQL when CHIDAO_TEST_POSTGRES_URL is set.
 */

// A list as an office keeps it, naming the department its own way.
const CSV = [
  'STT,Số ký hiệu,Ngày ban hành,Trích yếu,Cơ quan chủ trì,Thời hạn',
  '1,24/CTr-UBND,19/01/2024,Nâng cấp Cổng dịch vụ công tỉnh,Sở TT,30/06/2024',
  '2,24/CTr-UBND,19/01/2024,Rà soát thủ tục hành chính,Sở Tài chính,31/07/2024',
].join('\r\n');

function describeAgencyAliases(
  engine: string,
  env: () => Record<string, string>,
  cleanup = async () => {},
) {
  describe(`agency aliases on ${engine}`, () => {
    let t: TestApp;
    let p: Province;

    const headPosition = async (): Promise<number> =>
      (await t.http.get('/ready').expect(200)).body.headPosition;
    const add = (who: UserName, code: string, alias: unknown) =>
      t.http.post(`/api/agencies/${code}/aliases`).set(p.headers(who)).send({ alias });
    const remove = (who: UserName, code: string, alias: string) =>
      t.http.delete(`/api/agencies/${code}/aliases`).query({ alias }).set(p.headers(who));
    const list = (who: UserName) => t.http.get('/api/agencies/aliases').set(p.headers(who));
    const dryRun = () =>
      t.http
        .post('/api/imports')
        .set(p.headers('tracker'))
        .attach('file', Buffer.from(CSV, 'utf8'), 'danh-sach.csv')
        .expect(200);

    beforeAll(async () => {
      // Monday 01/07/2024, 09:00 in Vietnam.
      t = await startTestApp({ now: '2024-07-01T02:00:00Z', env: env() });
      p = await seedProvince(t);
    });
    afterAll(async () => {
      await t?.close();
      await cleanup();
    });

    it('does not know "Sở TT" before it is mapped', async () => {
      const { body } = await dryRun();
      expect(body.counts.tasks).toBe(1);
      expect(body.problems[0]).toMatchObject({ row: 2, value: 'Sở TT', severity: 'error' });
      expect((await list('tracker').expect(200)).body).toEqual([]);
    });

    it('lets a tracker map it once, and the dry run then takes it for the department', async () => {
      const before = await headPosition();
      const { body } = await add('tracker', 'STTTT', '  Sở  TT ').expect(201);
      expect(body).toEqual({
        alias: 'Sở TT',
        agency: 'STTTT',
        agencyName: 'Sở Thông tin và Truyền thông',
        addedOn: '2024-07-01',
      });
      expect(await headPosition()).toBe(before + 1);

      const preview = (await dryRun()).body;
      expect(preview.counts).toMatchObject({ tasks: 2, errors: 0 });
      expect(preview.tasks[0]).toMatchObject({
        title: 'Nâng cấp Cổng dịch vụ công tỉnh',
        leadAgency: 'STTTT',
        leadAgencyName: 'Sở Thông tin và Truyền thông',
      });

      for (const who of ['admin', 'leaderTTTT', 'auditor'] as const) {
        expect((await list(who).expect(200)).body).toEqual([body]);
      }
    });

    it('takes the same name again as no change: 201, nothing written', async () => {
      const before = await headPosition();
      const { body } = await add('leader', 'stttt', 'SO TT').expect(201);
      expect(body.alias).toBe('Sở TT');
      expect(await headPosition()).toBe(before);
    });

    it('says the mapping in words in the audit', async () => {
      const res = await t.http
        .get('/api/audit/events')
        .query({ stream: 'agency-stttt', format: 'csv', lang: 'vi' })
        .set(p.headers('auditor'))
        .buffer(true)
        .parse(asText)
        .expect(200);
      const rows = (res.body as string).split('\n').filter((line) => line.includes('AgencyAlias'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain(p.userIds.tracker);
      expect(rows[0]).toContain(
        'Ghi nhận “Sở TT” là tên gọi khác của Sở Thông tin và Truyền thông khi nhập danh sách',
      );
    });

    it.each<[string, UserName, string, unknown, number, RegExp]>([
      ['an auditor', 'auditor', 'STC', 'Sở TCh', 403, /chỉ được xem/],
      ['staff', 'staffTTTT', 'STTTT', 'Sở TTTT cũ', 403, /tên gọi khác/],
      ['a name of another agency', 'tracker', 'STC', 'so tt', 409, /Sở Thông tin và Truyền thông/],
      ['another agency’s code', 'tracker', 'STC', 'STTTT', 409, /\(STTTT\)/],
      ['control characters', 'tracker', 'STC', 'Sở\u0007TC', 400, /Tên gọi khác/],
      ['no name at all', 'tracker', 'STC', ' -- ', 400, /Tên gọi khác/],
      ['a number', 'tracker', 'STC', 12, 400, /Tên gọi khác/],
      ['too long a name', 'tracker', 'STC', 'x'.repeat(201), 400, /Tên gọi khác/],
      ['an unknown agency', 'tracker', 'SO-KHONG', 'Sở K', 404, /chưa có trong danh mục/],
    ])('refuses %s, writing nothing', async (_, who, code, alias, status, message) => {
      const before = await headPosition();
      const refused = await add(who, code, alias);
      expect(refused.status).toBe(status);
      expect(refused.body.messageVi).toMatch(message);
      expect(await headPosition()).toBe(before);
    });

    it('refuses fields beyond the alias, and an inactive agency', async () => {
      const before = await headPosition();
      const extra = await t.http
        .post('/api/agencies/STC/aliases')
        .set(p.headers('tracker'))
        .send({ alias: 'Sở TC', agency: 'STC' });
      expect(extra.status).toBe(400);
      await t.http
        .patch('/api/agencies/SO-X')
        .set(p.headers('admin'))
        .send({ active: false })
        .expect(200);
      const position = await headPosition();
      expect(position).toBe(before + 1);
      const inactive = await add('tracker', 'SO-X', 'Sở X cũ');
      expect(inactive.status).toBe(422);
      expect(await headPosition()).toBe(position);
    });

    it('unmaps a name: the next dry run no longer knows it; refusals write nothing', async () => {
      for (const who of ['auditor', 'staffTC'] as const) {
        const before = await headPosition();
        expect((await remove(who, 'STTTT', 'Sở TT')).status).toBe(403);
        expect(await headPosition()).toBe(before);
      }
      const before = await headPosition();
      expect((await remove('tracker', 'STTTT', 'so tt').expect(200)).body).toEqual([]);
      expect(await headPosition()).toBe(before + 1);
      // Removing it again changes nothing.
      await remove('tracker', 'STTTT', 'Sở TT').expect(200);
      expect(await headPosition()).toBe(before + 1);
      expect((await list('tracker').expect(200)).body).toEqual([]);
      expect((await dryRun()).body.counts.tasks).toBe(1);
      // Now free, the name may go to another agency.
      await add('tracker', 'STC', 'Sở TT').expect(201);
    });

    it('refuses the list to staff', async () => {
      const refused = await list('staffTC');
      expect(refused.status).toBe(403);
      expect(refused.body.messageVi).toMatch(/tên gọi khác/);
    });
  });
}

describeAgencyAliases('SQLite', () => ({}));

const schema = uniqueSchema('agencyaliases');
describeWithPostgres('agency aliases on PostgreSQL', (url) => {
  describeAgencyAliases(
    'PostgreSQL',
    () => ({
      CHIDAO_EVENT_STORE: 'postgres',
      CHIDAO_DATABASE_URL: url,
      CHIDAO_DATABASE_SCHEMA: schema,
      CHIDAO_JWT_SECRET: 'a-secret-for-the-agency-aliases-suite-0123456789',
    }),
    () => dropSchema(url, schema),
  );
});
