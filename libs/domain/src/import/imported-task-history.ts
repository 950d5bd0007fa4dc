/**
 * What an office's list says of one task, told as the commands the people involved would have
 * sent, dated as the list dates them, so the statistics of past periods come out as the office
 * kept them. The commands then go through the task's own rules (decideTask); the permission
 * table is the import's (authorizeImport), since one person enters a history many made.
 *
 * Nothing is guessed: a list says assigned on the document's date, received when work is under
 * way, done on its completion date with its result document; a percentage only when the words
 * give one. A list cannot undo what the log holds (a completion, a cancellation): such a row is
 * a problem, never a silent rewrite.
 */
import { formatVietnameseDate, minDate, type CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';
import type { TaskCommand } from '../task/task.commands';
import { isTaskAssigned, TASK_STATUS_LABELS_VI, type TaskState } from '../task/task.state';

export type ImportedProgress = 'done' | 'in_progress' | 'not_started';

/** What one row of the list says of its task, as read (libs/imports' readTaskRow). */
export interface ImportedTaskFacts {
  readonly title: string;
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
  readonly leaderInCharge: string | null;
  /** null: no deadline. */
  readonly deadline: CalendarDate | null;
  readonly progress: ImportedProgress;
  /** The status column's words, kept as the import's report of progress. */
  readonly statusNote: string | null;
  readonly completedOn: CalendarDate | null;
  /**
   * The result document of a done task, canonical: from its own column, or the first reference
   * the status words cite ("Đã hoàn thành (Báo cáo số 45/BC-STTTT)"); null otherwise.
   */
  readonly resultDocument: string | null;
}

/** Where the row's task lives and the days that frame its history. */
export interface ImportedTaskTarget {
  readonly taskId: string;
  readonly directiveId: string;
  readonly directiveReference: string;
  readonly assigningAgency: string;
  /** The day it was assigned: the document's issue date. */
  readonly assignedOn: CalendarDate;
  /** The import's day: what the list says of now (a changed deadline, a percentage) is dated so. */
  readonly today: CalendarDate;
  /** Unique to the import: names the deadline request a changed deadline is entered by. */
  readonly importId: string;
}

/** A command to decide, dated. */
export interface ImportStep {
  readonly occurredOn: CalendarDate;
  readonly type: TaskCommand['type'];
  readonly data: Readonly<Record<string, unknown>>;
}

/** A difference between the list and the task as the log has it, in words. */
export interface ImportedChange {
  readonly field: 'deadline' | 'status' | 'progress';
  readonly labelVi: string;
  readonly before: string;
  readonly after: string;
}

export interface ImportedTaskPlan {
  /** new: no task yet; changed: steps bring it to what the list says; unchanged: nothing to do. */
  readonly kind: 'new' | 'changed' | 'unchanged';
  readonly steps: readonly ImportStep[];
  readonly changes: readonly ImportedChange[];
  /** What the list says that is not applied, and why (in Vietnamese): shown, never blocking. */
  readonly warnings: readonly string[];
}

const REASON = 'Cập nhật theo danh sách nhiệm vụ được nhập';

/** "Đang thực hiện, đạt 60%" → 60; a percentage only when the words give one. */
export function percentOfNote(note: string | null): number | null {
  const match = note?.match(/(\d{1,3})(?:[.,]\d+)?\s*%/);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent <= 100 ? percent : null;
}

export function planImportedTask(
  facts: ImportedTaskFacts,
  target: ImportedTaskTarget,
  state: TaskState,
): ImportedTaskPlan | DomainError {
  return isTaskAssigned(state)
    ? planChanges(facts, target, state)
    : { kind: 'new', steps: newTaskSteps(facts, target), changes: [], warnings: [] };
}

function newTaskSteps(facts: ImportedTaskFacts, target: ImportedTaskTarget): ImportStep[] {
  const on = target.assignedOn;
  const steps: ImportStep[] = [
    {
      occurredOn: on,
      type: 'AssignTask',
      data: {
        taskId: target.taskId,
        directiveId: target.directiveId,
        directiveReference: target.directiveReference,
        assigningAgency: target.assigningAgency,
        title: facts.title,
        leadAgency: facts.leadAgency,
        supportAgencies: facts.supportAgencies,
        deadline: facts.deadline,
        keyTask: false,
        workProgrammeItem: false,
        leaderInCharge: facts.leaderInCharge,
      },
    },
  ];
  if (facts.progress === 'not_started') return steps;
  steps.push({ occurredOn: on, type: 'ReceiveTask', data: {} });
  if (facts.progress === 'done') return [...steps, ...completionSteps(facts)];
  return [...steps, ...progressSteps(facts, target, null)];
}

function completionSteps(facts: ImportedTaskFacts): ImportStep[] {
  const on = facts.completedOn!;
  return [
    {
      occurredOn: on,
      type: 'ReportCompletion',
      data: { completedOn: on, resultDocument: facts.resultDocument, note: facts.statusNote },
    },
    { occurredOn: on, type: 'ConfirmCompletion', data: {} },
  ];
}

function progressSteps(
  facts: ImportedTaskFacts,
  target: ImportedTaskTarget,
  reported: number | null,
): ImportStep[] {
  const percent = percentOfNote(facts.statusNote);
  if (percent === null || percent === reported) return [];
  return [
    {
      occurredOn: target.today,
      type: 'ReportTaskProgress',
      data: { agency: facts.leadAgency, percent, note: facts.statusNote, documents: [] },
    },
  ];
}

const CLOSED = new Set(['completed', 'cancelled', 'withdrawn']);

function planChanges(
  facts: ImportedTaskFacts,
  target: ImportedTaskTarget,
  state: Extract<TaskState, { id: string }>,
): ImportedTaskPlan | DomainError {
  const steps: ImportStep[] = [];
  const changes: ImportedChange[] = [];
  const warnings: string[] = [];
  const day = (date: string | null) =>
    date === null ? 'không thời hạn' : formatVietnameseDate(date as CalendarDate);

  if (CLOSED.has(state.status)) {
    const sameCompletion =
      state.status === 'completed' &&
      facts.progress === 'done' &&
      state.completion?.completedOn === facts.completedOn;
    if (sameCompletion) return { kind: 'unchanged', steps, changes, warnings };
    return cannotUndo(
      `Nhiệm vụ đã ${TASK_STATUS_LABELS_VI[state.status].replace(/^đã /, '')}${
        state.closedOn ? ` ngày ${day(state.closedOn)}` : ''
      } trong hệ thống; danh sách không sửa được điều này. Hãy sửa dòng cho khớp hoặc xóa dòng.`,
    );
  }

  const received = state.status !== 'assigned';
  const started = facts.progress !== 'not_started';
  // The list does not say when the deadline moved. The rules take a change asked for by the
  // deadline only, so a change to a deadline already passed is dated on that deadline (the last
  // day it could have been made), any other on the import's day.
  const changeOn =
    state.deadline !== null && state.deadline < target.today
      ? (state.deadline as CalendarDate)
      : target.today;
  let moveDeadline = facts.deadline !== state.deadline;
  if (moveDeadline && facts.deadline === null) {
    warnings.push(
      `Danh sách ghi không thời hạn, nhưng nhiệm vụ có thời hạn ${day(state.deadline)} trong hệ thống; bỏ thời hạn không làm được qua nhập danh sách nên thời hạn được giữ nguyên.`,
    );
    moveDeadline = false;
  } else if (moveDeadline && !received && !started) {
    warnings.push(
      `Thời hạn mới (${day(facts.deadline)}) chưa được ghi: cơ quan chủ trì chưa tiếp nhận nhiệm vụ, nên thời hạn ${day(state.deadline)} được giữ nguyên.`,
    );
    moveDeadline = false;
  }

  if (!received && started) {
    // Received by the time anything else the list says happened.
    const before = [
      target.today,
      ...(moveDeadline ? [changeOn] : []),
      ...(facts.progress === 'done' && facts.completedOn ? [facts.completedOn] : []),
    ];
    steps.push({ occurredOn: before.reduce(minDate), type: 'ReceiveTask', data: {} });
    if (facts.progress === 'in_progress') {
      changes.push({
        field: 'status',
        labelVi: 'Tình hình thực hiện',
        before: TASK_STATUS_LABELS_VI[state.status],
        after: TASK_STATUS_LABELS_VI.in_progress,
      });
    }
  }

  if (moveDeadline) {
    changes.push({
      field: 'deadline',
      labelVi: 'Thời hạn',
      before: day(state.deadline),
      after: day(facts.deadline),
    });
    const requestId = `${target.importId}-thoihan`;
    steps.push(
      {
        occurredOn: changeOn,
        type: 'RequestDeadlineChange',
        data: { requestId, kind: 'extension', proposedDeadline: facts.deadline, reason: REASON },
      },
      { occurredOn: changeOn, type: 'ApproveDeadlineChange', data: { requestId } },
    );
  }

  if (facts.progress === 'done') {
    changes.push({
      field: 'status',
      labelVi: 'Tình hình thực hiện',
      before: TASK_STATUS_LABELS_VI[state.status],
      after: `đã hoàn thành ngày ${day(facts.completedOn)}`,
    });
    if (state.status === 'awaiting_confirmation') {
      if (state.completion?.completedOn !== facts.completedOn) {
        return cannotUndo(
          `Cơ quan chủ trì đã báo cáo hoàn thành ngày ${day(state.completion?.completedOn ?? null)}, khác ngày trong danh sách; hãy xác nhận hoặc trả lại báo cáo trên hệ thống.`,
        );
      }
      steps.push({ occurredOn: target.today, type: 'ConfirmCompletion', data: {} });
    } else {
      steps.push(...completionSteps(facts));
    }
  } else if (started) {
    const progress = progressSteps(facts, target, state.progress);
    if (progress.length > 0) {
      changes.push({
        field: 'progress',
        labelVi: 'Tiến độ',
        before: state.progress === null ? 'chưa báo cáo' : `${state.progress}%`,
        after: `${percentOfNote(facts.statusNote)}%`,
      });
      steps.push(...progress);
    }
  }
  return { kind: steps.length === 0 ? 'unchanged' : 'changed', steps, changes, warnings };
}

const cannotUndo = (vi: string) =>
  new DomainError(
    'rule_refused',
    'import_cannot_change_history',
    'The list contradicts what the log holds of this task; imports never rewrite history.',
    vi,
  );
