/**
 * Every screen of every role, on a province with tasks in each state, speaks in words (issue 17):
 * no raw id, ISO date or timestamp, English event name, field path or JSON reaches a Vietnamese
 * user. The screens' own suites check the screens as they act on them; this one walks them all.
 */
import type { Page } from 'playwright-core';
import { ADMIN } from '../../apps/api/test/support/test-app';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { keyedTaskSteps, registerDirective } from '../../apps/api/test/support/task-steps';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot, type WebApp } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

const NOW = '2024-07-02T02:00:00Z';

const ROLES = {
  leader: ['leader', passwordOf('leader')],
  tracker: ['tracker', passwordOf('tracker')],
  staff: ['stafftttt', passwordOf('staffTTTT')],
  auditor: ['auditor', passwordOf('auditor')],
  admin: [ADMIN.username, ADMIN.password],
} as const;

/** Screens each role opens from its menus (apps/web/src/auth/menus.ts), and list views. */
const SCREENS: Record<keyof typeof ROLES, string[]> = {
  leader: ['/', '/directives', '/tasks', '/tasks?view=overdue', '/reports'],
  tracker: [
    '/',
    '/directives',
    '/tracking',
    '/tasks?view=awaiting',
    '/tasks?view=due-soon',
    '/reminder-settings',
    '/imports',
  ],
  staff: ['/my-tasks', '/tasks', '/tasks?view=agency', '/account'],
  auditor: ['/reports', '/audit'],
  admin: ['/audit', '/users', '/account', '/reminder-settings'],
};

describeWithChromium('words, not codes, on every screen', (executablePath) => {
  const ids: Record<string, string> = {};
  let directiveId = '';
  const suite = browserSuite(executablePath, {
    now: NOW,
    seed: async (t: WebApp) => {
      const p = await seedProvince(t);
      const steps = keyedTaskSteps(() => ({ t, p }), ids);
      directiveId = await registerDirective(t, p, {
        reference: '12/KH-UBND',
        issuedOn: '2024-05-02',
        title: 'Kế hoạch chuyển đổi số năm 2024',
      });
      // Done on time, done late, overdue, within its deadline: one task of each class.
      await steps.assign(directiveId, 'A', 'STTTT', '2024-05-06', '2024-06-14');
      await steps.assign(directiveId, 'B', 'STTTT', '2024-05-06', '2024-05-31');
      await steps.assign(directiveId, 'C', 'STTTT', '2024-05-06', '2024-06-20');
      await steps.assign(directiveId, 'D', 'STC', '2024-05-06', '2024-09-30');
      await steps.complete('A', '2024-06-10', '2024-06-11', '2024-06-12');
      await steps.complete('B', '2024-06-05', '2024-06-06', '2024-06-07');
    },
  });

  async function walk(role: keyof typeof ROLES, paths: string[]): Promise<Page> {
    // Its own browser, whose today is the server's: screens pick their default period from it.
    const page = await suite.newPage();
    const [username, password] = ROLES[role];
    await logInAs(page, suite.t.baseUrl, username, password);
    for (const path of paths) {
      await page.goto(`${suite.t.baseUrl}${path}`);
      await page.getByTestId('current-user').waitFor();
      // The screen's data, not its loading line.
      await page.waitForLoadState('networkidle');
      if (/^\/tasks\/[0-9a-f-]{36}$/.test(path)) {
        await page.getByTestId('task-title').filter({ hasText: 'Nhiệm vụ' }).waitFor();
      }
      // Charts arrive in a chunk of their own: wait for every loading line to go (a screen
      // stuck loading fails here on the timeout).
      await page.waitForFunction("!document.body.innerText.includes('Đang tải')", undefined, {
        timeout: 15_000,
      });
      expect({ role, path, codes: await codesOnScreen(page) }).toEqual({ role, path, codes: [] });
    }
    return page;
  }

  it.each(Object.keys(ROLES) as (keyof typeof ROLES)[])('the screens of the %s', async (role) => {
    const page = await walk(role, SCREENS[role]);
    await shot(page, `words-${role}`);
  });

  it('a task page and a directive page, for the leader and the agency', async () => {
    const leader = await walk('leader', [
      `/tasks/${ids.B}`,
      `/directives/${directiveId}`,
      `/tasks/${ids.C}`,
    ]);
    // Overdue shows on the task page too: deadline 20/06/2024, today 02/07/2024.
    await leader.getByTestId('overdue-badge').filter({ hasText: 'Quá hạn 12 ngày' }).waitFor();
    await walk('staff', [`/tasks/${ids.A}`, `/tasks/${ids.C}`]);
  });

  it('a row that opens something is reached with Tab and opened with Enter', async () => {
    const page = await walk('leader', ['/']);
    const row = page
      .getByTestId('agency-table')
      .getByTestId('agency-table-row')
      .filter({ hasText: 'Sở Thông tin và Truyền thông' })
      .first();
    await row.focus();
    await page.keyboard.press('Enter');
    await page
      .getByTestId('screen-tasks')
      .filter({ hasText: 'Cơ quan: Sở Thông tin và Truyền thông' })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('agency')).toBe('STTTT');
  });
});
