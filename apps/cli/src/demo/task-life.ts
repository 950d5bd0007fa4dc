/**
 * How one demo task goes, in business dates, and the commands that tell it. A life is written
 * as the people involved would act (assign, receive, report, ask for more time, report done,
 * confirm or return); the writer sends each command through the domain, dated as given.
 */
import type { AssignTaskData, DataInput, TaskCommand, UrgeKind } from '@chidao/domain';

/** Who sends a command: resolved to a demo account by the writer. */
export type ActorRef = 'admin' | 'leader' | 'tracker' | 'lead' | { readonly supporter: string };

export interface TaskStep {
  readonly on: string;
  readonly actor: ActorRef;
  /** As the clerk sends it; the writer parses it as the API does. */
  readonly command: { readonly type: TaskCommand['type']; readonly data: object };
}

export interface TaskLife {
  readonly assignedOn: string;
  readonly assignment: DataInput<AssignTaskData>;
  /** The lead says "not ours"; the office gives it to another agency, which receives it. */
  readonly refusal?: {
    readonly on: string;
    readonly reason: string;
    readonly reassignedOn: string;
    readonly newLead: string;
    readonly receivedOn: string;
  };
  readonly receivedOn?: string;
  readonly progress?: readonly {
    readonly on: string;
    readonly percent: number;
    readonly note: string;
    readonly documents?: readonly string[];
    /** A supporting agency reporting its part; the lead when absent. */
    readonly supporter?: string;
  }[];
  readonly extension?: {
    readonly requestedOn: string;
    readonly proposedDeadline: string;
    readonly reason: string;
    readonly decidedOn: string;
    /** Approved, or rejected with this reason. */
    readonly rejected?: string;
  };
  readonly urges?: readonly {
    readonly on: string;
    readonly kind: UrgeKind;
    readonly message: string;
  }[];
  /** Reports in order; every one but the last is returned. */
  readonly completions?: readonly {
    readonly completedOn: string;
    readonly reportedOn: string;
    readonly resultDocument: string;
    readonly note?: string;
    readonly returned?: { readonly on: string; readonly reason: string };
    readonly confirmedOn?: string;
  }[];
  readonly cancelled?: { readonly on: string; readonly reason: string };
}

// Same-day commands in the order work happens: receive before reporting, decide before confirming.
const RANK: Record<TaskCommand['type'], number> = {
  AssignTask: 0,
  RefuseTask: 1,
  ReassignTask: 2,
  ReceiveTask: 3,
  ReportTaskProgress: 4,
  RequestDeadlineChange: 5,
  ApproveDeadlineChange: 6,
  RejectDeadlineChange: 6,
  UrgeTask: 7,
  PutTaskOnHold: 7,
  ResumeTask: 7,
  ReportCompletion: 8,
  ConfirmCompletion: 9,
  ReturnCompletion: 9,
  CancelTask: 10,
};

/**
 * The life's commands in date order, up to `today` included: what has happened by today. A
 * later step is never kept after an earlier one is dropped, so the result is always a life the
 * domain can accept so far (a completion reported yesterday simply awaits confirmation).
 */
export function taskSteps(life: TaskLife, today: string): TaskStep[] {
  const steps: (TaskStep & { order: number })[] = [];
  const add = (on: string, actor: ActorRef, type: TaskCommand['type'], data: object) =>
    steps.push({ on, actor, command: { type, data }, order: steps.length });

  add(life.assignedOn, 'tracker', 'AssignTask', life.assignment);
  if (life.refusal) {
    const r = life.refusal;
    add(r.on, 'lead', 'RefuseTask', { reason: r.reason });
    add(r.reassignedOn, 'tracker', 'ReassignTask', {
      leadAgency: r.newLead,
      reason: `Giao lại cho đơn vị đúng chức năng: ${r.reason}`,
    });
    add(r.receivedOn, 'lead', 'ReceiveTask', {});
  } else if (life.receivedOn) {
    add(life.receivedOn, 'lead', 'ReceiveTask', {});
  }
  for (const p of life.progress ?? []) {
    add(p.on, p.supporter ? { supporter: p.supporter } : 'lead', 'ReportTaskProgress', {
      agency: p.supporter ?? '',
      percent: p.percent,
      note: p.note,
      documents: p.documents ?? [],
    });
  }
  const x = life.extension;
  if (x) {
    const requestId = `${life.assignment.taskId}-gh1`;
    add(x.requestedOn, 'lead', 'RequestDeadlineChange', {
      requestId,
      kind: 'extension',
      proposedDeadline: x.proposedDeadline,
      reason: x.reason,
    });
    if (x.rejected) {
      add(x.decidedOn, 'leader', 'RejectDeadlineChange', { requestId, reason: x.rejected });
    } else {
      add(x.decidedOn, 'leader', 'ApproveDeadlineChange', { requestId });
    }
  }
  for (const u of life.urges ?? [])
    add(u.on, 'tracker', 'UrgeTask', { kind: u.kind, message: u.message });
  for (const c of life.completions ?? []) {
    add(c.reportedOn, 'lead', 'ReportCompletion', {
      completedOn: c.completedOn,
      resultDocument: c.resultDocument,
      note: c.note ?? null,
    });
    if (c.returned)
      add(c.returned.on, 'tracker', 'ReturnCompletion', { reason: c.returned.reason });
    else if (c.confirmedOn) add(c.confirmedOn, 'tracker', 'ConfirmCompletion', {});
  }
  if (life.cancelled)
    add(life.cancelled.on, 'leader', 'CancelTask', { reason: life.cancelled.reason });

  steps.sort((a, b) =>
    a.on !== b.on
      ? a.on < b.on
        ? -1
        : 1
      : RANK[a.command.type] - RANK[b.command.type] || a.order - b.order,
  );
  const kept: TaskStep[] = [];
  for (const { on, actor, command } of steps) {
    if (on > today) break;
    kept.push({ on, actor, command });
  }
  return kept;
}
