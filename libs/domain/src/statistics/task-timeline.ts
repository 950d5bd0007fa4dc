import type { DomainEvent } from '../shared/domain-event';
import {
  isTaskEvent,
  type DeadlineChangeKind,
  type TaskAssigned,
  type TaskEvent,
} from '../task/task.events';
import type { TaskStatus } from '../task/task.state';

/**
 * What a task looked like over time, folded from its log once so that a report can classify it
 * at any past cut-off without reading the log again. Plain JSON: it is stored as a read-model
 * document and read back as is. Dates are `YYYY-MM-DD` business dates (the events' occurredOn).
 *
 * Every list is in log order. "In force at T" always means the last entry in log order dated on
 * or before T: that is what replaying the events dated ≤ T gives, even when a log holds a
 * back-dated event (a report dated last week, entered after today's events).
 */
export interface TaskTimeline {
  /** Shape of this document; bump it (and rebuild) when the shape changes. */
  readonly timelineVersion: 2;
  readonly id: string;
  readonly directiveId: string;
  readonly directiveReference: string;
  readonly assigningAgency: string;
  readonly title: string;
  readonly keyTask: boolean;
  readonly workProgrammeItem: boolean;
  readonly leaderInCharge: string | null;
  readonly assignedOn: string;
  /** The lead agency from assignment, then one entry per reassignment. */
  readonly leadAgencies: readonly LeadAgencyEntry[];
  /** Current supporting agencies (no report splits by them over time). */
  readonly supportAgencies: readonly string[];
  /** Assignment's deadline, then each approved extension and each resumption with a new one. */
  readonly deadlines: readonly DeadlineEntry[];
  /** Each completion report with what became of it. */
  readonly completions: readonly CompletionEntry[];
  readonly holds: readonly HoldEntry[];
  readonly closed: ClosedEntry | null;
  /** Current values, as the Task aggregate has them now. */
  readonly status: TaskStatus;
  readonly progress: number | null;
  readonly lastReportedOn: string | null;
  /** The deadline change request awaiting a decision, as the Task aggregate's pendingRequestId. */
  readonly pendingRequest: PendingRequestEntry | null;
}

export interface PendingRequestEntry {
  readonly requestId: string;
  readonly kind: DeadlineChangeKind;
  /** The agency that asked (the lead when it asked). */
  readonly agency: string;
  /** null for a withdrawal. */
  readonly proposedDeadline: string | null;
  readonly reason: string;
  readonly requestedOn: string;
}

export interface LeadAgencyEntry {
  readonly agency: string;
  readonly from: string;
}

type DeadlineSource = 'assignment' | 'extension' | 'resumption';

export interface DeadlineEntry {
  /** null: không thời hạn. */
  readonly deadline: string | null;
  /** The day it came into force: assignment, approval of the extension, or resumption. */
  readonly from: string;
  readonly source: DeadlineSource;
}

export interface CompletionEntry {
  readonly reportedOn: string;
  /** The day the work was done. */
  readonly completedOn: string;
  readonly resultDocument: string;
  readonly confirmedOn: string | null;
  readonly returnedOn: string | null;
}

export interface HoldEntry {
  readonly from: string;
  /** The day it resumed; null while on hold (and for a task closed while on hold). */
  readonly to: string | null;
}

export interface ClosedEntry {
  readonly kind: 'cancelled' | 'withdrawn';
  readonly on: string;
}

/**
 * Folds one event into the timeline. Accepts events as the store returns them (extra fields
 * such as position or recordedAt are ignored). Unknown types and unknown schema versions leave
 * the timeline as is, like evolveTask, so older code can fold newer logs; so does any event
 * before TaskAssigned. Nothing is re-checked: the log is the truth.
 */
export function evolveTaskTimeline(
  timeline: TaskTimeline | null,
  event: DomainEvent,
): TaskTimeline | null {
  if (!isTaskEvent(event)) return timeline;
  // A second TaskAssigned restarts the task, exactly as evolveTask does.
  if (event.type === 'TaskAssigned') return assigned(event);
  if (timeline === null) return timeline;
  return apply(timeline, event, event.occurredOn);
}

/** Folds a whole log (tests, rebuilds). */
export function foldTaskTimeline(events: Iterable<DomainEvent>): TaskTimeline | null {
  let timeline: TaskTimeline | null = null;
  for (const event of events) timeline = evolveTaskTimeline(timeline, event);
  return timeline;
}

function apply(t: TaskTimeline, event: TaskEvent, on: string): TaskTimeline {
  switch (event.type) {
    case 'TaskReceived':
      return { ...t, status: 'in_progress' };
    case 'TaskRefused':
      return { ...t, status: 'refused' };
    case 'TaskReassigned':
      return {
        ...t,
        // A task on hold stays on hold (it resumes as newly assigned), as in evolveTask.
        status: t.status === 'on_hold' ? 'on_hold' : 'assigned',
        leadAgencies: [...t.leadAgencies, { agency: event.data.to.leadAgency, from: on }],
        supportAgencies: [...event.data.to.supportAgencies],
        // The new lead has reported nothing yet.
        progress: null,
      };
    case 'TaskProgressReported':
      return event.data.role === 'lead'
        ? { ...t, progress: event.data.percent, lastReportedOn: on }
        : t;
    case 'TaskDeadlineChangeRequested':
      return {
        ...t,
        pendingRequest: {
          requestId: event.data.requestId,
          kind: event.data.kind,
          agency: event.data.agency,
          proposedDeadline: event.data.proposedDeadline,
          reason: event.data.reason,
          requestedOn: on,
        },
      };
    case 'TaskDeadlineChangeApproved': {
      const settled = settleRequest(t, event.data.requestId);
      // A withdrawal's approval changes no deadline; TaskWithdrawn closes the task.
      if (event.data.kind !== 'extension') return settled;
      return {
        ...settled,
        deadlines: [...t.deadlines, deadline(event.data.newDeadline, on, 'extension')],
      };
    }
    case 'TaskDeadlineChangeRejected':
      return settleRequest(t, event.data.requestId);
    case 'TaskCompletionReported':
      return {
        ...t,
        status: 'awaiting_confirmation',
        lastReportedOn: on,
        completions: [
          ...t.completions,
          {
            reportedOn: on,
            completedOn: event.data.completedOn,
            resultDocument: event.data.resultDocument,
            confirmedOn: null,
            returnedOn: null,
          },
        ],
      };
    case 'TaskCompletionConfirmed':
      return {
        ...t,
        status: 'completed',
        completions: settleOpenReport(t.completions, {
          // The confirmation repeats what was reported; it is the record that counts.
          completedOn: event.data.completedOn,
          resultDocument: event.data.resultDocument,
          confirmedOn: on,
        }),
      };
    case 'TaskCompletionReturned':
      return {
        ...t,
        status: 'returned',
        completions: settleOpenReport(t.completions, {
          completedOn: event.data.completedOn,
          resultDocument: event.data.resultDocument,
          returnedOn: on,
        }),
      };
    case 'TaskPutOnHold':
      return { ...t, status: 'on_hold', holds: [...t.holds, { from: on, to: null }] };
    case 'TaskResumed':
      return {
        ...t,
        status: event.data.restoredStatus,
        holds: endOpenHold(t.holds, on),
        // Counted as a change only when the resumption set another deadline (as evolveTask counts).
        deadlines: event.data.deadlineChanged
          ? [...t.deadlines, deadline(event.data.deadline, on, 'resumption')]
          : t.deadlines,
      };
    case 'TaskCancelled':
      return { ...t, status: 'cancelled', closed: { kind: 'cancelled', on } };
    case 'TaskWithdrawn':
      return { ...t, status: 'withdrawn', closed: { kind: 'withdrawn', on } };
    default:
      // Urges do not change what a report counts.
      return t;
  }
}

function assigned(event: TaskAssigned): TaskTimeline {
  const d = event.data;
  // evolveTask falls back to the event's date when the data lacks assignedOn; so does this.
  const assignedOn = d.assignedOn ?? event.occurredOn;
  return {
    timelineVersion: 2,
    id: d.taskId,
    directiveId: d.directiveId,
    directiveReference: d.directiveReference,
    assigningAgency: d.assigningAgency,
    title: d.title,
    keyTask: d.keyTask,
    workProgrammeItem: d.workProgrammeItem ?? false,
    leaderInCharge: d.leaderInCharge,
    assignedOn,
    leadAgencies: [{ agency: d.leadAgency, from: assignedOn }],
    supportAgencies: [...d.supportAgencies],
    deadlines: [deadline(d.deadline, assignedOn, 'assignment')],
    completions: [],
    holds: [],
    closed: null,
    status: 'assigned',
    progress: null,
    lastReportedOn: null,
    pendingRequest: null,
  };
}

/** Only the request decided on is settled, as evolveTask's settleRequest does. */
const settleRequest = (t: TaskTimeline, requestId: string): TaskTimeline =>
  t.pendingRequest?.requestId === requestId ? { ...t, pendingRequest: null } : t;

const deadline = (value: string | null, from: string, source: DeadlineSource): DeadlineEntry => ({
  deadline: value,
  from,
  source,
});

/**
 * Settles the report awaiting a decision (the last one, neither confirmed nor returned). A
 * confirmation with no report before it (a log this code cannot explain) is kept as a report
 * made and confirmed that day, so the task still counts as done.
 */
function settleOpenReport(
  reports: readonly CompletionEntry[],
  change: Partial<CompletionEntry> & Pick<CompletionEntry, 'completedOn' | 'resultDocument'>,
): CompletionEntry[] {
  const last = reports[reports.length - 1];
  if (last && last.confirmedOn === null && last.returnedOn === null) {
    return [...reports.slice(0, -1), { ...last, ...change }];
  }
  if (change.confirmedOn == null) return [...reports];
  return [
    ...reports,
    { reportedOn: change.confirmedOn, confirmedOn: null, returnedOn: null, ...change },
  ];
}

function endOpenHold(holds: readonly HoldEntry[], on: string): HoldEntry[] {
  const last = holds[holds.length - 1];
  if (!last || last.to !== null) return [...holds];
  return [...holds.slice(0, -1), { ...last, to: on }];
}
