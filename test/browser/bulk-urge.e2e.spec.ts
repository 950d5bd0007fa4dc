/**
 * Bulk urging from the tracking office's overdue queue in Chromium: rows ticked by keyboard,
 * "Chọn tất cả trên trang", the small form, then the confirmation and each refusal in words, in
 * the language the user chose.
 */
import type { Page } from 'playwright-core';
import { passwordOf, seedProvince, type Province } from '../../apps/api/test/support/province';
import { assignReceivedTask, registerDirective } from '../../apps/api/test/support/task-steps';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

describeWithChromium('bulk urge in Chromium', (executablePath) => {
  let p: Province;
  let directiveId = '';
  const ids: string[] = [];
  const suite = browserSuite(executablePath, {
    now: '2024-06-30T03:00:00Z',
    seed: async (t) => {
      p = await seedProvince(t);
      directiveId = await registerDirective(t, p);
      for (const [lead, title] of [
        ['STTTT', 'Nhiệm vụ quá hạn một'],
        ['STC', 'Nhiệm vụ quá hạn hai'],
        ['STTTT', 'Nhiệm vụ quá hạn ba'],
      ]) {
        const task = { title, leadAgency: lead, deadline: '2024-05-31', occurredOn: '2024-02-05' };
        ids.push(await assignReceivedTask(t, p, directiveId, task));
      }
    },
  });

  const urgedCount = async (id: string): Promise<number> =>
    (await suite.t.http.get(`/api/tasks/${id}`).set(p.headers('tracker')).expect(200)).body
      .urgeCount;

  async function trackingQueue(): Promise<Page> {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, 'tracker', passwordOf('tracker'));
    await page.getByTestId('menu-tracking').click();
    await page.getByTestId('urge-table-row').first().waitFor();
    return page;
  }

  it('urges the ticked tasks and names the one refused, reachable by keyboard', async () => {
    const page = await trackingQueue();
    // One row ticked with the keyboard, then all on the page.
    await page.getByTestId(`bulk-urge-row-${ids[0]}`).focus();
    await page.keyboard.press('Space');
    await page.getByTestId('bulk-urge-open').filter({ hasText: '(1)' }).waitFor();
    await page.getByTestId('bulk-urge-all').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('bulk-urge-open').filter({ hasText: '(3)' }).waitFor();
    await page.getByTestId('bulk-urge-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('bulk-urge-kind').selectOption('no_report');
    await page.getByTestId('bulk-urge-message').fill('Đề nghị báo cáo trước ngày 05/7');
    // Cancelled meanwhile by the leader: the server refuses that one, the others go.
    await suite.t.http
      .post(`/api/tasks/${ids[2]}/cancel`)
      .set(p.headers('leader'))
      .send({ reason: 'Không còn phù hợp' })
      .expect(200);
    await page.getByTestId('bulk-urge-submit').click();
    const result = page.getByTestId('bulk-urge-result');
    await result.filter({ hasText: 'Đã đôn đốc 2 nhiệm vụ.' }).waitFor();
    await result.filter({ hasText: 'Không đôn đốc được 1 nhiệm vụ:' }).waitFor();
    await result.filter({ hasText: 'Nhiệm vụ quá hạn ba:' }).waitFor();
    await shot(page, 'bulk-urge-result');
    expect(await codesOnScreen(page)).toEqual([]);
    expect([await urgedCount(ids[0]), await urgedCount(ids[1]), await urgedCount(ids[2])]).toEqual([
      1, 1, 0,
    ]);
  });

  it('names each refusal in English when the app is in English, and again in Vietnamese', async () => {
    const title = 'Nhiệm vụ quá hạn năm';
    const task = { title, leadAgency: 'STC', deadline: '2024-05-31', occurredOn: '2024-02-05' };
    const closing = await assignReceivedTask(suite.t, p, directiveId, task);
    // In the queue once the tasks read model has it.
    const head = (await suite.t.http.get('/ready').expect(200)).body.headPosition as number;
    await suite.t.http
      .get(`/api/tasks/list?minPosition=${head}`)
      .set(p.headers('tracker'))
      .expect(200);
    const page = await trackingQueue();
    await page.getByTestId('language-switch').click();
    await page.getByTestId(`bulk-urge-row-${ids[0]}`).check();
    await page.getByTestId(`bulk-urge-row-${closing}`).check();
    await page
      .getByTestId('bulk-urge-open')
      .filter({ hasText: 'Urge the selected tasks (2)' })
      .click();
    await suite.t.http
      .post(`/api/tasks/${closing}/cancel`)
      .set(p.headers('leader'))
      .send({ reason: 'Không còn phù hợp' })
      .expect(200);
    await page.getByTestId('bulk-urge-submit').click();
    const result = page.getByTestId('bulk-urge-result');
    await result.filter({ hasText: '1 tasks urged.' }).waitFor();
    await result.filter({ hasText: '1 tasks could not be urged:' }).waitFor();
    const refusal = result.getByRole('listitem');
    await refusal
      .filter({
        hasText: `${title}: The task was cancelled on 2024-06-30; it accepts no further action.`,
      })
      .waitFor();
    await shot(page, 'bulk-urge-refused-english');
    // The answer stays on screen: switched back, it says the same in Vietnamese.
    await page.getByTestId('language-switch').click();
    await refusal.filter({ hasText: `${title}: Nhiệm vụ đã bị hủy ngày 30/06/2024` }).waitFor();
    expect(await refusal.count()).toBe(1);
    expect(await codesOnScreen(page)).toEqual([]);
  });
});
