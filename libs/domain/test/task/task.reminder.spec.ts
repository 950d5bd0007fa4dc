import {
  decideTaskReminder,
  evolveTask,
  initialTaskState,
  reminderRuleWords,
  REMINDER_RULES,
  type CalendarDate,
  type TaskReminderIssuedData,
  type TaskState,
} from '../../src';
import {
  awaitingTask,
  cancelledTask,
  completedTask,
  expectOk,
  expectRefused,
  onHoldTask,
  receivedTask,
  withdrawnTask,
} from './task.fixtures';

const day = (d: string) => d as CalendarDate;
const overdue = (occurrence: string, days = 8): TaskReminderIssuedData => ({
  rule: 'overdue',
  occurrence,
  runId: '0b5c2f4e-8f1a-4c6b-9d3e-2a7f1c9e4b10',
  leadAgency: 'STTTT',
  days,
  audience: ['lead_agency'],
  recipients: [{ userId: 'u-1', channels: ['email', 'in_app'] }],
  text: `Quá hạn ${days} ngày.`,
});

/** Decides, and folds what was decided into the state. */
function issue(state: TaskState, data: TaskReminderIssuedData, on = '2024-04-10'): TaskState {
  const events = expectOk(decideTaskReminder(state, data, day(on)));
  expect(events).toEqual([{ type: 'TaskReminderIssued', schemaVersion: 1, data, occurredOn: on }]);
  return events.reduce(evolveTask, state);
}

describe('decideTaskReminder: each (rule, occurrence) once, never for a closed task or one on hold', () => {
  it('issues a reminder once; the same occurrence again is refused, the next one is issued', () => {
    const once = issue(receivedTask(), overdue('2024-03-31#1'));
    expect(once.status === 'not_assigned' ? null : once.lastReminders).toEqual({
      overdue: '2024-03-31#1',
    });
    expectRefused(
      decideTaskReminder(once, overdue('2024-03-31#1'), day('2024-04-11')),
      'reminder_already_issued',
    );
    const twice = issue(once, overdue('2024-03-31#2', 15), '2024-04-17');
    // Another rule keeps its own occurrence.
    const other = issue(twice, { ...overdue('2024-03-31'), rule: 'no_report' }, '2024-04-17');
    expect(other.status === 'not_assigned' ? null : other.lastReminders).toEqual({
      overdue: '2024-03-31#2',
      no_report: '2024-03-31',
    });
  });

  it('refuses a task that is not assigned, closed, completed or on hold', () => {
    const on = day('2024-04-10');
    expectRefused(decideTaskReminder(initialTaskState, overdue('x'), on), 'task_not_found');
    expectRefused(decideTaskReminder(cancelledTask(), overdue('x'), on), 'task_closed');
    expectRefused(decideTaskReminder(withdrawnTask(), overdue('x'), on), 'task_closed');
    expectRefused(decideTaskReminder(completedTask(), overdue('x'), on), 'task_already_completed');
    expectRefused(decideTaskReminder(onHoldTask(), overdue('x'), on), 'task_on_hold');
    expectRefused(
      decideTaskReminder(receivedTask(), overdue('x'), day('2024-01-01')),
      'date_before_assignment',
    );
  });

  it('reminds the tracking office of a completion awaiting confirmation', () => {
    issue(awaitingTask(), { ...overdue('2024-03-19'), rule: 'awaiting_confirmation', days: 4 });
  });

  it('says each rule in words, with its days', () => {
    for (const rule of REMINDER_RULES) {
      const words = reminderRuleWords(rule, 8);
      expect(words.vi.length).toBeGreaterThan(5);
      expect(words.en.length).toBeGreaterThan(5);
    }
    expect(reminderRuleWords('overdue', 8).vi).toBe('quá hạn 8 ngày');
  });
});
