/**
 * The web app in Debian's Chromium against the real API: each role logs in through the login
 * page and does its screens' main actions, one working week of a small province (the tests run
 * in order and share its story). The server's clock and the browser's are set to the same
 * business day, so "today" means the same on both sides.
 */
import * as fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN } from '../../apps/api/test/support/test-app';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { describeWithChromium, launchChromium } from './support/chromium-test-env';
import { logInAs, shot, startWebApp, type WebApp } from './support/web-app';

const ALL_MENUS = [
  'dashboard',
  'directives',
  'my-tasks',
  'tracking',
  'tasks',
  'imports',
  'reports',
  'audit',
  'users',
  'reminder-settings',
];

// docs/web.md "Roles → menus", with the login each seeded user has.
const ROLES = {
  leader: {
    login: ['leader', passwordOf('leader')],
    menus: ['dashboard', 'directives', 'tasks', 'imports', 'reports'],
  },
  tracker: {
    login: ['tracker', passwordOf('tracker')],
    menus: [
      'dashboard',
      'directives',
      'tracking',
      'tasks',
      'imports',
      'reports',
      'reminder-settings',
    ],
  },
  staff: { login: ['stafftttt', passwordOf('staffTTTT')], menus: ['my-tasks', 'tasks'] },
  auditor: { login: ['auditor', passwordOf('auditor')], menus: ['reports', 'audit'] },
  // An administrator reads no tasks (the API refuses): the log's audit only.
  admin: {
    login: [ADMIN.username, ADMIN.password],
    menus: ['audit', 'users', 'reminder-settings'],
  },
} as const;
type Role = keyof typeof ROLES;

// 09:00 in Hà Nội on each business day of the story.
const DAY = {
  assign: '2024-06-03T02:00:00Z',
  work: '2024-06-04T02:00:00Z',
  track: '2024-06-05T02:00:00Z',
  afterQuarter: '2024-07-02T02:00:00Z',
};

const TASKS = [
  { title: 'Triển khai chữ ký số', agency: 'STTTT', deadline: '2024-06-20' },
  { title: 'Báo cáo chuyển đổi số', agency: 'STTTT', deadline: '2024-06-21' },
  { title: 'Nâng cấp cổng dịch vụ công', agency: 'STTTT', deadline: '2024-06-24' },
  { title: 'Rà soát hạ tầng mạng', agency: 'STTTT', deadline: '2024-06-25' },
  { title: 'Bố trí kinh phí', agency: 'STC', deadline: '2024-06-04' },
];
const [CONFIRMED, RETURNED, APPROVED, REJECTED, OVERDUE] = TASKS.map((task) => task.title);

describeWithChromium('web app screens in Chromium', (executablePath) => {
  let browser: Browser;
  let t: WebApp;
  let now = DAY.assign;
  const contexts: BrowserContext[] = [];
  // Chromium reports what the Content-Security-Policy blocked on the console: none is allowed.
  const cspViolations: string[] = [];
  const taskIds: Record<string, string> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebApp({ now }), launchChromium(executablePath)]);
    await seedProvince(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(cspViolations.splice(0)).toEqual([]);
  });

  /** Server and browser on the same instant. */
  function setDay(iso: string): void {
    now = iso;
    t.clock.set(iso);
  }

  /** A fresh browser session logged in as the role, its menus checked. */
  async function as(role: Role, device: 'laptop' | 'phone' = 'laptop'): Promise<Page> {
    const context = await browser.newContext(
      device === 'phone'
        ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } },
    );
    contexts.push(context);
    await context.clock.setFixedTime(new Date(now));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    const [username, password] = ROLES[role].login;
    await logInAs(page, t.baseUrl, username, password);
    for (const menu of ALL_MENUS) {
      const expected = (ROLES[role].menus as readonly string[]).includes(menu) ? 1 : 0;
      expect({ menu, count: await page.getByTestId(`menu-${menu}`).count() }).toEqual({
        menu,
        count: expected,
      });
    }
    return page;
  }

  const row = (page: Page, table: string, title: string) =>
    page.getByTestId(`${table}-row`).filter({ hasText: title });

  /** What a click downloads: the name the browser suggests and the bytes it saved. */
  async function downloaded(
    page: Page,
    click: () => Promise<void>,
  ): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    expect(await download.failure()).toBeNull();
    return {
      name: download.suggestedFilename(),
      bytes: fs.readFileSync(await download.path()),
    };
  }

  /** Opens an action's form in `scope`, fills it, submits, and waits for the form to close. */
  async function act(
    page: Page,
    scope: ReturnType<Page['getByTestId']>,
    action: string,
    fields: Record<string, string> = {},
  ): Promise<void> {
    await scope.getByTestId(`action-${action}`).click();
    const form = page.getByTestId(`action-form-${action}`);
    for (const [name, value] of Object.entries(fields)) {
      await form.getByTestId(`action-field-${name}`).fill(value);
    }
    await form.getByTestId('action-submit').click();
    await form.waitFor({ state: 'detached' });
  }

  it('lands each role on its first screen with only its menus', async () => {
    const firstScreen: Record<Role, string> = {
      leader: 'dashboard',
      tracker: 'dashboard',
      staff: 'my-tasks',
      auditor: 'reports',
      admin: 'audit',
    };
    for (const role of Object.keys(ROLES) as Role[]) {
      const page = await as(role);
      await page.getByTestId(`screen-${firstScreen[role]}`).waitFor();
    }
  });

  it('tracker enters a directive, sees a wrong reference refused by the field, assigns its tasks', async () => {
    const page = await as('tracker');
    await page.getByTestId('menu-directives').click();
    const reference = page.getByTestId('directive-reference-field');
    await page.getByTestId('directive-reference').fill('31CT-UBND');
    await reference.getByTestId('field-error').filter({ hasText: 'thiếu dấu "/"' }).waitFor();
    await page.getByTestId('directive-reference').fill('31/CT-UBND');
    expect(await reference.getByTestId('field-error').count()).toBe(0);
    await page.getByTestId('directive-issued-on').fill('2024-06-01');
    await page.getByTestId('directive-issuer').fill('Chủ tịch UBND tỉnh');
    await page.getByTestId('directive-title').fill('Chỉ thị về đẩy mạnh chuyển đổi số');
    await page.getByTestId('directive-register').click();

    const grid = page.getByTestId('assign-grid');
    await grid.filter({ hasText: '31/CT-UBND' }).waitFor();
    for (const [index, task] of TASKS.entries()) {
      if (index > 0) await grid.getByTestId('assign-add-row').click();
      const line = grid.getByTestId('assign-row').nth(index);
      await line.getByTestId('assign-title').fill(task.title);
      await line.getByTestId('assign-agency').selectOption(task.agency);
      await line.getByTestId('assign-deadline').fill(task.deadline);
    }
    await grid.getByTestId('assign-row').first().getByTestId('assign-key').check();
    await shot(page, 'directives');
    await grid.getByTestId('assign-submit').click();
    await grid.getByTestId('assign-done').waitFor();
    await row(page, 'directive-table', '31/CT-UBND').waitFor();

    const tracker = await t.login('tracker', passwordOf('tracker'));
    const list = await t.http
      .get('/api/tasks?limit=100')
      .set({ Authorization: `Bearer ${tracker}` });
    for (const task of list.body.items) taskIds[task.title] = task.id;
    expect(Object.keys(taskIds).sort()).toEqual(TASKS.map((task) => task.title).sort());
  });

  it('staff receive their tasks, report progress, ask for deadline changes, report completions', async () => {
    setDay(DAY.work);
    const page = await as('staff');
    await page.getByTestId('screen-my-tasks').waitFor();
    // Only the agency's own tasks: STC's is not in the inbox.
    for (const title of [CONFIRMED, RETURNED, APPROVED, REJECTED]) {
      await act(page, row(page, 'inbox-table', title), 'receive');
      await row(page, 'working-table', title).waitFor();
    }
    expect(await row(page, 'inbox-table', OVERDUE).count()).toBe(0);

    await act(page, row(page, 'working-table', CONFIRMED), 'progress', {
      percent: '50',
      note: 'Đã cấp 200 chứng thư số',
    });
    for (const title of [APPROVED, REJECTED]) {
      await act(page, row(page, 'working-table', title), 'deadline-change', {
        proposedDeadline: '2024-07-15',
        reason: 'Chờ nhà cung cấp bàn giao thiết bị',
      });
    }
    for (const title of [CONFIRMED, RETURNED]) {
      await act(page, row(page, 'working-table', title), 'completion', {
        completedOn: '2024-06-04',
        resultDocument: '45/BC-STTTT',
      });
      await row(page, 'working-table', title).waitFor({ state: 'detached' });
    }
    await shot(page, 'my-tasks');
  });

  it('staff on a phone: the menu opens from its button, tables scroll inside the page', async () => {
    const page = await as('staff', 'phone');
    await page.getByTestId('screen-my-tasks').waitFor();
    await page.getByTestId('menu-tasks').waitFor({ state: 'hidden' });
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-tasks').click();
    await row(page, 'task-table', APPROVED).waitFor();
    // Nothing wider than the phone: a wide table scrolls in its own box, not the page.
    const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
    expect((widths as number[])[0]).toBeLessThanOrEqual((widths as number[])[1]);
    await row(page, 'task-table', APPROVED).getByTestId('task-link').click();
    await act(page, page.getByTestId('screen-task-detail'), 'progress', {
      percent: '30',
      note: 'Báo cáo từ điện thoại',
    });
    await page.getByTestId('task-fields').filter({ hasText: '30%' }).waitFor();
    await shot(page, 'phone-task-detail');
  });

  it('tracker confirms one completion, returns another, decides the deadline changes, urges', async () => {
    setDay(DAY.track);
    const page = await as('tracker');
    await page.getByTestId('menu-tracking').click();
    await act(page, row(page, 'awaiting-table', CONFIRMED), 'confirm');
    await row(page, 'awaiting-table', CONFIRMED).waitFor({ state: 'detached' });
    await act(page, row(page, 'awaiting-table', RETURNED), 'return', {
      reason: 'Thiếu số liệu quý II',
    });
    await page.getByTestId('awaiting-table-empty').waitFor();
    // STC has not even received its task due yesterday.
    await act(page, row(page, 'urge-table', OVERDUE), 'urge', {
      message: 'Đề nghị Sở Tài chính khẩn trương thực hiện',
    });
    // Both requests wait in the queue with the date asked for.
    const requests = (title: string) => row(page, 'requests-table', title);
    await requests(APPROVED).filter({ hasText: '15/07/2024' }).waitFor();
    await requests(REJECTED).filter({ hasText: 'Chờ nhà cung cấp' }).waitFor();
    await shot(page, 'tracking');
    await act(page, requests(APPROVED), 'approve', { newDeadline: '2024-07-10' });
    await requests(APPROVED).waitFor({ state: 'detached' });

    // The other is decided from the task's page, where the request is shown too.
    await requests(REJECTED).getByTestId('task-link').click();
    await page.getByTestId('pending-request').filter({ hasText: '15/07/2024' }).waitFor();
    await act(page, page.getByTestId('screen-task-detail'), 'reject', {
      reason: 'Không có căn cứ gia hạn',
    });
    await page.getByTestId('pending-request').waitFor({ state: 'detached' });

    await page.goto(`${t.baseUrl}/tasks/${taskIds[APPROVED]}`);
    await page.getByTestId('task-fields').filter({ hasText: '10/07/2024' }).waitFor();
    await page.getByTestId('menu-tracking').click();
    await page.getByTestId('requests-table-empty').waitFor();
  });

  it('task detail shows every field and the timeline from the log', async () => {
    const page = await as('staff');
    await page.goto(`${t.baseUrl}/tasks/${taskIds[CONFIRMED]}`);
    await page.getByTestId('task-title').filter({ hasText: CONFIRMED }).waitFor();
    await page.getByTestId('task-fields').filter({ hasText: '45/BC-STTTT' }).waitFor();
    // Each step in words, with who did it: the tracker assigned and confirmed, staff did the rest.
    const timeline = page.getByTestId('task-timeline-row');
    for (const [step, who] of [
      ['Giao nhiệm vụ', 'Chuyên viên Văn phòng UBND tỉnh'],
      ['Tiếp nhận', 'Chuyên viên Sở TT&TT'],
      ['Báo cáo tiến độ', 'Chuyên viên Sở TT&TT'],
      ['Báo cáo hoàn thành', 'Chuyên viên Sở TT&TT'],
      ['Xác nhận hoàn thành', 'Chuyên viên Văn phòng UBND tỉnh'],
    ]) {
      await timeline.filter({ hasText: step }).filter({ hasText: who }).first().waitFor();
    }
    expect(await timeline.count()).toBe(5);
    await shot(page, 'task-detail');
  });

  it('leader sees the figures on the dashboard and clicks through to an agency and a task', async () => {
    const page = await as('leader');
    const today = page.getByTestId('stats-today');
    await today.getByTestId('stats-today-total').filter({ hasText: '5' }).waitFor();
    // One of five assigned tasks done: 1/5.
    await today
      .getByTestId('stats-today-rateDoneOfAssigned')
      .filter({ hasText: '20' })
      .filter({ hasText: '(1/5)' })
      .waitFor();
    await page.getByTestId('overdue-table').filter({ hasText: OVERDUE }).waitFor();
    await page.getByTestId('trend-chart').waitFor();
    await shot(page, 'dashboard');

    // Agencies by name (issue 17); the row opens the list of the tasks it counts.
    await row(page, 'agency-table', 'Sở Thông tin và Truyền thông').first().click();
    await page
      .getByTestId('screen-tasks')
      .filter({ hasText: 'Cơ quan: Sở Thông tin và Truyền thông' })
      .waitFor();
    await row(page, 'task-table', REJECTED).waitFor();
    expect(await row(page, 'task-table', OVERDUE).count()).toBe(0);
    await shot(page, 'tasks');
    await row(page, 'task-table', APPROVED).getByTestId('task-link').click();
    await page.getByTestId('task-title').filter({ hasText: APPROVED }).waitFor();
    await page
      .getByTestId('task-timeline-row')
      .filter({ hasText: 'Đồng ý điều chỉnh thời hạn' })
      .waitFor();
  });

  it('leader takes a report snapshot, reads it, downloads the .xlsx and .docx and verifies it', async () => {
    setDay(DAY.afterQuarter);
    const page = await as('leader');
    await page.getByTestId('menu-reports').click();
    // Periods are picked, not typed (issue 17).
    await page.getByTestId('report-period-type').selectOption('quarter');
    await page.getByTestId('report-quarter').selectOption('2');
    await page.getByTestId('report-year').selectOption('2024');
    await page
      .getByTestId('report-period-preview')
      .filter({ hasText: 'từ ngày 01/04/2024 đến ngày 30/06/2024' })
      .waitFor();
    await page.getByTestId('report-take').click();
    const view = page.getByTestId('report-view');
    await view.getByTestId('report-text').waitFor();
    expect(await view.getByTestId('report-text').textContent()).toMatch(/\S/);
    await view.getByTestId('report-stats-total').filter({ hasText: '5' }).waitFor();

    // Both documents arrive whole: Office files are zip archives with their main part inside.
    for (const [button, extension, part] of [
      ['report-xlsx', 'xlsx', 'xl/workbook.xml'],
      ['report-docx', 'docx', 'word/document.xml'],
    ]) {
      const file = await downloaded(page, () => view.getByTestId(button).click());
      expect(file.name).toMatch(new RegExp(`\\.${extension}$`));
      expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(file.bytes.includes(Buffer.from(part))).toBe(true);
    }

    await view.getByTestId('report-verify').click();
    await view.getByTestId('report-verify-result').and(page.locator('.ok')).waitFor();
    await shot(page, 'reports');
  });

  it('auditor filters the events of a period in words, reads a task as of a date and as known at a time, checks integrity', async () => {
    const page = await as('auditor');
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-from').fill('2024-06-03');
    await page.getByTestId('audit-to').fill('2024-06-03');
    await page.getByTestId('audit-type').selectOption('TaskAssigned');
    await page.getByTestId('audit-show').click();
    const events = page.getByTestId('audit-events-table-row');
    await events.first().waitFor();
    expect(await events.count()).toBe(TASKS.length);
    expect(await events.filter({ hasNotText: 'Giao nhiệm vụ' }).count()).toBe(0);
    // The same filter as a spreadsheet: a BOM for Excel, a Vietnamese header, one line per event.
    const csv = await downloaded(page, () => page.getByTestId('audit-csv').click());
    expect(csv.name).toMatch(/\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(TASKS.length + 1);
    expect(lines[0]).toContain('Nội dung');
    expect(lines.slice(1).every((line) => line.includes('Giao nhiệm vụ'))).toBe(true);

    await page.getByTestId('audit-search-q').fill(CONFIRMED);
    await page.getByTestId('audit-search').click();
    await row(page, 'audit-found-tasks', CONFIRMED).click();
    await page.getByTestId('audit-as-of').fill('2024-06-03');
    await page.getByTestId('audit-travel-show').click();
    const result = page.getByTestId('audit-task-fields');
    await result.filter({ hasText: 'Đã giao' }).waitFor();

    await page.getByTestId('audit-as-of').fill('');
    await page.getByTestId('audit-known-date').fill('2024-06-04');
    await page.getByTestId('audit-known-time').fill('12:00');
    await page.getByTestId('audit-travel-show').click();
    await result.filter({ hasNotText: 'Đã giao' }).waitFor();

    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').and(page.locator('.ok')).waitFor();
    await shot(page, 'audit');
  });

  it('admin is sent to the audit from screens of other roles and checks the log', async () => {
    const page = await as('admin');
    for (const path of ['/', '/directives', '/reports']) {
      await page.goto(`${t.baseUrl}${path}`);
      await page.getByTestId('screen-audit').waitFor();
    }
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').and(page.locator('.ok')).waitFor();
  });
});
