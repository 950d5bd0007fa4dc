/**
 * The tracking office's weekly list of overdue tasks, through a real run on a SQLite log: on its
 * day the office gets one list per person and channel, most overdue first, with the counts over
 * 30 and 120 days; the rest of the week queues nothing again; next week's list is a new one; a
 * body that moved its list to another day gets it then; a long list names 100 and counts the rest.
 */
import { calendarDate, type ReminderMessageQueuedData } from '@chidao/domain';
import { appendTaskStories } from '@chidao/projections/testing';
import {
  DEFAULT_REMINDER_SETTINGS,
  runReminders,
  WEEKLY_LIST_LINES,
  type ReminderPeople,
} from '@chidao/reminders';
import { allEvents, caughtUp, deps, files, METADATA, people, province } from './support';

afterAll(() => files.cleanup());

const TRACKER = {
  userId: 'u-tracker',
  displayName: 'Phạm Văn D',
  email: 'd@ubnd.chidao.test',
  phone: null,
  channels: ['email' as const, 'in_app' as const],
};

/** The province's people, with the provincial tracking office (UBND-TINH assigns every task). */
const withTracker: ReminderPeople = {
  ...people,
  peopleOf: (task, audience) =>
    audience === 'tracking_office'
      ? task.assigningAgency === 'UBND-TINH'
        ? [TRACKER]
        : []
      : people.peopleOf(task, audience),
  person: (userId) => (userId === TRACKER.userId ? TRACKER : people.person(userId)),
};

async function lists(store: Parameters<typeof allEvents>[0]) {
  return (await allEvents(store))
    .filter((e) => e.type === 'ReminderMessageQueued')
    .map((e) => e.data as ReminderMessageQueuedData)
    .filter((m) => m.userId === TRACKER.userId);
}

describe('the weekly overdue list', () => {
  it('goes to the tracking office on its day, once a week, most overdue first', async () => {
    const { stores, runners } = await province();
    await appendTaskStories(
      stores.eventStore,
      [
        {
          id: 'task-long-overdue',
          leadAgency: 'STC',
          assignedOn: '2026-06-01',
          deadline: '2026-09-30',
          title: 'Đề án quy hoạch',
        },
      ],
      { receivedAt: '2027-02-01T01:00:00Z' },
    );
    await caughtUp(stores.eventStore, runners);
    const monday = calendarDate('2027-02-01');
    const run = (runId: string, today = monday) =>
      runReminders({ ...deps(stores), people: withTracker }, { runId, today, metadata: METADATA });

    expect((await run('monday')).weeklyListsQueued).toBe(2);
    const sent = await lists(stores.eventStore);
    expect(sent.map((m) => m.channel).sort()).toEqual(['email', 'in_app']);
    const mail = sent.find((m) => m.channel === 'email')!;
    expect(mail.address).toBe(TRACKER.email);
    expect(mail.subject).toBe('Danh sách nhiệm vụ quá hạn tuần 5 năm 2027: 2 nhiệm vụ');
    expect(mail.text).toContain('Kính gửi Phạm Văn D,');
    expect(mail.text).toContain(
      'Đến ngày 01/02/2027, UBND-TINH có 2 nhiệm vụ đã giao đang quá hạn, trong đó ' +
        '1 nhiệm vụ quá hạn trên 30 ngày và 1 nhiệm vụ quá hạn trên 120 ngày:',
    );
    // Most overdue first: 124 days, then 3.
    expect(mail.taskIds).toEqual(['task-long-overdue', 'task-overdue']);
    expect(mail.text).toContain('1. «Đề án quy hoạch»');
    expect(mail.text).toContain('quá hạn 124 ngày; thời hạn 30/09/2026; chủ trì: Sở Tài chính.');
    expect(mail.text).toContain('2. «Kế hoạch chuyển đổi số»');
    // Only overdue tasks: the one due on Thursday is not on it.
    expect(mail.text).not.toContain('Báo cáo an toàn thông tin');

    // The rest of the week, from any run or process: nothing again.
    expect((await run('tuesday', calendarDate('2027-02-02'))).weeklyListsQueued).toBe(0);
    expect((await run('monday-again')).weeklyListsQueued).toBe(0);
    expect(await lists(stores.eventStore)).toHaveLength(2);

    // Next Monday: next week's list.
    expect((await run('next-monday', calendarDate('2027-02-08'))).weeklyListsQueued).toBe(2);
    const next = (await lists(stores.eventStore)).filter((m) => m.subject.includes('tuần 6'));
    expect(next).toHaveLength(2);
  });

  it('follows the day the assigning body chose, and sends nothing to bodies without one due', async () => {
    const { stores } = await province();
    const wednesday = { ...DEFAULT_REMINDER_SETTINGS, weeklyOverdueListDay: 3 };
    const run = (runId: string, today: string) =>
      runReminders(
        {
          ...deps(stores),
          people: withTracker,
          settingsFor: (body) => (body === 'UBND-TINH' ? wednesday : DEFAULT_REMINDER_SETTINGS),
        },
        { runId, today: calendarDate(today), metadata: METADATA },
      );
    expect((await run('monday', '2027-02-01')).weeklyListsQueued).toBe(0);
    expect((await run('wednesday', '2027-02-03')).weeklyListsQueued).toBe(2);
  });

  it(`names the ${WEEKLY_LIST_LINES} most overdue tasks and counts the rest`, async () => {
    const { stores, runners } = await province();
    await appendTaskStories(
      stores.eventStore,
      Array.from({ length: WEEKLY_LIST_LINES + 4 }, (_, i) => ({
        id: `task-many-${String(i).padStart(3, '0')}`,
        leadAgency: 'STC',
        assignedOn: '2026-10-01',
        // Each a day more overdue than the one before: 1 to 104 days before 29/01/2027.
        deadline: shifted(i),
        title: `Nhiệm vụ số ${i}`,
      })),
      { receivedAt: '2027-02-01T01:00:00Z' },
    );
    await caughtUp(stores.eventStore, runners);
    const summary = await runReminders(
      { ...deps(stores), people: withTracker },
      { runId: 'many', today: calendarDate('2027-02-01'), metadata: METADATA },
    );
    expect(summary.weeklyListsQueued).toBe(2);
    const [mail] = (await lists(stores.eventStore)).filter((m) => m.channel === 'email');
    expect(mail.subject).toBe(
      `Danh sách nhiệm vụ quá hạn tuần 5 năm 2027: ${WEEKLY_LIST_LINES + 5} nhiệm vụ`,
    );
    expect(mail.taskIds).toHaveLength(WEEKLY_LIST_LINES);
    // The most overdue is the last one made; the 5 least overdue are the ones counted.
    expect(mail.taskIds[0]).toBe(`task-many-${WEEKLY_LIST_LINES + 3}`);
    expect(mail.taskIds).not.toContain('task-overdue');
    expect(mail.text).toContain('… và 5 nhiệm vụ khác: xem danh sách đầy đủ trên hệ thống.');
  });
});

/** The deadline i + 1 days before 30/01/2027 (a Saturday): i = 0 is Friday 29/01. */
function shifted(i: number): string {
  const date = new Date(Date.UTC(2027, 0, 29 - i));
  return date.toISOString().slice(0, 10);
}
