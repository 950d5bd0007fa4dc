/**
 * The administrator's user register in Chromium: a login lock left by wrong passwords is shown
 * with its end and lifted from the screen; "log out everywhere" ends another person's session
 * on their own browser. Both are refused to anyone else by the API (sessions.e2e, login-throttle).
 */
import { ADMIN } from '../../apps/api/test/support/test-app';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

const NOW = '2024-07-02T02:00:00Z';

describeWithChromium('the users screen in Chromium', (executablePath) => {
  const suite = browserSuite(executablePath, {
    now: NOW,
    seed: (t) => seedProvince(t).then(() => undefined),
  });

  async function browserOf(username: string, password: string) {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, username, password);
    return page;
  }

  /** Ten wrong passwords, the server's clock moved past each wait the throttle sets. */
  async function lockOut(username: string): Promise<void> {
    const wrong = () =>
      suite.t.http.post('/api/auth/login').send({ username, password: 'not-the-password' });
    for (let i = 0; i < 3; i += 1) await wrong().expect(401);
    for (const delay of [1, 2, 4, 8, 16, 32]) {
      await wrong().expect(401);
      suite.t.clock.set(new Date(suite.t.clock.now().getTime() + delay * 1000).toISOString());
    }
    await wrong().expect(401);
  }

  it('shows a login lock with its end in Vietnam time, and lifts it', async () => {
    await lockOut('stafftc');
    const admin = await browserOf(ADMIN.username, ADMIN.password);
    await admin.getByTestId('menu-users').click();
    const row = admin
      .getByTestId('users-table-row')
      .filter({ hasText: 'Chuyên viên Sở Tài chính' })
      .filter({ hasText: 'Tạm khóa đăng nhập đến' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Tạm khóa đăng nhập đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await row.innerText()).toContain('Sở Tài chính');
    expect(await codesOnScreen(admin)).toEqual([]);
    await shot(admin, 'users');

    await row.getByTestId('unlock-login').click();
    await admin
      .getByTestId('action-success')
      .filter({ hasText: 'Đã gỡ khóa đăng nhập.' })
      .waitFor();
    await admin
      .getByTestId('users-table-row')
      .filter({ hasText: 'Chuyên viên Sở Tài chính' })
      .filter({ hasText: 'Đang hoạt động' })
      .waitFor();
    await suite.t.http
      .post('/api/auth/login')
      .send({ username: 'stafftc', password: passwordOf('staffTC') })
      .expect(200);
  });

  it('ends every session of a person: their browser is back at the login page', async () => {
    const tracker = await browserOf('tracker', passwordOf('tracker'));
    const admin = await browserOf(ADMIN.username, ADMIN.password);
    await admin.goto(`${suite.t.baseUrl}/users`);
    await admin
      .getByTestId('users-table-row')
      .filter({ hasText: 'Chuyên viên Văn phòng UBND tỉnh' })
      .getByTestId('end-sessions')
      .click();
    await admin
      .getByTestId('action-success')
      .filter({ hasText: 'Đã kết thúc mọi phiên đăng nhập của người này.' })
      .waitFor();
    await tracker.reload();
    await tracker.getByTestId('login-submit').waitFor();
  });
});
