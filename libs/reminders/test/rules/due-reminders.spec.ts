import {
  DEFAULT_REMINDER_SETTINGS,
  dueReminders,
  silenceStart,
  type DueReminder,
  type ReminderSettings,
} from '../../src';
import { calendar2027, daysFrom, TaskHistory } from './task-history';

/**
 * Each rule on a controlled clock: a task made through the real decide function, and a
 * scheduler run on chosen days that records every (task, rule, occurrence) once, as the
 * caller does. Calendar: 2027 with Tết Nguyên đán from Friday 05/02 to Thursday 11/02.
 */

const settings = (changes: Partial<ReminderSettings> = {}): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  ...changes,
});

/** What the task's log holds on `day` (the whole log on days before the assignment). */
const timelineOn = (history: TaskHistory, day: string) =>
  history.events[0].occurredOn > day ? history.timeline() : history.timeline(day);

const dueOn = (history: TaskHistory, day: string, s = settings()): DueReminder[] =>
  dueReminders(timelineOn(history, day), day, s, calendar2027);

/**
 * Runs the scheduler on each of `days` and lists what it sends: `day rule occurrence`, each
 * (rule, occurrence) once, as the caller records them.
 */
function sent(history: TaskHistory, days: readonly string[], s = settings()): string[] {
  const recorded = new Set<string>();
  const out: string[] = [];
  for (const day of days) {
    for (const r of dueOn(history, day, s)) {
      const key = `${r.rule} ${r.occurrence}`;
      if (recorded.has(key)) continue;
      recorded.add(key);
      out.push(`${day} ${key}`);
    }
  }
  return out;
}

const rulesOn = (history: TaskHistory, day: string, s = settings()) =>
  dueOn(history, day, s).map((r) => `${r.rule} ${r.occurrence}`);

// Deadline Monday 15/03/2027, assigned Monday 01/03, received the next day.
const march = () =>
  TaskHistory.assigned('2027-03-01', '2027-03-15').run('ReceiveTask', '2027-03-02');

describe('dueReminders', () => {
  describe('around a weekend', () => {
    it('reminds 3 working days before, on the day, then overdue on day 1 and every 7 days', () => {
      expect(sent(march(), daysFrom('2027-03-01', '2027-04-01'))).toEqual([
        '2027-03-10 before_deadline 2027-03-15', // Wed: Thu 11, Fri 12 and Mon 15 to go
        '2027-03-15 on_deadline 2027-03-15',
        '2027-03-16 overdue 2027-03-15#1',
        '2027-03-23 overdue 2027-03-15#2',
        '2027-03-30 overdue 2027-03-15#3',
        '2027-03-31 no_report 2027-03-01#1', // 30 days without a report since the assignment
      ]);
    });

    it('keeps a reminder due through its window, and sends nothing on a weekend', () => {
      const task = march();
      for (const day of ['2027-03-10', '2027-03-11', '2027-03-12']) {
        expect(rulesOn(task, day)).toEqual(['before_deadline 2027-03-15']);
      }
      expect(rulesOn(task, '2027-03-09')).toEqual([]);
      expect(rulesOn(task, '2027-03-13')).toEqual([]);
      expect(rulesOn(task, '2027-03-14')).toEqual([]);
      // Overdue #1 stays due until #2 takes over.
      for (const day of daysFrom('2027-03-16', '2027-03-22').filter((d) =>
        calendar2027.isWorkingDay(d),
      )) {
        expect(rulesOn(task, day)).toEqual(['overdue 2027-03-15#1']);
      }
      expect(rulesOn(task, '2027-03-23')).toEqual(['overdue 2027-03-15#2']);
    });

    it('says how many days are left or overdue', () => {
      const task = march();
      expect(dueOn(task, '2027-03-10')).toEqual([
        {
          taskId: 'task-1',
          rule: 'before_deadline',
          occurrence: '2027-03-15',
          audience: ['lead_agency'],
          days: 5,
        },
      ]);
      expect(dueOn(task, '2027-03-15')[0]).toMatchObject({ rule: 'on_deadline', days: 0 });
      expect(dueOn(task, '2027-03-19')[0]).toMatchObject({ rule: 'overdue', days: 4 });
    });

    it('moves the on-deadline reminder of a Sunday deadline to the Friday before', () => {
      // Deadline Sunday 14/03: 3 working days before are Wed 10, Thu 11, Fri 12.
      const task = TaskHistory.assigned('2027-03-01', '2027-03-14');
      expect(sent(task, daysFrom('2027-03-08', '2027-03-16'))).toEqual([
        '2027-03-10 before_deadline 2027-03-14',
        '2027-03-12 on_deadline 2027-03-14',
        '2027-03-15 overdue 2027-03-14#1', // Monday is day 1
      ]);
      // On Friday only the on-deadline reminder is due: the two never stand on the same day.
      expect(rulesOn(task, '2027-03-12')).toEqual(['on_deadline 2027-03-14']);
    });

    it('follows the settings: no reminder before, none on the day, another interval', () => {
      const s = settings({ beforeDeadlineWorkingDays: 0, onDeadline: false, overdueEveryDays: 3 });
      expect(sent(march(), daysFrom('2027-03-01', '2027-03-24'), s)).toEqual([
        '2027-03-16 overdue 2027-03-15#1',
        '2027-03-19 overdue 2027-03-15#2',
        '2027-03-22 overdue 2027-03-15#3', // day 7, nominal (Mon 22)
      ]);
      // Without the on-deadline reminder, the before-deadline one stays due up to the eve.
      const s2 = settings({ onDeadline: false });
      expect(rulesOn(march(), '2027-03-12', s2)).toEqual(['before_deadline 2027-03-15']);
      expect(rulesOn(march(), '2027-03-15', s2)).toEqual([]);
    });

    it('skips the before-deadline reminder when its first day is before the assignment', () => {
      // Assigned Thursday 11/03 with a deadline on Monday 15/03: the window began on Wed 10.
      const task = TaskHistory.assigned('2027-03-11', '2027-03-15');
      expect(sent(task, daysFrom('2027-03-11', '2027-03-16'))).toEqual([
        '2027-03-15 on_deadline 2027-03-15',
        '2027-03-16 overdue 2027-03-15#1',
      ]);
    });
  });

  describe('around Tết Nguyên đán 2027 (05/02 to 11/02)', () => {
    it('defers what falls in Tết to the first working day after it', () => {
      // Deadline Monday 08/02, in the middle of Tết.
      const task = TaskHistory.assigned('2027-01-04', '2027-02-08').run(
        'ReceiveTask',
        '2027-01-05',
      );
      expect(sent(task, daysFrom('2027-01-25', '2027-02-28'))).toEqual([
        '2027-02-02 before_deadline 2027-02-08', // Tue: Wed 3 and Thu 4 left before Tết
        '2027-02-03 no_report 2027-01-04#1',
        '2027-02-04 on_deadline 2027-02-08', // the last working day before the deadline
        '2027-02-12 overdue 2027-02-08#1', // day 1 is 09/02, in Tết: sent Friday 12/02
        '2027-02-16 overdue 2027-02-08#2',
        '2027-02-23 overdue 2027-02-08#3',
      ]);
      for (const day of daysFrom('2027-02-05', '2027-02-11')) expect(dueOn(task, day)).toEqual([]);
      expect(dueOn(task, '2027-02-12')[0]).toMatchObject({ rule: 'overdue', days: 4 });
    });

    it('sends one reminder, not two, when a deferred one meets the next', () => {
      // Deadline Thursday 04/02: day 1 (05/02) is in Tết, deferred to 12/02, the day of #2.
      const task = TaskHistory.assigned('2027-01-18', '2027-02-04');
      expect(
        sent(task, daysFrom('2027-01-25', '2027-02-22')).filter((s) => s.includes('overdue')),
      ).toEqual(['2027-02-12 overdue 2027-02-04#2', '2027-02-19 overdue 2027-02-04#3']);
      expect(dueOn(task, '2027-02-12')).toEqual([
        expect.objectContaining({ rule: 'overdue', occurrence: '2027-02-04#2', days: 8 }),
      ]);
    });

    it('counts a silence across Tết and sends it after', () => {
      // 30 days after Wednesday 06/01 is Friday 05/02, in Tết.
      const task = TaskHistory.assigned('2027-01-06', '2027-12-31').run(
        'ReceiveTask',
        '2027-01-06',
      );
      expect(sent(task, daysFrom('2027-01-06', '2027-03-10'))).toEqual([
        '2027-02-12 no_report 2027-01-06#1',
        '2027-03-08 no_report 2027-01-06#2', // 60 days: Sunday 07/03, sent Monday
      ]);
    });

    it('reminds the tracking office of a completion waiting over 3 working days, Tết excluded', () => {
      // Overdue since 29/01; completion reported Tuesday 02/02: waiting Wed 3, Thu 4, Fri 12,
      // and on Monday 15/02 more than 3 working days.
      const task = TaskHistory.assigned('2027-01-04', '2027-01-29')
        .run('ReceiveTask', '2027-01-05')
        .run('ReportCompletion', '2027-02-02', {
          completedOn: '2027-02-02',
          resultDocument: '15/BC-STTTT',
        });
      expect(sent(task, daysFrom('2027-01-30', '2027-02-28'))).toEqual([
        '2027-02-01 overdue 2027-01-29#1',
        '2027-02-15 awaiting_confirmation 2027-02-02',
      ]);
      expect(dueOn(task, '2027-02-15')).toEqual([
        {
          taskId: 'task-1',
          rule: 'awaiting_confirmation',
          occurrence: '2027-02-02',
          audience: ['tracking_office'],
          days: 4,
        },
      ]);
    });
  });

  it('gives a completion awaiting confirmation only that reminder, and resumes when it is returned', () => {
    const task = march()
      .run('ReportCompletion', '2027-03-22', {
        completedOn: '2027-03-22',
        resultDocument: '21/BC-STTTT',
      })
      .run('ReturnCompletion', '2027-03-29', { reason: 'Chưa đủ hồ sơ' });
    expect(sent(task, daysFrom('2027-03-15', '2027-04-06'))).toEqual([
      '2027-03-15 on_deadline 2027-03-15',
      '2027-03-16 overdue 2027-03-15#1',
      // Reported 22/03: overdue #2 of 23/03 is not sent while it waits.
      '2027-03-26 awaiting_confirmation 2027-03-22',
      // Returned 29/03 (day 14): the latest overdue reminder goes out, and the silence restarts.
      '2027-03-29 overdue 2027-03-15#2',
      '2027-03-30 overdue 2027-03-15#3',
      '2027-04-06 overdue 2027-03-15#4',
    ]);
  });

  describe('deadline extension', () => {
    it('gives the new deadline its own reminders and reminds of the request waiting', () => {
      const task = march()
        .run('RequestDeadlineChange', '2027-03-12', {
          requestId: 'r-1',
          kind: 'extension',
          proposedDeadline: '2027-04-15',
          reason: 'Chờ ý kiến các sở',
        })
        .run('ReportTaskProgress', '2027-03-19', {
          agency: 'STTTT',
          percent: 60,
          note: 'Đã xin ý kiến',
        })
        .run('ApproveDeadlineChange', '2027-03-23', { requestId: 'r-1' });
      expect(sent(task, daysFrom('2027-03-01', '2027-04-20'))).toEqual([
        '2027-03-10 before_deadline 2027-03-15',
        '2027-03-15 on_deadline 2027-03-15',
        // Requested Friday 12/03 (by the deadline, as the rules require), more than 3 working
        // days on Thursday 18/03.
        '2027-03-16 overdue 2027-03-15#1',
        '2027-03-18 awaiting_deadline_decision r-1',
        // Approved 23/03 (the day overdue #2 was due): the new deadline 15/04 is in force.
        '2027-04-12 before_deadline 2027-04-15',
        '2027-04-15 on_deadline 2027-04-15',
        '2027-04-16 overdue 2027-04-15#1',
        '2027-04-19 no_report 2027-03-19#1', // 30 days after the report: Sunday 18/04
      ]);
      expect(dueOn(task, '2027-03-18')).toContainEqual({
        taskId: 'task-1',
        rule: 'awaiting_deadline_decision',
        occurrence: 'r-1',
        audience: ['tracking_office'],
        days: 4,
      });
    });
  });

  describe('escalation', () => {
    it('adds the agency head and the leader in charge from the first reminder after 30 days', () => {
      const task = march();
      const overdue = (day: string) => dueOn(task, day).find((r) => r.rule === 'overdue');
      // Day 29 (Tue 13/04) is #5: the lead agency only, all through its window.
      expect(overdue('2027-04-13')).toMatchObject({
        occurrence: '2027-03-15#5',
        audience: ['lead_agency'],
      });
      expect(overdue('2027-04-19')).toMatchObject({
        occurrence: '2027-03-15#5',
        audience: ['lead_agency'],
        days: 35,
      });
      // Day 36 (Tue 20/04) is #6.
      expect(overdue('2027-04-20')).toMatchObject({
        occurrence: '2027-03-15#6',
        audience: ['lead_agency', 'agency_head', 'leader_in_charge'],
        days: 36,
      });
    });

    it('escalates on day 30 when a reminder falls due that day', () => {
      const s = settings({ overdueEveryDays: 1 });
      const task = march();
      expect(dueOn(task, '2027-04-13', s)).toContainEqual(
        expect.objectContaining({ occurrence: '2027-03-15#29', audience: ['lead_agency'] }),
      );
      expect(dueOn(task, '2027-04-14', s)).toContainEqual(
        expect.objectContaining({
          occurrence: '2027-03-15#30',
          audience: ['lead_agency', 'agency_head', 'leader_in_charge'],
          days: 30,
        }),
      );
    });

    it('escalates a reminder of day 29 deferred by a weekend to day 31', () => {
      // Deadline Friday 19/03: day 29 is Saturday 17/04, sent Monday 19/04 (day 31).
      const task = TaskHistory.assigned('2027-03-01', '2027-03-19', { leaderInCharge: null });
      const reminder = dueOn(task, '2027-04-19').find((r) => r.rule === 'overdue');
      // No leader in charge named on this task: nobody to add.
      expect(reminder).toMatchObject({
        occurrence: '2027-03-19#5',
        audience: ['lead_agency', 'agency_head'],
        days: 31,
      });
    });
  });

  describe('a scheduler that missed days', () => {
    it('sends only the latest overdue reminder after missing a week', () => {
      const task = march();
      expect(sent(task, ['2027-03-16', '2027-03-31'])).toEqual([
        '2027-03-16 overdue 2027-03-15#1',
        '2027-03-31 overdue 2027-03-15#3', // #2 (23/03) was never sent: #3 supersedes it
        '2027-03-31 no_report 2027-03-01#1',
      ]);
    });

    it('sends one occurrence per rule after being down over Tết', () => {
      const task = TaskHistory.assigned('2026-12-01', '2027-01-04');
      // Down from Monday 18/01 to Monday 15/02: overdue #3 (19/01) to #6 (09/02, in Tết) fell
      // due meanwhile; #6, due 12/02 on day 39, is escalated.
      const after = dueOn(task, '2027-02-15');
      expect(after.filter((r) => r.rule === 'overdue')).toEqual([
        {
          taskId: 'task-1',
          rule: 'overdue',
          occurrence: '2027-01-04#6',
          audience: ['lead_agency', 'agency_head', 'leader_in_charge'],
          days: 42,
        },
      ]);
      expect(after.filter((r) => r.rule === 'no_report')).toEqual([
        expect.objectContaining({ occurrence: '2026-12-01#2', days: 76 }),
      ]);
    });
  });

  describe('tasks no reminder goes to', () => {
    /** Every day of spring 2027, when an untouched task would be reminded of something. */
    const spring = daysFrom('2027-02-15', '2027-06-30');
    const nothingOn = (task: TaskHistory, days: readonly string[]) =>
      days.filter((day) => dueOn(task, day).length > 0);

    it('a task not yet assigned', () => {
      // The log already holds the assignment of 01/03; before that day nothing is due.
      expect(nothingOn(march(), daysFrom('2027-01-01', '2027-02-28'))).toEqual([]);
    });

    it('a task done, from the day its completion is confirmed', () => {
      const task = march()
        .run('ReportCompletion', '2027-03-12', {
          completedOn: '2027-03-12',
          resultDocument: '20/BC-STTTT',
        })
        .run('ConfirmCompletion', '2027-03-15');
      expect(sent(task, daysFrom('2027-03-01', '2027-06-30'))).toEqual([
        '2027-03-10 before_deadline 2027-03-15',
      ]);
    });

    it('a cancelled task', () => {
      const task = march().run('CancelTask', '2027-03-16', { reason: 'Không còn phù hợp' });
      expect(nothingOn(task, daysFrom('2027-03-16', '2027-12-31'))).toEqual([]);
    });

    it('a withdrawn task', () => {
      const task = march()
        .run('RequestDeadlineChange', '2027-03-12', {
          requestId: 'w-1',
          kind: 'withdrawal',
          reason: 'Trùng nhiệm vụ',
        })
        .run('ApproveDeadlineChange', '2027-03-18', { requestId: 'w-1' });
      expect(task.timeline().status).toBe('withdrawn');
      expect(nothingOn(task, daysFrom('2027-03-18', '2027-12-31'))).toEqual([]);
    });

    it('a task on hold, until it resumes', () => {
      const task = march()
        .run('PutTaskOnHold', '2027-03-17', { reason: 'Chờ hướng dẫn của Bộ' })
        .run('ResumeTask', '2027-05-03', { newDeadline: '2027-05-31' });
      expect(nothingOn(task, daysFrom('2027-03-17', '2027-05-02'))).toEqual([]);
      expect(sent(task, daysFrom('2027-03-16', '2027-06-03'))).toEqual([
        '2027-03-16 overdue 2027-03-15#1',
        '2027-05-26 before_deadline 2027-05-31',
        '2027-05-31 on_deadline 2027-05-31',
        '2027-06-01 overdue 2027-05-31#1',
        '2027-06-02 no_report 2027-05-03#1', // silent since the resumption, not the hold
      ]);
    });

    it('the spring of an untouched task is not empty (the checks above mean something)', () => {
      expect(nothingOn(march(), spring).length).toBeGreaterThan(10);
    });
  });

  describe('silence', () => {
    it('flags a task without a deadline after 90 days without a report, never with no_report', () => {
      const task = TaskHistory.assigned('2027-01-04', null)
        .run('ReceiveTask', '2027-01-05')
        .run('ReportTaskProgress', '2027-05-03', { agency: 'STTTT', percent: 20, note: 'Bắt đầu' });
      expect(sent(task, daysFrom('2027-01-04', '2027-12-31'))).toEqual([
        '2027-04-05 no_deadline_silent 2027-01-04#1', // day 90 is Sunday 04/04
        '2027-08-02 no_deadline_silent 2027-05-03#1', // 90 days after the report: Sunday 01/08
        '2027-11-01 no_deadline_silent 2027-05-03#2', // Saturday 30/10, sent Monday
      ]);
      expect(dueOn(task, '2027-04-05')).toEqual([
        {
          taskId: 'task-1',
          rule: 'no_deadline_silent',
          occurrence: '2027-01-04#1',
          audience: ['lead_agency', 'tracking_office'],
          days: 91,
        },
      ]);
    });

    it('counts a report by a supporting agency as no report of the lead', () => {
      const task = TaskHistory.assigned('2027-03-01', '2027-12-31')
        .run('ReceiveTask', '2027-03-01')
        .run('ReportTaskProgress', '2027-03-20', {
          agency: 'SKHDT',
          percent: 50,
          note: 'Phối hợp',
        });
      expect(sent(task, daysFrom('2027-03-01', '2027-04-01'))).toEqual([
        '2027-03-31 no_report 2027-03-01#1',
      ]);
    });

    it('starts a new silence when the task is reassigned', () => {
      const task = TaskHistory.assigned('2027-01-06', '2027-12-31').run(
        'ReassignTask',
        '2027-03-01',
        { leadAgency: 'SKHDT', reason: 'Giao lại cho đơn vị phù hợp' },
      );
      expect(silenceStart(task.timeline(), '2027-03-10')).toBe('2027-03-01');
      expect(sent(task, daysFrom('2027-01-06', '2027-04-10'))).toEqual([
        '2027-02-12 no_report 2027-01-06#1',
        '2027-03-31 no_report 2027-03-01#1',
      ]);
    });
  });

  it('gives nothing on a day off, whatever is due around it', () => {
    const task = march();
    for (const day of ['2027-03-20', '2027-03-21', '2027-04-30', '2027-05-01', '2027-09-02']) {
      expect(dueOn(task, day)).toEqual([]);
    }
  });
});
