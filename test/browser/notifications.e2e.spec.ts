/**
 * The bell and the reminders list in Chromium against the real API: two reminders queued in the
 * log for a staff member show as 2 on the bell; the list shows them in words (subject, text, the
 * time, the task by its title); marking one read leaves 1, marking all leaves no number.
 */
import {
  calendarDate,
  decideQueueMessage,
  expectEvents,
  initialReminderMessageState,
  STREAMS,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { toNewEvents } from '../../apps/api/src/infrastructure/aggregate-repository';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/event-store.providers';
import { passwordOf, seedProvince } from '../../apps/api/test/support/province';
import { assignReceivedTask, registerDirective } from '../../apps/api/test/support/task-steps';
import { describeWithChromium } from './support/chromium-test-env';
import { browserSuite, logInAs, shot } from './support/web-app';
import { codesOnScreen } from './support/words-not-codes';

const TASK_TITLE = 'Triển khai chữ ký số cho cán bộ';

describeWithChromium('the reminders bell in Chromium', (executablePath) => {
  const suite = browserSuite(executablePath, {
    seed: async (t) => {
      const province = await seedProvince(t);
      const directive = await registerDirective(t, province);
      const taskId = await assignReceivedTask(t, province, directive, {
        title: TASK_TITLE,
        leadAgency: 'STTTT',
        deadline: '2024-09-30',
        occurredOn: '2024-06-28',
      });
      const store = t.app.get<EventStore>(EVENT_STORE);
      for (const [subject, text] of [
        ['Nhắc việc ngày 29/06/2024', 'Có 1 nhiệm vụ sắp đến hạn.\nHạn: 30/09/2024.'],
        ['Nhắc việc ngày 30/06/2024', 'Có 1 nhiệm vụ chưa báo cáo tiến độ.'],
      ]) {
        const messageId = randomUUID();
        const events = expectEvents(
          decideQueueMessage(
            initialReminderMessageState,
            {
              messageId,
              runId: 'run-browser',
              userId: province.userIds.staffTTTT,
              channel: 'in_app',
              address: null,
              subject,
              text,
              taskIds: [taskId],
            },
            calendarDate('2024-06-30'),
          ),
        );
        await store.append(
          STREAMS.reminderMessage.of(messageId),
          toNewEvents(events, {
            actor: 'system:reminders',
            agency: null,
            correlationId: 'browser-test',
            causationId: null,
          }),
          { expectedVersion: 'no_stream' },
        );
      }
    },
  });

  const countOn = (page: Page) => page.getByTestId('notification-count');

  it('shows the unread count, the list in words, and marks read one and then all', async () => {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, 'stafftttt', passwordOf('staffTTTT'));
    await countOn(page).filter({ hasText: '2' }).waitFor();
    await shot(page, 'notifications-bell');

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-list').waitFor();
    const items = page.getByTestId('notification');
    expect(await items.count()).toBe(2);
    const text = await page.getByTestId('screen-notifications').innerText();
    expect(text).toContain('Nhắc việc ngày 30/06/2024');
    expect(text).toContain('Hạn: 30/09/2024.');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await page.getByRole('link', { name: TASK_TITLE }).count()).toBe(2);
    expect(await page.locator('[data-unread="true"]').count()).toBe(2);
    expect(await codesOnScreen(page)).toEqual([]);
    await shot(page, 'notifications-list');

    await page.getByTestId('notification-mark-read').first().click();
    await page.locator('[data-unread="true"]').nth(1).waitFor({ state: 'detached' });
    await countOn(page).filter({ hasText: '1' }).waitFor();

    await page.getByTestId('notifications-read-all').click();
    await page.locator('[data-unread="true"]').first().waitFor({ state: 'detached' });
    await countOn(page).waitFor({ state: 'detached' });
    await page.getByText('Đánh dấu tất cả đã đọc').waitFor({ state: 'detached' });
    await shot(page, 'notifications-all-read');

    // The bell keeps no number after a reload either.
    await page.reload();
    await page.getByTestId('notification-bell').waitFor();
    await page.getByTestId('notifications-list').waitFor();
    expect(await countOn(page).count()).toBe(0);
  });

  it('says there are none to someone without reminders', async () => {
    const page = await suite.newPage();
    await logInAs(page, suite.t.baseUrl, 'stafftc', passwordOf('staffTC'));
    await page.getByTestId('notification-bell').click();
    await page.getByText('Chưa có nhắc việc nào.').waitFor();
    expect(await page.getByTestId('notification-count').count()).toBe(0);
  });
});
