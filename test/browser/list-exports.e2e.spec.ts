/**
 * The export buttons beyond the task list, in Chromium against the real API: the directives
 * screen, the administrator's users screen and the dashboard's table by agency download under
 * the Vietnamese name the server gives, with Vietnamese headings.
 */
import * as fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN } from '../../apps/api/test/support/test-app';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { registerDirective } from '../../apps/api/test/support/task-steps';
import { describeWithChromium, launchChromium } from './support/chromium-test-env';
import { logInAs, startWebApp, type WebApp } from './support/web-app';

const NOW = '2024-06-30T02:00:00Z';

describeWithChromium('list exports in Chromium', (executablePath) => {
  let browser: Browser;
  let t: WebApp;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebApp({ now: NOW }), launchChromium(executablePath)]);
    const p = await seedProvince(t);
    await registerDirective(t, p);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function as(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await logInAs(page, t.baseUrl, username, password);
    return page;
  }

  it('the directives screen downloads the list as CSV', async () => {
    const page = await as('leader', passwordOf('leader'));
    await page.getByTestId('menu-directives').click();
    await page.getByTestId('directive-link').first().waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('directives-export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toBe('Danh sách văn bản chỉ đạo.csv');
    const lines = fs
      .readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].startsWith('STT,"Số, ký hiệu",Loại văn bản,Ngày ban hành')).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('24/CTr-UBND');
  });

  it("the users screen downloads the administrator's list as .xlsx", async () => {
    const page = await as(ADMIN.username, ADMIN.password);
    await page.getByTestId('menu-users').click();
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('users-export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('Danh sách người dùng.xlsx');
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(2).text).toBe('Họ và tên');
    const names: string[] = [];
    for (let r = 3; r <= sheet.rowCount; r += 1) names.push(sheet.getRow(r).getCell(2).text);
    expect(names).toContain('Phó Chủ tịch UBND tỉnh');
  });

  it("the dashboard downloads the period's table by agency as .xlsx", async () => {
    const page = await as('leader', passwordOf('leader'));
    await page.getByTestId('agency-table-export-xlsx').waitFor();
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('agency-table-export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(
      'Thống kê thực hiện nhiệm vụ 01-01-2024 đến 30-06-2024.xlsx',
    );
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).text).toBe(
      'Thống kê kết quả thực hiện nhiệm vụ theo cơ quan',
    );
    expect(sheet.getRow(3).getCell(1).text).toBe('Cơ quan chủ trì');
    expect(sheet.getRow(sheet.rowCount).getCell(1).text).toBe('Tổng cộng');
  });
});
