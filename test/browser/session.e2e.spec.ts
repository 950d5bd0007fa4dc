/**
 * The web app's session in Chromium against the real API: no token where a script can read it,
 * a reload or a new tab keeps the session through the HttpOnly cookie, a logout ends it in every
 * tab, and "log out everywhere" ends it on the other devices too.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

describeWithChromium('the web session in Chromium', (executablePath) => {
  const suite = browserSuite(executablePath, {
    seed: (t) => seedProvince(t).then(() => undefined),
  });

  /** A browser of its own (a device), logged in as the tracker. */
  async function device(): Promise<{ context: BrowserContext; page: Page }> {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, 'tracker', passwordOf('tracker'));
    return { context: page.context(), page };
  }

  const onLoginPage = (page: Page) => page.getByTestId('login-submit').waitFor();
  const loggedIn = (page: Page) => page.getByTestId('current-user').waitFor();

  it('keeps no token where the page’s scripts can read it', async () => {
    const { context, page } = await device();
    // A string: the test's TypeScript knows no DOM.
    const readable = await page.evaluate(
      'JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie])',
    );
    // A JWT starts with the base64 of '{"': none in storage or in the cookies a script sees.
    expect(readable).not.toMatch(/eyJ|token/i);
    const [cookie] = (await context.cookies()).filter(({ name }) => name === 'chidao_refresh');
    expect(cookie).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });
  });

  it('a reload and a second tab keep the session; a logout ends it in both', async () => {
    const { context, page } = await device();
    await page.reload();
    await loggedIn(page);
    const second = await context.newPage();
    await second.goto(`${suite.t.baseUrl}/`);
    await loggedIn(second);

    await page.getByTestId('logout').click();
    await onLoginPage(page);
    // The other tab hears of it at once, without a click.
    await onLoginPage(second);
    await page.reload();
    await onLoginPage(page);
  });

  it('"log out everywhere" ends the session on the other device too', async () => {
    const office = await device();
    const phone = await device();
    await office.page.getByTestId('logout-everywhere').click();
    await onLoginPage(office.page);
    await phone.page.reload();
    await onLoginPage(phone.page);
    // And a new login works.
    await logInAs(phone.page, suite.t.baseUrl, 'tracker', passwordOf('tracker'));
  });

  it('several tabs refreshing at once keep the session (they take turns with the cookie)', async () => {
    const { context } = await device();
    const pages = await Promise.all([1, 2, 3].map(() => context.newPage()));
    // Each new tab starts from the cookie alone, all at the same moment.
    await Promise.all(pages.map((tab) => tab.goto(`${suite.t.baseUrl}/`)));
    await Promise.all(pages.map(loggedIn));
    const again = await context.newPage();
    await again.goto(`${suite.t.baseUrl}/`);
    await loggedIn(again);
  });

  it('"Tài khoản của tôi" lists where one is logged in, and ends another session from there', async () => {
    const office = await suite.newPage();
    await logInAs(office, suite.t.baseUrl, 'leader', passwordOf('leader'));
    const phone = await suite.newPage();
    await logInAs(phone, suite.t.baseUrl, 'leader', passwordOf('leader'));

    // The name in the header opens the account, with the agency by its name.
    await office.getByTestId('current-user').filter({ hasText: 'UBND tỉnh Hà Tĩnh' }).click();
    await office.getByTestId('screen-account').waitFor();
    const rows = office.getByTestId('sessions-table-row');
    await rows.nth(1).waitFor();
    // Both devices (and any session the suite's setup opened) are listed; this one is marked.
    expect(await rows.filter({ hasText: 'Chrome trên Linux' }).count()).toBeGreaterThanOrEqual(2);
    const current = rows.filter({ hasText: '(phiên này)' });
    expect(await current.count()).toBe(1);
    expect(await current.getByTestId('end-session').count()).toBe(0);
    expect(await codesOnScreen(office)).toEqual([]);
    await shot(office, 'account-sessions');

    // End every other session, one by one.
    const others = rows.filter({ hasNotText: '(phiên này)' });
    for (let left = await others.count(); left > 0; left -= 1) {
      await others.first().getByTestId('end-session').click();
      await office.getByTestId('action-success').filter({ hasText: 'Đã kết thúc phiên' }).waitFor();
      await others.nth(left - 1).waitFor({ state: 'detached' });
    }
    expect(await rows.count()).toBe(1);
    // The phone's session is over: its next page asks for a login; the office's goes on.
    await phone.reload();
    await onLoginPage(phone);
    await office.reload();
    await office.getByTestId('screen-account').waitFor();
  });
});
