/**
 * Issue 17, part B in Debian's Chromium against the real API: a dashboard tile opens the list
 * behind it, a directive has its own page (document, tasks, figures; withdrawal offered only to
 * whom the server allows it), and report periods are picked, previewed with their dates, and
 * taken up to today while they run. Every screen speaks in words (codesOnScreen).
 *
 * Monday 20/07/2024 at 09:00 in Hà Nội, in a province where the 30/KH-UBND plan assigned four
 * tasks in April: A (Sở TT&TT) done on time, B (Sở Tài chính) overdue since 15/05, C and D within
 * their deadlines.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordOf, seedProvince, type Province } from '../../apps/api/test/support/province';
import { keyedTaskSteps, registerDirective } from '../../apps/api/test/support/task-steps';
import { describeWithChromium, launchChromium } from './support/chromium-test-env';
import { logInAs, shot, startWebApp, type WebApp } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

const NOW = '2024-07-20T02:00:00Z';

describeWithChromium('figures, directive page and report periods in Chromium', (executable) => {
  let browser: Browser;
  let t: WebApp;
  let p: Province;
  let directiveId: string;
  let mistakeId: string;
  const ids: Record<string, string> = {};
  const contexts: BrowserContext[] = [];
  const { assign, complete } = keyedTaskSteps(() => ({ t, p }), ids);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebApp({ now: NOW }), launchChromium(executable)]);
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
    mistakeId = await registerDirective(t, p, {
      reference: '31/KH-UBND',
      issuedOn: '2024-07-01',
      title: 'Văn bản nhập nhầm',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function as(login: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await logInAs(page, t.baseUrl, login, password);
    return page;
  }
  const leader = () => as('leader', passwordOf('leader'));

  it('a dashboard tile opens the list of exactly the tasks it counts', async () => {
    const page = await leader();
    const period = page.getByTestId('stats-period');
    await period.getByTestId('stats-period-total').filter({ hasText: '4' }).waitFor();
    await period
      .getByTestId('stats-period-overdueShare')
      .filter({ hasText: '25%' })
      .filter({ hasText: '(1/4)' })
      .waitFor();
    // Agencies by name in the table, never their codes.
    await page
      .getByTestId('agency-table-row')
      .filter({ hasText: 'Sở Tài chính' })
      .filter({ hasText: '50%' })
      .waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'figures-dashboard');

    const tile = period.getByTestId('stats-period-notDoneOverdue');
    await tile.filter({ hasText: '1' }).waitFor();
    await tile.click();
    await page.getByTestId('screen-tasks').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/tasks');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      class: 'not_done_overdue',
      from: '2024-01-01',
      to: '2024-07-20',
      at: '2024-07-20',
    });

    // A rate opens the tasks of its numerator: "25% (1/4)" opens the one done.
    await page.goBack();
    await page.getByTestId('stats-period-rateDoneOfAssigned').click();
    await page.getByTestId('screen-tasks').waitFor();
    expect(new URL(page.url()).searchParams.get('class')).toBe(
      'done_on_time,done_late,done_no_deadline',
    );

    // "Tính đến hôm nay" counts every task assigned up to today, at today.
    await page.goBack();
    await page.getByTestId('stats-today-notDoneOverdue').click();
    await page.getByTestId('screen-tasks').waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({
      class: 'not_done_overdue',
      to: '2024-07-20',
      at: '2024-07-20',
    });

    // An agency's row opens that agency's tasks of the period.
    await page.goBack();
    await page.getByTestId('agency-table-row').filter({ hasText: 'Sở Tài chính' }).click();
    await page.getByTestId('screen-tasks').waitFor();
    expect(new URL(page.url()).searchParams.get('agency')).toBe('STC');
  });

  it('a directive has its page: the document, its tasks by name and date, its figures', async () => {
    const page = await leader();
    await page.getByTestId('menu-directives').click();
    await page.getByTestId('directive-link').filter({ hasText: '30/KH-UBND' }).click();
    await page.getByTestId('screen-directive').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/directives/${directiveId}`);

    const doc = page.getByTestId('directive-document');
    await doc.getByTestId('directive-reference').filter({ hasText: '30/KH-UBND' }).waitFor();
    expect(await doc.getByTestId('directive-issued-on').textContent()).toBe('01/04/2024');
    expect(await doc.getByTestId('directive-issuer').textContent()).toBe('UBND tỉnh Hà Tĩnh');
    expect(await doc.getByTestId('directive-status').textContent()).toBe('Đang có hiệu lực');

    const tasks = page.getByTestId('directive-tasks-row');
    await tasks.first().waitFor();
    expect(await tasks.count()).toBe(4);
    const b = tasks.filter({ hasText: 'Nhiệm vụ B' });
    await b.filter({ hasText: 'Sở Tài chính' }).filter({ hasText: '15/05/2024' }).waitFor();
    // 20/07 − 15/05 = 66 days overdue, from the API's classification at today.
    expect(await b.getByTestId('days-overdue').textContent()).toBe('66');
    await tasks
      .filter({ hasText: 'Nhiệm vụ A' })
      .filter({ hasText: 'Sở Thông tin và Truyền thông' })
      .waitFor();

    await page
      .getByTestId('directive-figures-line')
      .filter({ hasText: 'Hoàn thành 1/4 nhiệm vụ, đạt 25%' })
      .waitFor();
    // Its tasks are open: nobody is offered withdrawal.
    expect(await page.getByTestId('directive-withdraw').count()).toBe(0);
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'directive-page');

    // Its figures link to its list too.
    await page.getByTestId('directive-stats-notDoneOverdue').click();
    await page.getByTestId('screen-tasks').waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({
      class: 'not_done_overdue',
      directive: directiveId,
      at: '2024-07-20',
    });
  });

  it('withdrawal is offered only to the body the server allows, and done from the page', async () => {
    const department = await as('leadertttt', passwordOf('leaderTTTT'));
    await department.goto(`${t.baseUrl}/directives/${mistakeId}`);
    await department.getByTestId('directive-reference').waitFor();
    await department.getByTestId('directive-no-tasks').waitFor();
    expect(await department.getByTestId('directive-withdraw').count()).toBe(0);

    const page = await leader();
    await page.goto(`${t.baseUrl}/directives/${mistakeId}`);
    await page.getByTestId('directive-withdraw').click();
    await page.getByTestId('directive-withdraw-reason').fill('Nhập nhầm văn bản của Sở');
    await page.getByTestId('directive-withdraw-confirm').click();
    await page.getByTestId('directive-status').filter({ hasText: 'Đã rút (nhập nhầm)' }).waitFor();
    expect(await page.getByTestId('directive-withdraw').count()).toBe(0);
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'directive-withdrawn');
  });

  it('report periods are picked and previewed with their dates; the running one up to today', async () => {
    const page = await as('tracker', passwordOf('tracker'));
    await page.getByTestId('menu-reports').click();
    const preview = page.getByTestId('report-period-preview');

    await page.getByTestId('report-period-type').selectOption('quarter');
    await page.getByTestId('report-year').selectOption('2024');
    await page.getByTestId('report-quarter').selectOption('2');
    await preview
      .filter({ hasText: 'quý II năm 2024, từ ngày 01/04/2024 đến ngày 30/06/2024' })
      .waitFor();

    await page.getByTestId('report-period-type').selectOption('month');
    await page.getByTestId('report-month').selectOption('2');
    await preview.filter({ hasText: 'từ ngày 01/02/2024 đến ngày 29/02/2024' }).waitFor();

    await page.getByTestId('report-period-type').selectOption('first_half');
    await preview.filter({ hasText: 'từ ngày 01/01/2024 đến ngày 30/06/2024' }).waitFor();

    await page.getByTestId('report-period-type').selectOption('range');
    await page.getByTestId('report-from').fill('2024-03-01');
    await page.getByTestId('report-to').fill('2024-03-31');
    await preview.filter({ hasText: 'từ ngày 01/03/2024 đến ngày 31/03/2024' }).waitFor();

    // Quý II/2024, taken: agencies by name, the share beside the rates.
    await page.getByTestId('report-period-type').selectOption('quarter');
    await page.getByTestId('report-quarter').selectOption('2');
    await preview.filter({ hasText: 'từ ngày 01/04/2024 đến ngày 30/06/2024' }).waitFor();
    await page.getByTestId('report-take').click();
    const view = page.getByTestId('report-view');
    await view.getByTestId('report-title').filter({ hasText: 'quý II năm 2024' }).waitFor();
    await view.getByTestId('report-stats-overdueShare').filter({ hasText: '25%' }).waitFor();
    await view.getByTestId('report-agencies-row').filter({ hasText: 'Sở Tài chính' }).waitFor();
    await view.getByTestId('report-text').filter({ hasText: 'Sở Tài chính' }).waitFor();
    await page.getByTestId('report-table-row').filter({ hasText: 'Quý II/2024' }).waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'report-quarter');

    // The quarter still running: taken from its first day up to today.
    await page.getByTestId('report-quarter').selectOption('3');
    await preview
      .filter({ hasText: 'báo cáo tính đến hôm nay, từ ngày 01/07/2024 đến ngày 20/07/2024' })
      .waitFor();
    await page.getByTestId('report-take').click();
    await view
      .getByTestId('report-title')
      .filter({ hasText: 'quý III năm 2024, tính đến ngày 20/07/2024' })
      .waitFor();
    await view
      .getByTestId('report-text')
      .filter({ hasText: 'Trong quý III năm 2024, tính đến ngày 20/07/2024, UBND tỉnh Hà Tĩnh' })
      .waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'report-up-to-today');

    // A period not begun is refused in words.
    await page.getByTestId('report-quarter').selectOption('4');
    await page.getByTestId('form-error').filter({ hasText: 'chưa có số liệu' }).waitFor();
  });
});
