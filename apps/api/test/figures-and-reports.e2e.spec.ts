import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { seedProvince, type Province } from './support/province';
import { asBuffer } from './support/response-body';
import { keyedTaskSteps, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 17, part B through the API: the overdue share beside the three rates, the figures of one
 * directive, reports that name agencies and people's dates, the period pickers' preview (and
 * "tính đến ngày" for the period still running), and withdrawal offered only when allowed.
 *
 * Quý II/2024 of a seeded province: A (Sở TT&TT) done on time, B (Sở Tài chính) overdue since
 * 15/05, C (Sở Tài chính) and D (Sở KH&ĐT) within their deadlines: 1 of 4 overdue, 25%.
 */
describe('figures, directive page and reports (issue 17 B)', () => {
  let t: TestApp;
  let p: Province;
  let directiveId: string;
  let reportId: string;
  const ids: Record<string, string> = {};
  const { assign, complete } = keyedTaskSteps(() => ({ t, p }), ids);

  const get = (path: string, as: Parameters<Province['headers']>[0] = 'leader') =>
    t.http.get(path).set(p.headers(as));
  const file = (path: string) =>
    t.http.get(path).set(p.headers('tracker')).buffer(true).parse(asBuffer).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-07-20T03:00:00Z' });
    p = await seedProvince(t);
    directiveId = await registerDirective(t, p, {
      reference: '30/KH-UBND',
      issuedOn: '2024-04-01',
      title: 'Kế hoạch chuyển đổi số quý II năm 2024',
    });
    await assign(directiveId, 'A', 'STTTT', '2024-04-02', '2024-05-31');
    await assign(directiveId, 'B', 'STC', '2024-04-03', '2024-05-15');
    await assign(directiveId, 'C', 'STC', '2024-04-05', '2024-08-31');
    await assign(directiveId, 'D', 'SKHDT', '2024-04-10', '2024-09-30');
    await complete('A', '2024-05-20', '2024-05-20', '2024-05-21');
    const taken = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q2' })
      .expect(201);
    reportId = taken.body.id;
  });
  afterAll(() => t.close());

  it('gives the overdue share, 1 of 4 = 25%, beside the three rates', async () => {
    const { body } = await get(
      '/api/stats/completion?from=2024-04-01&to=2024-06-30&asOf=2024-06-30&groupBy=agency',
    ).expect(200);
    expect(body.scope.notDone.overdue).toBe(1);
    expect(body.scope.rates.overdueShare).toEqual({
      numerator: 1,
      denominator: 4,
      percent: 25,
      display: '25%',
    });
    expect(Object.keys(body.scope.rates).sort()).toEqual([
      'doneOfAssigned',
      'doneOfDue',
      'onTimeOfDone',
      'overdueShare',
    ]);
    const byAgency = Object.fromEntries(
      body.groups.map(
        (g: { key: string; stats: { rates: { overdueShare: { display: string } } } }) => [
          g.key,
          g.stats.rates.overdueShare.display,
        ],
      ),
    );
    expect(byAgency).toEqual({ SKHDT: '0%', STC: '50%', STTTT: '0%' });
  });

  it('gives the overdue share on the dashboard, today and for the period', async () => {
    const { body } = await get('/api/stats/dashboard?from=2024-04-01&to=2024-06-30').expect(200);
    expect(body.current.scope.rates.overdueShare.display).toBe('25%');
    expect(body.period.byAgency.scope.rates.overdueShare).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
  });

  it('gives a directive its own figures: "hoàn thành 1/4 nhiệm vụ, đạt 25%"', async () => {
    const { body } = await get(
      `/api/stats/completion?directive=${directiveId}&from=1945-01-01&to=2024-07-20&asOf=2024-07-20`,
    ).expect(200);
    expect(body.scope.total).toBe(4);
    expect(body.scope.summaryVi).toContain('hoàn thành 1/4 nhiệm vụ, đạt 25%');
  });

  it('puts the overdue share in the snapshot, and the snapshot still verifies', async () => {
    const { body } = await get(`/api/reports/${reportId}`, 'tracker').expect(200);
    expect(body.figures.scope.rates.overdueShare.display).toBe('25%');
    const verified = await get(`/api/reports/${reportId}/verify`, 'tracker').expect(200);
    expect(verified.body).toMatchObject({ identical: true, digestValid: true, differences: [] });
  });

  it('writes the workbook with agencies by name, the share, and "Thời điểm lập" for people', async () => {
    const response = await file(`/api/reports/${reportId}.xlsx`);
    const disposition = response.headers['content-disposition'];
    expect(disposition).toContain('filename="Bao cao quy II nam 2024 - UBND tinh Ha Tinh.xlsx"');
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(
      'Báo cáo quý II năm 2024 - UBND tỉnh Hà Tĩnh.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const rows: unknown[][] = [];
    summary.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const made = rows.find((r) => r[0] === 'Thời điểm lập');
    expect(made?.[1]).toBe('20/07/2024 10:00');
    const header = rows.find((r) => r[0] === 'Cơ quan, đơn vị')!;
    const shareColumn = header.indexOf('Tỷ lệ nhiệm vụ quá hạn chưa hoàn thành');
    expect(shareColumn).toBeGreaterThan(0);
    const agencyRows = rows.slice(rows.indexOf(header) + 1);
    expect(agencyRows.map((r) => [r[0], r[shareColumn]])).toEqual([
      ['Sở Kế hoạch và Đầu tư', '0%'],
      ['Sở Tài chính', '50%'],
      ['Sở Thông tin và Truyền thông', '0%'],
      ['Tổng cộng', '25%'],
    ]);
    const overdue = workbook.getWorksheet('Quá hạn')!;
    expect(overdue.getRow(2).getCell(2).value).toBe('Nhiệm vụ B');
    expect(overdue.getRow(2).getCell(4).value).toBe('Sở Tài chính');
    // No agency code in any cell of any sheet.
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => cells.push(typeof cell.value === 'string' ? cell.value : '')),
      ),
    );
    for (const code of ['STC', 'STTTT', 'SKHDT', 'UBND-TINH']) {
      expect(cells.filter((cell) => cell === code)).toEqual([]);
    }
  });

  it('writes the document with names, the share, and the number "Số: …/BC-UBND"', async () => {
    const response = await file(`/api/reports/${reportId}.docx`);
    expect(decodeURIComponent(response.headers['content-disposition'].split("''")[1])).toBe(
      'Báo cáo quý II năm 2024 - UBND tỉnh Hà Tĩnh.docx',
    );
    const zip = await JSZip.loadAsync(response.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/Số: \s*\/BC-UBND/);
    expect(text).toContain('Sở Tài chính');
    expect(text).toContain('Tỷ lệ nhiệm vụ quá hạn (quá hạn chưa hoàn thành / tổng số)');
    expect(text).toContain('25%');
    expect(text).not.toMatch(/\b(STC|STTTT|SKHDT|UBND-TINH)\b/);
  });

  it('says the report text with agencies by name and the share in words', async () => {
    const { text } = await get(`/api/reports/${reportId}/text`, 'tracker').expect(200);
    expect(text).toContain('đơn vị chủ trì Sở Tài chính');
    expect(text).toContain(
      'tỷ lệ nhiệm vụ quá hạn chưa hoàn thành trên tổng số nhiệm vụ là 25% (1/4 nhiệm vụ)',
    );
    expect(text).not.toMatch(/\bSTC\b/);
  });

  it('previews a picked period with its dates: Quý II/2024 is 01/04/2024–30/06/2024', async () => {
    const { body } = await get('/api/reports/period?period=2024-Q2', 'tracker').expect(200);
    expect(body).toMatchObject({
      period: { id: '2024-Q2', start: '2024-04-01', end: '2024-06-30' },
      takeAs: { id: '2024-Q2' },
      upToToday: false,
      labelVi: 'quý II năm 2024',
    });
    const nd09 = await get('/api/reports/period?period=2024-H1&convention=nd09', 'leader').expect(
      200,
    );
    expect(nd09.body.period).toMatchObject({ start: '2023-12-15', end: '2024-06-14' });
  });

  it('takes the period still running up to today ("tính đến ngày")', async () => {
    const { body } = await get('/api/reports/period?period=2024-Q3', 'tracker').expect(200);
    expect(body).toMatchObject({
      period: { start: '2024-07-01', end: '2024-09-30' },
      takeAs: { id: '2024-07-01..2024-07-20', start: '2024-07-01', end: '2024-07-20' },
      upToToday: true,
      labelVi: 'quý III năm 2024, tính đến ngày 20/07/2024',
    });
    const taken = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q3', upToToday: true })
      .expect(201);
    expect(taken.body.period).toMatchObject({
      id: '2024-07-01..2024-07-20',
      start: '2024-07-01',
      end: '2024-07-20',
      labelVi: 'quý III năm 2024, tính đến ngày 20/07/2024',
    });
    // Without upToToday the running quarter is refused, as before.
    const refused = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q3' })
      .expect(422);
    expect(refused.body.code).toBe('period_not_ended');
    // The snapshot of the running quarter verifies like any other.
    const verified = await get(`/api/reports/${taken.body.id}/verify`, 'tracker').expect(200);
    expect(verified.body).toMatchObject({ identical: true, digestValid: true });
    const { text } = await get(`/api/reports/${taken.body.id}/text`, 'tracker').expect(200);
    expect(text).toMatch(/^Trong quý III năm 2024, tính đến ngày 20\/07\/2024, UBND tỉnh Hà Tĩnh/);
  });

  it('refuses a period not begun, a malformed one, and callers who do not take reports', async () => {
    const later = await get('/api/reports/period?period=2024-Q4', 'tracker').expect(400);
    expect(later.body.code).toBe('period_not_begun');
    expect(later.body.messageVi).toContain('01/10/2024');
    const notBegun = await t.http
      .post('/api/reports')
      .set(p.headers('tracker'))
      .send({ period: '2024-Q4', upToToday: true })
      .expect(400);
    expect(notBegun.body.code).toBe('period_not_begun');
    const bad = await get('/api/reports/period?period=2024-Q5', 'tracker').expect(400);
    expect(bad.body.code).toBe('invalid_period');
    const staff = await get('/api/reports/period?period=2024-Q2', 'staffTC').expect(403);
    expect(staff.body.messageVi).toMatch(/lãnh đạo/);
    await get('/api/reports/period?period=2024-Q2', 'auditor').expect(403);
    await t.http.get('/api/reports/period?period=2024-Q2').expect(401);
  });

  it('offers withdrawal only to the body that may withdraw, and only with no open task', async () => {
    const withTasks = await get(`/api/directives/${directiveId}`).expect(200);
    expect(withTasks.body).toMatchObject({ status: 'active', canWithdraw: false });

    const wrong = await registerDirective(t, p, {
      reference: '31/KH-UBND',
      issuedOn: '2024-07-01',
      title: 'Văn bản nhập nhầm',
    });
    expect((await get(`/api/directives/${wrong}`, 'leader').expect(200)).body.canWithdraw).toBe(
      true,
    );
    expect((await get(`/api/directives/${wrong}`, 'tracker').expect(200)).body.canWithdraw).toBe(
      true,
    );
    expect((await get(`/api/directives/${wrong}`, 'leaderTTTT').expect(200)).body.canWithdraw).toBe(
      false,
    );
    expect((await get(`/api/directives/${wrong}`, 'auditor').expect(200)).body.canWithdraw).toBe(
      false,
    );
    // What the page offers is what the server does.
    await t.http
      .post(`/api/directives/${wrong}/withdrawal`)
      .set(p.headers('leaderTTTT'))
      .send({ reason: 'Nhập nhầm' })
      .expect(403);
    await t.http
      .post(`/api/directives/${wrong}/withdrawal`)
      .set(p.headers('leader'))
      .send({ reason: 'Nhập nhầm' })
      .expect(200);
    const after = await get(`/api/directives/${wrong}`).expect(200);
    expect(after.body).toMatchObject({ status: 'withdrawn', canWithdraw: false });
  });
});
