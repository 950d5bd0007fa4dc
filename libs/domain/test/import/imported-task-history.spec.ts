/**
 * A row of an office's list told as the commands its people would have sent, and each history
 * the domain's own rules accept: assigned on the document's date, received, done on the day the
 * list gives with its result document, confirmed; a changed row brought forward; a row that
 * contradicts what the log holds refused, and what the log cannot take said, not done.
 */
import {
  decideTask,
  foldWith,
  isDomainError,
  parseTaskCommand,
  percentOfNote,
  planImportedTask,
  taskDecider,
  type Actor,
  type CalendarDate,
  type ImportedTaskFacts,
  type ImportedTaskTarget,
  type TaskState,
} from '../../src';

const TRACKER: Actor = { userId: 'u-tracker', roles: ['tracker'], agency: 'UBND-TINH' };
const d = (date: string) => date as CalendarDate;

const FACTS: ImportedTaskFacts = {
  title: 'Triển khai chữ ký số',
  leadAgency: 'STTTT',
  supportAgencies: ['STC'],
  leaderInCharge: null,
  deadline: d('2024-03-31'),
  progress: 'not_started',
  statusNote: null,
  completedOn: null,
  resultDocument: null,
};
const TARGET: ImportedTaskTarget = {
  taskId: 't-1',
  directiveId: 'd-1',
  directiveReference: '24/CTr-UBND',
  assigningAgency: 'UBND-TINH',
  assignedOn: d('2024-01-19'),
  today: d('2024-06-30'),
  importId: 'imp-1',
};

/** The plan's steps decided one after the other, as the commit does; the state they leave. */
function apply(facts: ImportedTaskFacts, state: TaskState = taskDecider.initialState) {
  const plan = planImportedTask(facts, TARGET, state);
  if (isDomainError(plan)) return { plan, state, types: [] as string[] };
  const types: string[] = [];
  let current = state;
  for (const step of plan.steps) {
    const command = parseTaskCommand({
      type: step.type,
      data: step.data,
      meta: { actor: TRACKER, occurredOn: step.occurredOn, receivedAt: '2024-06-30T03:00:00.000Z' },
    });
    if (isDomainError(command)) throw new Error(`${step.type}: ${command.message}`);
    const events = decideTask(command, current);
    if (isDomainError(events)) throw new Error(`${step.type}: ${events.message}`);
    for (const event of events) {
      current = taskDecider.evolve(current, event);
      types.push(`${event.type}@${event.occurredOn}`);
    }
  }
  return { plan, state: current, types };
}

describe('a row of the list as the history of a new task', () => {
  it('assigns a task not started on its document’s date, and does nothing more', () => {
    const { plan, types, state } = apply(FACTS);
    expect(plan).toMatchObject({ kind: 'new', changes: [], warnings: [] });
    expect(types).toEqual(['TaskAssigned@2024-01-19']);
    expect(state).toMatchObject({
      status: 'assigned',
      deadline: '2024-03-31',
      supportAgencies: ['STC'],
    });
  });

  it('receives a task in progress, and reports its progress only when the words give a percent', () => {
    expect(
      apply({ ...FACTS, progress: 'in_progress', statusNote: 'Đang thực hiện' }).types,
    ).toEqual(['TaskAssigned@2024-01-19', 'TaskReceived@2024-01-19']);
    const { types, state } = apply({
      ...FACTS,
      progress: 'in_progress',
      statusNote: 'Đang thực hiện, đạt 60%',
    });
    expect(types).toEqual([
      'TaskAssigned@2024-01-19',
      'TaskReceived@2024-01-19',
      'TaskProgressReported@2024-06-30',
    ]);
    expect(state).toMatchObject({ status: 'in_progress', progress: 60 });
  });

  it('completes a done task on its completion day with its result document, on time or late', () => {
    const done = { ...FACTS, progress: 'done' as const, resultDocument: '45/BC-STTTT' };
    const onTime = apply({ ...done, completedOn: d('2024-03-28') });
    expect(onTime.types).toEqual([
      'TaskAssigned@2024-01-19',
      'TaskReceived@2024-01-19',
      'TaskCompletionReported@2024-03-28',
      'TaskCompletionConfirmed@2024-03-28',
    ]);
    expect(onTime.state).toMatchObject({
      status: 'completed',
      completion: { completedOn: '2024-03-28', resultDocument: '45/BC-STTTT' },
    });
    const late = apply({ ...done, completedOn: d('2024-04-20') });
    expect(late.state).toMatchObject({ status: 'completed', closedOn: '2024-04-20' });
  });

  it('leaves to the task’s rules a completion dated before the assignment', () => {
    const plan = planImportedTask(
      { ...FACTS, progress: 'done', completedOn: d('2024-01-02'), resultDocument: '45/BC-STTTT' },
      TARGET,
      taskDecider.initialState,
    );
    expect(isDomainError(plan)).toBe(false);
    expect(() =>
      apply({
        ...FACTS,
        progress: 'done',
        completedOn: d('2024-01-02'),
        resultDocument: '45/BC-STTTT',
      }),
    ).toThrow(/ReportCompletion/);
  });
});

describe('a row of the list against the task the log holds', () => {
  const assigned = foldWith(taskDecider, []);
  const imported = (facts: ImportedTaskFacts) => apply(facts).state;

  it('finds nothing to do when the row says what the log says', () => {
    const state = imported({ ...FACTS, progress: 'in_progress', statusNote: 'đạt 60%' });
    expect(
      planImportedTask({ ...FACTS, progress: 'in_progress', statusNote: 'đạt 60%' }, TARGET, state),
    ).toMatchObject({
      kind: 'unchanged',
      steps: [],
    });
    const done = {
      ...FACTS,
      progress: 'done' as const,
      completedOn: d('2024-03-28'),
      resultDocument: '45/BC-STTTT',
    };
    expect(planImportedTask(done, TARGET, imported(done))).toMatchObject({ kind: 'unchanged' });
    expect(assigned.status).toBe('not_assigned');
  });

  it('moves a deadline already passed on the day it fell due, and says what changed in words', () => {
    const state = imported({ ...FACTS, progress: 'in_progress' });
    const later = { ...FACTS, progress: 'in_progress' as const, deadline: d('2024-05-31') };
    const { plan, types, state: after } = apply(later, state);
    expect(plan).toMatchObject({
      kind: 'changed',
      changes: [
        { field: 'deadline', labelVi: 'Thời hạn', before: '31/03/2024', after: '31/05/2024' },
      ],
    });
    expect(types).toEqual([
      'TaskDeadlineChangeRequested@2024-03-31',
      'TaskDeadlineChangeApproved@2024-03-31',
    ]);
    expect(after).toMatchObject({ deadline: '2024-05-31', originalDeadline: '2024-03-31' });
  });

  it('receives and completes a task the list now says is done', () => {
    const state = imported(FACTS);
    const {
      plan,
      types,
      state: after,
    } = apply(
      { ...FACTS, progress: 'done', completedOn: d('2024-06-25'), resultDocument: '77/BC-STTTT' },
      state,
    );
    expect(plan).toMatchObject({
      kind: 'changed',
      changes: [
        {
          field: 'status',
          before: 'đã giao, chờ tiếp nhận',
          after: 'đã hoàn thành ngày 25/06/2024',
        },
      ],
    });
    expect(types).toEqual([
      'TaskReceived@2024-06-25',
      'TaskCompletionReported@2024-06-25',
      'TaskCompletionConfirmed@2024-06-25',
    ]);
    expect(after.status).toBe('completed');
  });

  it('says, without doing it, what the log cannot take: a deadline removed, a deadline of a task not received', () => {
    const notReceived = imported(FACTS);
    const moved = planImportedTask({ ...FACTS, deadline: d('2024-09-30') }, TARGET, notReceived);
    expect(moved).toMatchObject({ kind: 'unchanged', steps: [] });
    expect(isDomainError(moved) ? [] : moved.warnings).toEqual([
      expect.stringMatching(/chưa tiếp nhận nhiệm vụ, nên thời hạn 31\/03\/2024 được giữ nguyên/),
    ]);
    const removed = planImportedTask({ ...FACTS, deadline: null }, TARGET, notReceived);
    expect(isDomainError(removed) ? [] : removed.warnings).toEqual([
      expect.stringMatching(/bỏ thời hạn không làm được/),
    ]);
  });

  it('refuses a row that would undo what the log holds: a completion on another day', () => {
    const done = {
      ...FACTS,
      progress: 'done' as const,
      completedOn: d('2024-03-28'),
      resultDocument: '45/BC-STTTT',
    };
    const refused = planImportedTask(
      { ...done, completedOn: d('2024-03-29') },
      TARGET,
      imported(done),
    );
    expect(isDomainError(refused) && refused.messageVi).toMatch(
      /đã hoàn thành ngày 28\/03\/2024 trong hệ thống/,
    );
    const reopened = planImportedTask(
      { ...FACTS, progress: 'in_progress' },
      TARGET,
      imported(done),
    );
    expect(isDomainError(reopened)).toBe(true);
  });
});

describe('percentOfNote', () => {
  it.each([
    ['Đang thực hiện, đạt 60%', 60],
    ['đạt 75,5 %', 75],
    ['Hoàn thành 100%', 100],
    ['Đang thực hiện', null],
    ['tăng 120%', null],
    [null, null],
  ])('%s → %s', (note, percent) => {
    expect(percentOfNote(note)).toBe(percent);
  });
});
