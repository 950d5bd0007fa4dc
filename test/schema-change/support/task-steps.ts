/**
 * The steps of a task's life in business dates, one command each, with who sends it. A step may
 * say when it was typed in (`entered`, Vietnam time); otherwise it is entered on its own day.
 */
import type { TaskCommand, UrgeKind } from '@chidao/domain';

/** `lead`: the staff of whichever agency leads the task when the step is taken. */
export type Who = 'leader' | 'tracker' | 'lead' | { readonly staffOf: string };

export interface Step {
  readonly on: string;
  /** 'YYYY-MM-DD HH:MM' in Vietnam time; later than `on` for a back-dated entry. */
  readonly entered?: string;
  readonly by: Who;
  readonly type: Exclude<TaskCommand['type'], 'AssignTask'>;
  readonly data: unknown;
}

type Entered = { entered?: string };
const step = (
  on: string,
  by: Who,
  type: Step['type'],
  data: unknown,
  options: Entered = {},
): Step => ({ on, by, type, data, ...options });

export const receive = (on: string, options?: Entered) =>
  step(on, 'lead', 'ReceiveTask', {}, options);

export const refuse = (on: string, reason: string) => step(on, 'lead', 'RefuseTask', { reason });

export const progress = (
  on: string,
  percent: number,
  note: string,
  options: Entered & { documents?: string[] } = {},
) =>
  step(
    on,
    'lead',
    'ReportTaskProgress',
    { agency: '', percent, note, documents: options.documents ?? [] },
    options,
  );

/** A supporting agency reporting its own part. */
export const supportProgress = (on: string, agency: string, percent: number, note: string) =>
  step(on, { staffOf: agency }, 'ReportTaskProgress', { agency, percent, note });

/** `supportAgencies` omitted: the domain keeps the current ones, minus the new lead. */
export const reassign = (
  on: string,
  by: 'leader' | 'tracker',
  leadAgency: string,
  reason: string,
  options: Entered & { supportAgencies?: string[] } = {},
) =>
  step(
    on,
    by,
    'ReassignTask',
    {
      leadAgency,
      ...(options.supportAgencies ? { supportAgencies: options.supportAgencies } : {}),
      reason,
    },
    options,
  );

export const requestExtension = (
  on: string,
  requestId: string,
  proposedDeadline: string,
  reason: string,
) =>
  step(on, 'lead', 'RequestDeadlineChange', {
    requestId,
    kind: 'extension',
    proposedDeadline,
    reason,
  });

export const requestWithdrawal = (on: string, requestId: string, reason: string) =>
  step(on, 'lead', 'RequestDeadlineChange', { requestId, kind: 'withdrawal', reason });

export const approve = (on: string, requestId: string) =>
  step(on, 'leader', 'ApproveDeadlineChange', { requestId });

export const reject = (on: string, requestId: string, reason: string) =>
  step(on, 'leader', 'RejectDeadlineChange', { requestId, reason });

export const reportDone = (
  on: string,
  completedOn: string,
  resultDocument: string,
  options: Entered & { note?: string } = {},
) =>
  step(
    on,
    'lead',
    'ReportCompletion',
    { completedOn, resultDocument, note: options.note ?? null },
    options,
  );

export const confirm = (on: string, options?: Entered) =>
  step(on, 'tracker', 'ConfirmCompletion', {}, options);

export const giveBack = (on: string, reason: string) =>
  step(on, 'tracker', 'ReturnCompletion', { reason });

export const urge = (on: string, kind: UrgeKind, message: string) =>
  step(on, 'tracker', 'UrgeTask', { kind, message });

export const hold = (on: string, reason: string) => step(on, 'leader', 'PutTaskOnHold', { reason });

export const resume = (on: string, newDeadline?: string) =>
  step(on, 'leader', 'ResumeTask', newDeadline ? { newDeadline } : {});

export const cancel = (on: string, reason: string) => step(on, 'leader', 'CancelTask', { reason });
