/**
 * "Nhận nhắc việc" on "Tài khoản của tôi" in Chromium against the real API: a person sets their
 * e-mail address, phone and channels, sees the server's Vietnamese refusal under the box to
 * correct (nothing written), then a saved confirmation; the administrator's users screen shows
 * everyone's e-mail and phone, the phone as people write it.
 */
import type { Page } from 'playwright-core';
import { ADMIN } from '../../apps/api/test/support/test-app';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

describeWithChromium('reminder contacts in Chromium', (executablePath) => {
  const suite = browserSuite(executablePath, {
    seed: (t) => seedProvince(t).then(() => undefined),
  });

  const headPosition = async (): Promise<number> =>
    (await suite.t.http.get('/ready').expect(200)).body.headPosition;

  /** Logged in as the STTTT staff member, on their account screen. */
  async function ownAccount(): Promise<Page> {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, 'stafftttt', passwordOf('staffTTTT'));
    await page.getByTestId('current-user').click();
    await page.getByTestId('contact-form').waitFor();
    return page;
  }

  const save = (page: Page) => page.getByTestId('contact-save').click();
  const errorUnder = (page: Page, field: 'email' | 'phone', text: string) =>
    page.getByTestId(`contact-${field}-field`).getByTestId('field-error').filter({ hasText: text });

  it('refuses a bad address in Vietnamese under its box, then saves the contact', async () => {
    const page = await ownAccount();
    // Never chosen: e-mail (once there is an address) and the app, which cannot be unticked.
    const inApp = page.getByTestId('contact-channel-in_app');
    expect(await inApp.isChecked()).toBe(true);
    expect(await inApp.isDisabled()).toBe(true);
    expect(await page.getByTestId('contact-channel-email').isChecked()).toBe(true);
    expect(await page.getByTestId('contact-channel-sms').isChecked()).toBe(false);

    const before = await headPosition();
    await page.getByTestId('contact-email').fill('nguyenvana@gmail');
    await save(page);
    await errorUnder(
      page,
      'email',
      'Địa chỉ thư điện tử "nguyenvana@gmail" không hợp lệ: tên miền "gmail" thiếu dấu chấm',
    ).waitFor();
    expect(await page.getByTestId('action-success').count()).toBe(0);
    expect(await headPosition()).toBe(before);
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'account-contact-refused');

    await page.getByTestId('contact-email').fill('nguyenvana@sotttt.gov.vn');
    await page.getByTestId('contact-phone').fill('0912.345.678');
    await page.getByTestId('contact-channel-sms').check();
    await save(page);
    await page
      .getByTestId('action-success')
      .filter({ hasText: 'Đã lưu thông tin nhận nhắc việc.' })
      .waitFor();
    expect(await headPosition()).toBe(before + 1);
    // The number as people write it, not as stored.
    expect(await page.getByTestId('contact-phone').inputValue()).toBe('0912 345 678');
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'account-contact-saved');

    // Read back after a reload, from the server.
    await page.reload();
    await page.getByTestId('contact-form').waitFor();
    await page.getByTestId('contact-email').waitFor();
    expect(await page.getByTestId('contact-email').inputValue()).toBe('nguyenvana@sotttt.gov.vn');
    expect(await page.getByTestId('contact-phone').inputValue()).toBe('0912 345 678');
    expect(await page.getByTestId('contact-channel-sms').isChecked()).toBe(true);
  });

  it('refuses SMS without a phone number, saying what to do', async () => {
    const page = await ownAccount();
    await page.getByTestId('contact-phone').waitFor();
    const before = await headPosition();
    await page.getByTestId('contact-phone').fill('');
    await page.getByTestId('contact-channel-sms').check();
    await save(page);
    await errorUnder(
      page,
      'phone',
      'Muốn nhận nhắc việc qua tin nhắn SMS thì cần nhập số điện thoại di động',
    ).waitFor();
    expect(await headPosition()).toBe(before);

    // Unticking SMS removes the number as asked.
    await page.getByTestId('contact-channel-sms').uncheck();
    await save(page);
    await page.getByTestId('action-success').waitFor();
    expect(await headPosition()).toBe(before + 1);
    // Put back for the administrator's screen.
    await page.getByTestId('contact-phone').fill('0912 345 678');
    await save(page);
    await page
      .getByTestId('action-success')
      .filter({ hasText: 'Đã lưu thông tin nhận nhắc việc.' })
      .waitFor();
    expect(await headPosition()).toBe(before + 2);
  });

  it('shows the administrator everyone’s e-mail and phone on the users screen', async () => {
    const admin = await suite.newPage();
    await logInAs(admin, suite.t.baseUrl, ADMIN.username, ADMIN.password);
    await admin.getByTestId('menu-users').click();
    const table = admin.getByTestId('users-table');
    await table.waitFor();
    expect(await table.locator('th').allInnerTexts()).toEqual(
      expect.arrayContaining(['Thư điện tử', 'Số điện thoại']),
    );
    const row = admin
      .getByTestId('users-table-row')
      .filter({ hasText: 'Chuyên viên Sở TT&TT' })
      .filter({ hasText: 'nguyenvana@sotttt.gov.vn' });
    await row.waitFor();
    expect(await row.innerText()).toContain('0912 345 678');
    expect(await codesOnScreen(admin)).toEqual([]);
    await shot(admin, 'users-contacts');
  });
});
