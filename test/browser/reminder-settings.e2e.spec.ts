/**
 * "Cài đặt nhắc việc" in Chromium against the real API: the provincial tracking office sees its
 * body's settings beside the deployment's, a value out of range is refused under its box in
 * Vietnamese (nothing written), a saved value is in force and in the log; in English the labels
 * are English; an administrator chooses another body by name.
 */
import type { Page } from 'playwright-core';
import { ADMIN } from '../../apps/api/test/support/test-app';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

describeWithChromium('reminder settings in Chromium', (executablePath) => {
  const suite = browserSuite(executablePath, {
    seed: (t) => seedProvince(t).then(() => undefined),
  });

  const headPosition = async (): Promise<number> =>
    (await suite.t.http.get('/ready').expect(200)).body.headPosition;
  const field = (page: Page, name: string) => page.getByTestId(`setting-${name}-field`);

  it('lets the tracking office set its body’s settings, refusing a value out of range', async () => {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, 'tracker', passwordOf('tracker'));
    await page.getByTestId('menu-reminder-settings').click();
    const form = page.getByTestId('reminder-settings-form');
    await form.filter({ hasText: 'Nhắc việc các nhiệm vụ do UBND tỉnh Hà Tĩnh giao' }).waitFor();
    await field(page, 'beforeDeadlineWorkingDays')
      .filter({ hasText: 'Số ngày làm việc nhắc trước thời hạn' })
      .filter({ hasText: 'Cài đặt chung: 3 · Đang áp dụng: 3' })
      .waitFor();

    const before = await headPosition();
    await page.getByTestId('setting-beforeDeadlineWorkingDays').fill('31');
    await page.getByTestId('reminder-settings-save').click();
    await field(page, 'beforeDeadlineWorkingDays')
      .getByTestId('field-error')
      .filter({ hasText: 'Số ngày làm việc nhắc trước thời hạn' })
      .waitFor();
    expect(await headPosition()).toBe(before);
    expect(await codesOnScreen(page)).toEqual([]);

    await page.getByTestId('setting-beforeDeadlineWorkingDays').fill('5');
    await page.getByTestId('setting-onDeadline').selectOption('false');
    await page.getByTestId('reminder-settings-save').click();
    await page
      .getByTestId('action-success')
      .filter({ hasText: 'Đã lưu cài đặt nhắc việc.' })
      .waitFor();
    expect(await headPosition()).toBe(before + 1);
    await field(page, 'beforeDeadlineWorkingDays')
      .filter({ hasText: 'Cài đặt chung: 3 · Đang áp dụng: 5' })
      .waitFor();
    await field(page, 'onDeadline')
      .filter({ hasText: 'Cài đặt chung: Có · Đang áp dụng: Không' })
      .waitFor();
    const { body } = await suite.t.http
      .get('/api/agencies/UBND-TINH/reminder-settings')
      .set('Authorization', `Bearer ${await suite.t.login('tracker', passwordOf('tracker'))}`)
      .expect(200);
    expect(body.override).toEqual({ beforeDeadlineWorkingDays: 5, onDeadline: false });
    await shot(page, 'reminder-settings');

    await page.getByTestId('language-switch').click();
    await field(page, 'beforeDeadlineWorkingDays')
      .filter({ hasText: 'Working days before the deadline to remind' })
      .filter({ hasText: 'Deployment: 3 · In force: 5' })
      .waitFor();
    await page.getByTestId('language-switch').click();
  });

  it('lets an administrator choose the body by its name', async () => {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, ADMIN.username, ADMIN.password);
    await page.getByTestId('menu-reminder-settings').click();
    await page.getByTestId('reminder-settings-body').selectOption({ label: 'Sở Tài chính' });
    await page
      .getByTestId('reminder-settings-form')
      .filter({ hasText: 'Nhắc việc các nhiệm vụ do Sở Tài chính giao' })
      .waitFor();
    await page.getByTestId('setting-overdueEveryDays').fill('14');
    await page.getByTestId('reminder-settings-save').click();
    await page.getByTestId('action-success').waitFor();
    await field(page, 'overdueEveryDays').filter({ hasText: 'Đang áp dụng: 14' }).waitFor();
    expect(await codesOnScreen(page)).toEqual([]);
  });
});
