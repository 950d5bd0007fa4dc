/**
 * The task page's actions in Debian's Chromium against the real API (issue 17, part C): each
 * leader and tracking-office action from the screen, confirmed in words; staff still see a task
 * after reporting it done ("chờ xác nhận"); a returned task shows its reason; urges received
 * are shown to the agency; a grid with two bad rows shows each message under its field; dates
 * read dd/mm/yyyy in a Chromium set to en-US; at 390 × 844 nothing is wider than the screen.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { passwordOf, seedProvince, type Province } from '../../apps/api/test/support/province';
import { describeWithChromium, launchChromium } from './support/chromium-test-env';
import { logInAs, shot, startWebApp, type WebApp } from './support/web-app';
import { codesIn, codesOnScreen } from './support/words-not-codes';

const NOW = '2024-06-04T02:00:00Z'; // 09:00 in Hà Nội on 04/06/2024

const LOGINS = {
  leader: ['leader', passwordOf('leader')],
  tracker: ['tracker', passwordOf('tracker')],
  staff: ['stafftttt', passwordOf('staffTTTT')],
} as const;
type Who = keyof typeof LOGINS;

const TITLES = {
  report: 'Báo cáo kết quả chuyển đổi số',
  reassign: 'Rà soát thủ tục hành chính',
  hold: 'Nâng cấp trung tâm dữ liệu',
  cancel: 'Tổ chức hội nghị chuyên đề',
} as const;

describeWithChromium('task actions in Chromium', (executablePath) => {
  let browser: Browser;
  let t: WebApp;
  let p: Province;
  const ids: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebApp({ now: NOW }), launchChromium(executablePath)]);
    p = await seedProvince(t);
    const directive = await t.http
      .post('/api/directives')
      .set(p.headers('leader'))
      .send({
        reference: '24/CTr-UBND',
        issuedOn: '2024-06-01',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Chương trình chuyển đổi số năm 2024',
      })
      .expect(201);
    const { body } = await t.http
      .post(`/api/directives/${directive.body.id}/tasks`)
      .set(p.headers('leader'))
      .send({
        tasks: Object.values(TITLES).map((title) => ({
          title,
          leadAgency: 'STTTT',
          deadline: '2024-06-28',
          occurredOn: '2024-06-03',
        })),
      })
      .expect(201);
    for (const task of body.tasks as { id: string; title: string }[]) ids[task.title] = task.id;
    await t.http
      .post(`/api/tasks/${ids[TITLES.hold]}/receive`)
      .set(p.headers('staffTTTT'))
      .send({})
      .expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A browser session as `who`; en-US on purpose: dates must still read dd/mm/yyyy. */
  async function as(who: Who, device: 'laptop' | 'phone' = 'laptop'): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-US',
      ...(device === 'phone'
        ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } }),
    });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const [username, password] = LOGINS[who];
    await logInAs(page, t.baseUrl, username, password);
    return page;
  }

  const openTask = async (page: Page, title: string) => {
    await page.goto(`${t.baseUrl}/tasks/${ids[title]}`);
    await page.getByTestId('task-title').filter({ hasText: title }).waitFor();
  };

  /** Opens an action's form, fills it (dates typed dd/mm/yyyy), submits; the form stays open. */
  async function submit(
    page: Page,
    scope: Locator,
    action: string,
    fields: Record<string, string> = {},
  ): Promise<Locator> {
    await scope.getByTestId(`action-${action}`).click();
    const form = page.getByTestId(`action-form-${action}`);
    for (const [name, value] of Object.entries(fields)) {
      const field = form.getByTestId(`action-field-${name}`);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') {
        const many = await field.evaluate(
          (el) => (el as unknown as { multiple: boolean }).multiple,
        );
        await field.selectOption(many ? value.split(',') : value);
      } else await field.fill(value);
    }
    await form.getByTestId('action-submit').click();
    return form;
  }

  /** The same, then the sentence confirming it. */
  async function act(
    page: Page,
    action: string,
    fields: Record<string, string>,
    confirmation: string,
  ): Promise<void> {
    const form = await submit(page, page.getByTestId('screen-task-detail'), action, fields);
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('action-success').filter({ hasText: confirmation }).waitFor();
  }

  /** The actions the page offers, by their test ids. */
  const offered = async (page: Page) =>
    (
      await page
        .getByTestId('screen-task-detail')
        .locator('[data-testid^="action-"]:not([data-testid="action-success"])')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))
    ).sort();

  /**
   * Codes on the task page, apart from the timeline (part D of issue 17 turns it into sentences
   * in TaskTimeline.tsx; until then its details still name fields).
   */
  const codesOnTaskPage = async (page: Page) =>
    codesIn(
      await page.evaluate<string>(`(() => {
        const timeline = document.querySelector('[data-testid="task-timeline"]');
        if (timeline) timeline.style.display = 'none';
        const text = document.body.innerText;
        if (timeline) timeline.style.display = '';
        return text;
      })()`),
    );

  it('staff receive, report completion, still see the task "chờ xác nhận", then the return reason', async () => {
    const page = await as('staff');
    await page.getByTestId('screen-my-tasks').waitFor();
    const inboxRow = page.getByTestId('inbox-table-row').filter({ hasText: TITLES.report });
    await inboxRow.getByTestId('action-receive').click();
    await page.getByTestId('action-form-receive').getByTestId('action-submit').click();
    await page.getByTestId('action-success').filter({ hasText: 'Đã tiếp nhận nhiệm vụ' }).waitFor();
    await page.getByTestId('working-table-row').filter({ hasText: TITLES.report }).waitFor();

    await openTask(page, TITLES.report);
    expect(await offered(page)).toEqual([
      'action-completion',
      'action-deadline-change',
      'action-progress',
      'action-refuse',
    ]);
    // An extension must go past the deadline in force (28/06/2024): said under the date.
    let form = await submit(page, page.getByTestId('screen-task-detail'), 'deadline-change', {
      proposedDeadline: '20/06/2024',
      reason: 'Chờ số liệu',
    });
    await form
      .getByTestId('action-field-proposedDeadline')
      .locator('xpath=ancestor::div[contains(@class,"field")][1]')
      .getByTestId('field-error')
      .filter({ hasText: 'phải sau thời hạn hiện hành (28/06/2024)' })
      .waitFor();
    await form.getByRole('button', { name: 'Hủy' }).click();

    // A result document that is not a number and symbol is refused under its field.
    form = await submit(page, page.getByTestId('screen-task-detail'), 'completion', {
      completedOn: '03/06/2024',
      resultDocument: 'Đã xong',
    });
    await form
      .getByTestId('field-error')
      .filter({ hasText: 'Số, ký hiệu văn bản "Đã xong" không hợp lệ' })
      .waitFor();
    // The picker writes the same dd/mm/yyyy, whatever the browser's language.
    await form
      .getByTestId('action-field-completedOn')
      .locator('xpath=..')
      .locator('input[type="date"]')
      .fill('2024-06-04');
    expect(await form.getByTestId('action-field-completedOn').inputValue()).toBe('04/06/2024');
    await form.getByTestId('action-field-resultDocument').fill('45/BC-STTTT');
    await form.getByTestId('action-submit').click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByTestId('action-success')
      .filter({ hasText: 'chờ văn phòng xác nhận' })
      .waitFor();
    await page.getByTestId('awaiting-note').filter({ hasText: '04/06/2024' }).waitFor();
    await page.getByTestId('task-fields').filter({ hasText: 'Chờ xác nhận hoàn thành' }).waitFor();
    expect(await offered(page)).toEqual([]);
    expect(await codesOnTaskPage(page)).toEqual([]);
    await shot(page, 'task-actions-awaiting');

    await page.getByTestId('menu-my-tasks').click();
    await page.getByTestId('awaiting-table-row').filter({ hasText: TITLES.report }).waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'task-actions-my-tasks');

    // The tracking office returns it; the agency reads why on the task.
    const tracker = await as('tracker');
    await openTask(tracker, TITLES.report);
    await act(tracker, 'return', { reason: 'Thiếu phụ lục số liệu quý II' }, 'Đã trả lại');
    await openTask(page, TITLES.report);
    await page
      .getByTestId('return-reason')
      .filter({ hasText: 'Thiếu phụ lục số liệu quý II' })
      .filter({ hasText: '04/06/2024' })
      .waitFor();
    expect(await offered(page)).toContain('action-completion');
    expect(await codesOnTaskPage(page)).toEqual([]);
    await shot(page, 'task-actions-returned');
  });

  it('leaders reassign, urge, hold, resume and cancel from the task page; the office urges; the agency sees it', async () => {
    const leader = await as('leader');
    await openTask(leader, TITLES.reassign);
    expect(await offered(leader)).toEqual([
      'action-cancel',
      'action-hold',
      'action-reassign',
      'action-urge',
    ]);
    await act(
      leader,
      'reassign',
      { leadAgency: 'STC', supportAgencies: 'SKHDT', reason: 'Đúng chức năng của Sở Tài chính' },
      'Đã giao lại nhiệm vụ',
    );
    await leader.getByTestId('task-fields').filter({ hasText: 'Sở Tài chính' }).waitFor();
    await leader.getByTestId('task-fields').filter({ hasText: 'Sở Kế hoạch và Đầu tư' }).waitFor();

    await openTask(leader, TITLES.hold);
    await act(leader, 'hold', { reason: 'Chờ chủ trương của Bộ' }, 'Đã tạm hoãn');
    // The page reloads the task after the action: its actions are read once it shows the hold.
    await leader.getByTestId('task-fields').filter({ hasText: 'Tạm hoãn' }).waitFor();
    expect(await offered(leader)).toEqual([
      'action-cancel',
      'action-reassign',
      'action-resume',
      'action-urge',
    ]);
    await act(leader, 'resume', { newDeadline: '15/07/2024' }, 'tiếp tục thực hiện');
    await leader.getByTestId('task-fields').filter({ hasText: '15/07/2024' }).waitFor();
    await shot(leader, 'task-actions-leader');

    await openTask(leader, TITLES.cancel);
    await act(leader, 'cancel', { reason: 'Đã lồng ghép vào nhiệm vụ khác' }, 'Đã hủy');
    await leader.getByTestId('task-fields').filter({ hasText: 'Đã hủy' }).waitFor();
    expect(await offered(leader)).toEqual([]);
    expect(await codesOnTaskPage(leader)).toEqual([]);

    const tracker = await as('tracker');
    await openTask(tracker, TITLES.hold);
    await act(
      tracker,
      'urge',
      { kind: 'no_report', message: 'Đề nghị báo cáo tiến độ trước ngày 10/06/2024' },
      'Đã gửi đôn đốc',
    );

    // Urges received are shown to the agency on its task.
    const staff = await as('staff');
    await openTask(staff, TITLES.hold);
    await staff
      .getByTestId('urges-received')
      .filter({ hasText: 'Nhắc báo cáo tiến độ' })
      .filter({ hasText: 'Đề nghị báo cáo tiến độ trước ngày 10/06/2024' })
      .waitFor();
    expect(await codesOnTaskPage(staff)).toEqual([]);
    await shot(staff, 'task-actions-urged');
    // ... and in the agency's own list.
    await staff.getByTestId('menu-my-tasks').click();
    await staff
      .getByTestId('working-table-row')
      .filter({ hasText: TITLES.hold })
      .getByTestId('urge-cell')
      .filter({ hasText: '1 lần, gần nhất 04/06/2024' })
      .waitFor();
    expect(await codesOnScreen(staff)).toEqual([]);
  });

  it('a grid with two bad rows shows each message under its field', async () => {
    const page = await as('tracker');
    await page.getByTestId('menu-directives').click();
    await page.getByTestId('directive-reference').fill('31/CT-UBND');
    await page.getByTestId('directive-issued-on').fill('03/06/2024');
    await page.getByTestId('directive-issuer').fill('Chủ tịch UBND tỉnh');
    await page.getByTestId('directive-title').fill('Chỉ thị về đẩy mạnh chuyển đổi số');
    await page.getByTestId('directive-register').click();
    const grid = page.getByTestId('assign-grid');
    await grid.filter({ hasText: '31/CT-UBND' }).waitFor();
    await grid.getByTestId('assign-row').first().getByTestId('assign-agency').selectOption('STTTT');
    await grid.getByTestId('assign-add-row').click();
    const second = grid.getByTestId('assign-row').nth(1);
    await second.getByTestId('assign-title').fill('Báo cáo sơ kết');
    await second.getByTestId('assign-deadline').fill('31/02/2024');
    await grid.getByTestId('assign-submit').click();

    const errorUnder = (row: Locator, testId: string) =>
      row
        .getByTestId(testId)
        .locator('xpath=ancestor::div[contains(@class,"field")][1]')
        .getByTestId('field-error');
    const first = grid.getByTestId('assign-row').first();
    await errorUnder(first, 'assign-title')
      .filter({ hasText: 'Nhiệm vụ thứ 1: Tên nhiệm vụ không được để trống' })
      .waitFor();
    await errorUnder(second, 'assign-agency')
      .filter({ hasText: 'Nhiệm vụ thứ 2: Cơ quan chủ trì không được để trống' })
      .waitFor();
    await errorUnder(second, 'assign-deadline')
      .filter({ hasText: 'Nhiệm vụ thứ 2: Thời hạn phải là một ngày có thật' })
      .waitFor();
    expect(await errorUnder(first, 'assign-agency').count()).toBe(0);
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'task-actions-grid-errors');

    // Corrected, with the supporting agencies and the leader in charge set on the grid.
    await first.getByTestId('assign-title').fill('Xây dựng kho dữ liệu dùng chung');
    await second.getByTestId('assign-agency').selectOption('STC');
    await second.getByTestId('assign-deadline').fill('30/09/2024');
    await second.locator('summary').click();
    await second.getByTestId('assign-support').selectOption(['SKHDT']);
    await second.getByTestId('assign-leader').fill('Phó Chủ tịch UBND tỉnh');
    await grid.getByTestId('assign-submit').click();
    await grid.getByTestId('assign-done').waitFor();
    const tasks = await t.http.get('/api/tasks?limit=100').set(p.headers('tracker'));
    expect(
      (tasks.body.items as { title: string }[]).find((task) => task.title === 'Báo cáo sơ kết'),
    ).toMatchObject({
      leadAgency: 'STC',
      supportAgencies: ['SKHDT'],
      leaderInCharge: 'Phó Chủ tịch UBND tỉnh',
      deadline: '2024-09-30',
    });
  });

  it('at 390 × 844 nothing is wider than the screen and every action is reachable', async () => {
    const widest = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth');
    const staff = await as('staff', 'phone');
    await staff.getByTestId('screen-my-tasks').waitFor();
    expect(await widest(staff)).toBeLessThanOrEqual(390);
    await openTask(staff, TITLES.hold);
    expect(await widest(staff)).toBeLessThanOrEqual(390);
    await staff.getByTestId('action-progress').click();
    const form = staff.getByTestId('action-form-progress');
    await form.getByTestId('action-submit').scrollIntoViewIfNeeded();
    expect(await widest(staff)).toBeLessThanOrEqual(390);
    await form.getByTestId('action-field-percent').fill('150');
    await form.getByTestId('action-field-note').fill('Cập nhật từ điện thoại');
    await form.getByTestId('action-submit').click();
    await form
      .getByTestId('field-error')
      .filter({ hasText: 'Tiến độ phải từ 0 đến 100 %' })
      .waitFor();
    expect(await widest(staff)).toBeLessThanOrEqual(390);
    await form.getByTestId('action-field-percent').fill('40');
    await form.getByTestId('action-submit').click();
    await staff.getByTestId('action-success').filter({ hasText: 'Đã cập nhật tiến độ' }).waitFor();
    expect(await codesOnTaskPage(staff)).toEqual([]);
    await shot(staff, 'task-actions-phone-task');

    const tracker = await as('tracker', 'phone');
    await tracker.goto(`${t.baseUrl}/tracking`);
    await tracker.getByTestId('screen-tracking').waitFor();
    expect(await widest(tracker)).toBeLessThanOrEqual(390);
    await tracker.goto(`${t.baseUrl}/directives`);
    await tracker.getByTestId('screen-directives').waitFor();
    expect(await widest(tracker)).toBeLessThanOrEqual(390);
    await openTask(tracker, TITLES.hold);
    for (const id of await offered(tracker)) {
      const button = tracker.getByTestId(id);
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    expect(await widest(tracker)).toBeLessThanOrEqual(390);
    await shot(tracker, 'task-actions-phone-tracker');
  });
});
