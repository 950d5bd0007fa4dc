/**
 * The task list screen in Chromium against the real API: filters set from the form land in the
 * URL and opening that URL restores them; pages go past 100 tasks; headers sort; the export
 * downloads the rows as filtered; print media shows the title, the filters in words and the
 * date without menus; overdue tasks carry their badge; no code on screen.
 */
import * as fs from 'node:fs';
import type { EventStore } from '@chidao/event-store';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/event-store.providers';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { appendTaskStories, type TaskStory } from '../../apps/api/test/support/task-history';
import { describeWithChromium, launchChromium } from './support/chromium-test-env';
import { logInAs, shot, startWebApp, type WebApp } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

const NOW = '2024-06-30T02:00:00Z';
const LEADS = ['STTTT', 'STC', 'SKHDT'];
const day = (offset: number): string =>
  new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);

/** 150 tasks in the first half of 2024: some done, many overdue at 30/06/2024. */
function stories(): TaskStory[] {
  return Array.from({ length: 150 }, (_, i) => {
    const assigned = i % 170;
    const deadline = i % 9 === 0 ? null : assigned + 10 + (i % 40);
    const done = i % 3 === 0 && assigned + 20 < 175;
    return {
      id: `ui${String(i).padStart(4, '0')}`,
      leadAgency: LEADS[i % LEADS.length],
      assigningAgency: 'UBND-TINH',
      assignedOn: day(assigned),
      deadline: deadline === null ? null : day(deadline),
      directiveId: '6f1c7a52-8d3e-4b9a-a1c2-000000000017',
      directiveReference: '17/KH-UBND',
      title: `Nhiệm vụ thử ${String(i + 1).padStart(3, '0')}`,
      completion: done
        ? {
            completedOn: day(assigned + 15),
            reportedOn: day(assigned + 16),
            confirmedOn: day(assigned + 18),
          }
        : undefined,
    };
  });
}

describeWithChromium('task lists in Chromium', (executablePath) => {
  let browser: Browser;
  let t: WebApp;
  const contexts: BrowserContext[] = [];
  let leaderToken = '';

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebApp({ now: NOW }), launchChromium(executablePath)]);
    await seedProvince(t);
    const store = t.app.get<EventStore>(EVENT_STORE);
    await appendTaskStories(store, stories(), { receivedAt: '2024-06-30T01:00:00Z' });
    leaderToken = await t.login('leader', passwordOf('leader'));
    // The read model has caught up once the list says so.
    const head = await store.headPosition();
    await t.http
      .get(`/api/tasks/list?minPosition=${head}`)
      .set({ Authorization: `Bearer ${leaderToken}` })
      .expect(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function asLeader(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await logInAs(page, t.baseUrl, 'leader', passwordOf('leader'));
    return page;
  }

  const apiList = async (query: string) =>
    (
      await t.http
        .get(`/api/tasks/list?${query}`)
        .set({ Authorization: `Bearer ${leaderToken}` })
        .expect(200)
    ).body as { total: number; items: Array<{ title: string; daysOverdue: number }> };

  const titles = (page: Page) => page.getByTestId('task-link').allTextContents();

  it('filters from the form land in the URL, and the URL opened again restores them', async () => {
    const page = await asLeader();
    await page.getByTestId('menu-tasks').click();
    await page.getByTestId('list-total').filter({ hasText: '150' }).waitFor();
    await page.getByTestId('filter-agency').selectOption('STC');
    await page.getByTestId('filter-from').fill('2024-01-01');
    await page.getByTestId('filter-to').fill('2024-06-30');
    await page.getByTestId('filter-at').fill('2024-06-30');
    await page.getByTestId('filter-class-not_done_overdue').check();
    await page.getByTestId('filter-apply').click();
    await page.waitForURL(/class=not_done_overdue/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      agency: 'STC',
      from: '2024-01-01',
      to: '2024-06-30',
      at: '2024-06-30',
      class: 'not_done_overdue',
    });
    const expected = await apiList(
      'agency=STC&from=2024-01-01&to=2024-06-30&at=2024-06-30&class=not_done_overdue&size=25',
    );
    expect(expected.total).toBeGreaterThan(0);
    await page
      .getByTestId('list-total')
      .filter({ hasText: `Tổng số: ${expected.total} nhiệm vụ` })
      .waitFor();
    const words = page.getByTestId('list-filters-words');
    await words.filter({ hasText: 'Cơ quan: Sở Tài chính' }).waitFor();
    await words.filter({ hasText: 'Phân loại: Chưa hoàn thành, quá hạn' }).waitFor();
    await words.filter({ hasText: 'Giao từ 01/01/2024 đến 30/06/2024' }).waitFor();
    // Every row is overdue, and says by how many days.
    const badges = page.getByTestId('overdue-badge');
    expect(await badges.count()).toBe(Math.min(25, expected.total));
    await badges
      .first()
      .filter({ hasText: /Quá hạn \d+ ngày/ })
      .waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'task-list-filtered');

    // The same URL in a new session: the same filters, the same list.
    const again = await asLeader();
    await again.goto(url.toString());
    await again
      .getByTestId('list-total')
      .filter({ hasText: `Tổng số: ${expected.total} nhiệm vụ` })
      .waitFor();
    expect(await again.getByTestId('filter-agency').inputValue()).toBe('STC');
    expect(await again.getByTestId('filter-class-not_done_overdue').isChecked()).toBe(true);
    expect(await again.getByTestId('filter-from').inputValue()).toBe('01/01/2024');
    expect(await titles(again)).toEqual(expected.items.map((i) => i.title));
  });

  it('pages past 100 tasks and sorts by a header, both ways', async () => {
    const page = await asLeader();
    await page.goto(`${t.baseUrl}/tasks?size=100&sort=title&dir=asc`);
    await page.getByTestId('pager-range').filter({ hasText: '1–100 trong 150' }).waitFor();
    expect((await titles(page))[0]).toBe('Nhiệm vụ thử 001');
    await page.getByTestId('pager-next').click();
    await page.getByTestId('pager-range').filter({ hasText: '101–150 trong 150' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    const second = await titles(page);
    expect(second).toHaveLength(50);
    expect(second[0]).toBe('Nhiệm vụ thử 101');
    expect(second[49]).toBe('Nhiệm vụ thử 150');

    await page.getByTestId('sort-title').click();
    await page.waitForURL(/dir=desc/);
    await page.getByTestId('pager-range').filter({ hasText: '1–100 trong 150' }).waitFor();
    await page.getByTestId('task-link').first().filter({ hasText: 'Nhiệm vụ thử 150' }).waitFor();

    await page.getByTestId('view-overdue').click();
    await page.waitForURL(/view=overdue/);
    const overdue = await apiList('class=not_done_overdue&sort=daysOverdue&dir=desc&size=100');
    await page
      .getByTestId('list-total')
      .filter({ hasText: `Tổng số: ${overdue.total} nhiệm vụ` })
      .waitFor();
    const firstBadge = page.getByTestId('overdue-badge').first();
    await firstBadge.filter({ hasText: `Quá hạn ${overdue.items[0].daysOverdue} ngày` }).waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'task-list-overdue');
  });

  it('downloads the list as filtered, as CSV and as a workbook', async () => {
    const page = await asLeader();
    await page.goto(`${t.baseUrl}/tasks?agency=SKHDT&sort=title`);
    const expected = await apiList('agency=SKHDT&sort=title&size=100');
    await page
      .getByTestId('list-total')
      .filter({ hasText: `Tổng số: ${expected.total} nhiệm vụ` })
      .waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toBe('danh-sach-nhiem-vu-2024-06-30.csv');
    const lines = fs
      .readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].startsWith('STT,Nhiệm vụ,Văn bản chỉ đạo,Ngày ban hành,Cơ quan chủ trì')).toBe(
      true,
    );
    expect(lines).toHaveLength(expected.total + 1);
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(
      expected.items.map((i) => i.title),
    );
    for (const line of lines.slice(1)) expect(line).toContain('Sở Kế hoạch và Đầu tư');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('danh-sach-nhiem-vu-2024-06-30.xlsx');
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(3 + expected.total);
    expect(sheet.getRow(2).getCell(1).text).toContain('Cơ quan: Sở Kế hoạch và Đầu tư');
    expect(sheet.getRow(4).getCell(2).text).toBe(expected.items[0].title);
  });

  it("tracking office: overdue badges in its queue, and the queue's whole list one click away", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await logInAs(page, t.baseUrl, 'tracker', passwordOf('tracker'));
    await page.getByTestId('menu-tracking').click();
    const queue = page.getByTestId('urge-table-row');
    await queue.first().waitFor();
    expect(await queue.count()).toBe(await queue.getByTestId('overdue-badge').count());
    await shot(page, 'task-list-tracking-queue');
    await page.getByTestId('urge-table-full-list').click();
    await page.waitForURL(/\/tasks\?view=overdue/);
    const overdue = await apiList('class=not_done_overdue');
    await page
      .getByTestId('list-total')
      .filter({ hasText: `Tổng số: ${overdue.total} nhiệm vụ` })
      .waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
  });

  it('prints the list without menus or filters, with its title, filters in words and the date', async () => {
    const page = await asLeader();
    await page.goto(`${t.baseUrl}/tasks?view=overdue&agency=STC`);
    await page.getByTestId('list-total').waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['menus', 'list-filters', 'export-xlsx', 'print', 'pager']) {
      expect({ hidden, visible: await page.getByTestId(hidden).isVisible() }).toEqual({
        hidden,
        visible: false,
      });
    }
    await page.getByTestId('list-title').filter({ hasText: 'Nhiệm vụ quá hạn' }).waitFor();
    await page
      .getByTestId('list-filters-words')
      .filter({ hasText: 'Cơ quan: Sở Tài chính' })
      .waitFor();
    expect(await page.getByTestId('list-printed-on').isVisible()).toBe(true);
    expect(await page.getByTestId('list-printed-on').textContent()).toBe('In ngày 30/06/2024');
    expect(await page.getByTestId('task-table').isVisible()).toBe(true);
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'task-list-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('list-printed-on').isVisible()).toBe(false);
  });

  it('prints every row of the list as filtered, not only the page on screen, then shows the page again', async () => {
    const page = await asLeader();
    await page.goto(`${t.baseUrl}/tasks?view=all`);
    await page.getByTestId('list-total').filter({ hasText: 'Tổng số: 150 nhiệm vụ' }).waitFor();
    expect(await page.getByTestId('task-table-row').count()).toBe(25);
    // The browser's print dialog is not ours to drive: count the calls instead.
    // Strings: the test's TypeScript knows no DOM.
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; }');
    await page.getByTestId('print').click();
    await page
      .getByTestId('list-printed-rows')
      .filter({ hasText: 'Bản in gồm toàn bộ 150 nhiệm vụ của danh sách.' })
      .waitFor({ state: 'attached' });
    expect(await page.getByTestId('task-table-row').count()).toBe(150);
    expect(await page.evaluate('window.printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('list-printed-rows').isVisible()).toBe(true);
    expect(await page.getByTestId('task-table-row').last().textContent()).toContain('150');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    await page.getByTestId('list-printed-rows').waitFor({ state: 'detached' });
    expect(await page.getByTestId('task-table-row').count()).toBe(25);
  });
});
