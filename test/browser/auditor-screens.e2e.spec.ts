/**
 * The auditor's screens in words (issue 17, part D), in Debian's Chromium against the real API.
 * The scene of the API's audit tests: plan 45/KH-UBND gives A, B (STTTT) and C (STC) on
 * 05/04/2024; A is done in May; on 20/06 STTTT reports B done on 14/05 (dated 15/05) and the
 * office confirms it dated 16/05 — two late entries that change the April–May figures.
 */
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parseCsvExport } from '@chidao/audit/testing';
import {
  passwordOf,
  seedProvince,
  USERS,
  type Province,
} from '../../apps/api/test/support/province';
import { keyedTaskSteps, registerDirective } from '../../apps/api/test/support/task-steps';
import { ADMIN } from '../../apps/api/test/support/test-app';
import { describeWithChromium, launchChromium } from './support/chromium-test-env';
import { logInAs, shot, startWebApp, type WebApp } from './support/web-app';
import { codesIn, codesOnScreen } from './support/words-not-codes';

const NOW = '2024-06-20T03:00:00Z';

describeWithChromium('the auditor’s screens in words', (executablePath) => {
  let browser: Browser;
  let t: WebApp;
  let p: Province;
  const ids: Record<string, string> = {};
  const steps = keyedTaskSteps(() => ({ t, p }), ids);

  async function moveTo(instant: string) {
    t.clock.set(instant);
    for (const name of Object.keys(USERS) as (keyof typeof USERS)[]) {
      p.tokens[name] = await t.login(name.toLowerCase(), passwordOf(name));
    }
    p.tokens.admin = await t.login(ADMIN.username, ADMIN.password);
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startWebApp({ now: '2024-04-05T02:00:00Z', env: { CHIDAO_ACCESS_TOKEN_TTL: '86400' } }),
      launchChromium(executablePath),
    ]);
    p = await seedProvince(t);
    const directiveId = await registerDirective(t, p, {
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
    t.clock.set(NOW);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function as(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await logInAs(page, t.baseUrl, username, password);
    return page;
  }

  async function auditScreen(): Promise<Page> {
    const page = await as('auditor', passwordOf('auditor'));
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('screen-audit').waitFor();
    return page;
  }

  it('shows the events in Vietnamese and downloads them with Vietnamese headers', async () => {
    const page = await auditScreen();
    await page.getByTestId('audit-from').fill('2024-05-14');
    await page.getByTestId('audit-to').fill('2024-05-16');
    await page.getByTestId('audit-show').click();
    const rows = page.getByTestId('audit-events-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toContain(
      'Xác nhận hoàn thành ngày 14/05/2024, đúng hạn',
    );
    expect(await rows.nth(1).innerText()).toContain(
      'Chuyên viên Văn phòng UBND tỉnh (UBND tỉnh Hà Tĩnh)',
    );
    expect(await rows.nth(0).innerText()).toContain(
      'Sở Thông tin và Truyền thông báo cáo hoàn thành ngày 14/05/2024',
    );
    expect(await codesOnScreen(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-csv').click(),
    ]);
    const csv = parseCsvExport(fs.readFileSync(await download.path()).toString('utf8'));
    expect(Object.keys(csv[0])[0]).toBe('Vị trí trong nhật ký');
    expect(csv.map((r) => r['Sự kiện'])).toEqual(['Báo cáo hoàn thành', 'Xác nhận hoàn thành']);
    await shot(page, 'auditor-events');
  });

  it('travels to a task picked from a search and shows its page as it stood', async () => {
    const page = await auditScreen();
    await page.getByTestId('audit-search-q').fill('nhiệm vụ');
    await page.getByTestId('audit-search').click();
    await page.getByTestId('audit-found-tasks-row').filter({ hasText: 'Nhiệm vụ B' }).click();
    await page.getByTestId('audit-picked').filter({ hasText: 'Nhiệm vụ B' }).waitFor();
    await page.getByTestId('audit-as-of').fill('2024-05-31');
    await page.getByTestId('audit-known-date').fill('2024-06-03');
    await page.getByTestId('audit-known-time').fill('10:00');
    await page.getByTestId('audit-travel-show').click();
    const fields = page.getByTestId('audit-task-fields');
    await fields.waitFor();
    const text = await fields.innerText();
    expect(text).toContain('Chưa hoàn thành, quá hạn');
    expect(text).toContain('Sở Thông tin và Truyền thông');
    expect(text).toContain('15/05/2024');
    await page
      .getByTestId('audit-task-timeline-row')
      .filter({ hasText: 'Sở Thông tin và Truyền thông tiếp nhận nhiệm vụ' })
      .waitFor();
    const later = page.getByTestId('audit-later-entries-row');
    expect(await later.count()).toBe(2);
    expect(await later.nth(1).innerText()).toContain('Xác nhận hoàn thành ngày 14/05/2024');
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'auditor-time-travel');

    // A directive from the same search box, by its number.
    await page.getByTestId('audit-search-q').fill('45/KH');
    await page.getByTestId('audit-search').click();
    await page
      .getByTestId('audit-found-directives-row')
      .filter({ hasText: 'Kế hoạch quý II' })
      .click();
    await page.getByTestId('audit-picked').filter({ hasText: '45/KH-UBND' }).waitFor();
    await page.getByTestId('audit-travel-show').click();
    const directive = page.getByTestId('audit-directive-result');
    await directive.filter({ hasText: 'Đăng ký văn bản số 45/KH-UBND ngày 02/04/2024' }).waitFor();
    expect(await directive.innerText()).toContain('Đang theo dõi');
    expect(await codesOnScreen(page)).toEqual([]);
  });

  it('sets the figures known at an instant beside today’s and explains the difference', async () => {
    const page = await auditScreen();
    await page.getByTestId('audit-figures-from').fill('2024-04-01');
    await page.getByTestId('audit-figures-to').fill('2024-05-31');
    await page.getByTestId('audit-figures-known-date').fill('2024-06-03');
    await page.getByTestId('audit-figures-known-time').fill('10:00');
    await page.getByTestId('audit-figures-show').click();
    const lines = page.getByTestId('audit-figures-table-row');
    await lines.first().waitFor();
    const cells = async (label: string) =>
      (await lines.filter({ hasText: label }).first().locator('td').allInnerTexts()).slice(1);
    expect(await cells('Tổng số nhiệm vụ')).toEqual(['3', '3']);
    expect(await cells('Hoàn thành đúng hạn')).toEqual(['1', '2']);
    expect(await cells('Chưa hoàn thành – quá hạn')).toEqual(['1', '0']);
    await page
      .getByTestId('audit-late-summary')
      .filter({ hasText: 'Chênh lệch do 2 bút toán' })
      .waitFor();
    const late = page.getByTestId('audit-late-entries-row');
    expect(await late.count()).toBe(2);
    expect(await late.nth(0).innerText()).toContain('Nhiệm vụ B');
    expect(await late.nth(0).innerText()).toContain('Báo cáo hoàn thành');
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'auditor-figures-known-at');
  });

  it('shows the task page’s timeline in sentences', async () => {
    const page = await as('stafftttt', passwordOf('staffTTTT'));
    await page.goto(`${t.baseUrl}/tasks/${ids.B}`);
    const sentences = page.getByTestId('task-timeline-sentence');
    await sentences.filter({ hasText: 'Xác nhận hoàn thành ngày 14/05/2024, đúng hạn' }).waitFor();
    expect(await sentences.count()).toBe(4);
    const timeline = await page.getByTestId('task-timeline-section').innerText();
    expect(timeline).toContain('Chuyên viên Sở TT&TT (Sở Thông tin và Truyền thông)');
    expect(codesIn(timeline)).toEqual([]);
    await shot(page, 'task-timeline-sentences');
  });
});
