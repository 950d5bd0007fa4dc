import type { TaskAssignedData, TaskEvent } from './task.events';
import {
  findRequest,
  initialTaskState,
  type AssignedTaskState,
  type DeadlineRequestState,
  type TaskState,
} from './task.state';

/**
 * Applies one event. The log is the truth, so nothing is re-checked here; an event that cannot
 * apply (a type this code does not know, anything before TaskAssigned) leaves the state as is,
 * which keeps old code able to fold newer logs.
 */
export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  if (event.type === 'TaskAssigned') return assigned(event.data, event.occurredOn);
  if (state.status === 'not_assigned') return state;
  const on = event.occurredOn;

  switch (event.type) {
    case 'TaskReceived':
      return { ...state, status: 'in_progress', receivedOn: on };

    case 'TaskRefused':
      return { ...state, status: 'refused', refusedBy: event.data.agency };

    case 'TaskReassigned': {
      const supports = [...event.data.to.supportAgencies];
      // A task on hold stays on hold; it will resume as newly assigned.
      const held = state.status === 'on_hold';
      return {
        ...state,
        status: held ? 'on_hold' : 'assigned',
        statusBeforeHold: held ? 'assigned' : null,
        leadAgency: event.data.to.leadAgency,
        supportAgencies: supports,
        supportProgress: pick(state.supportProgress, supports),
        receivedOn: null,
        progress: null,
        refusedBy: null,
        reassignments: state.reassignments + 1,
      };
    }

    case 'TaskProgressReported':
      return event.data.role === 'lead'
        ? { ...state, progress: event.data.percent, lastReportedOn: on }
        : {
            ...state,
            supportProgress: { ...state.supportProgress, [event.data.agency]: event.data.percent },
          };

    case 'TaskDeadlineChangeRequested': {
      const request: DeadlineRequestState = {
        kind: event.data.kind,
        proposedDeadline: event.data.proposedDeadline,
        reason: event.data.reason,
        status: 'pending',
        requestedOn: on,
        decidedOn: null,
        approvedDeadline: null,
      };
      return {
        ...state,
        requests: { ...state.requests, [event.data.requestId]: request },
        pendingRequestId: event.data.requestId,
      };
    }

    case 'TaskDeadlineChangeApproved': {
      const extension = event.data.kind === 'extension';
      const decided = settleRequest(state, event.data.requestId, {
        status: 'approved',
        decidedOn: on,
        approvedDeadline: extension ? event.data.newDeadline : null,
      });
      return extension
        ? {
            ...decided,
            deadline: event.data.newDeadline,
            deadlineChanges: state.deadlineChanges + 1,
          }
        : decided;
    }

    case 'TaskDeadlineChangeRejected':
      return settleRequest(state, event.data.requestId, { status: 'rejected', decidedOn: on });

    case 'TaskCompletionReported':
      return {
        ...state,
        status: 'awaiting_confirmation',
        lastReportedOn: on,
        completion: {
          reportedOn: on,
          completedOn: event.data.completedOn,
          resultDocument: event.data.resultDocument,
          confirmedOn: null,
        },
      };

    case 'TaskCompletionConfirmed':
      return {
        ...state,
        status: 'completed',
        closedOn: on,
        completion: {
          reportedOn: state.completion?.reportedOn ?? on,
          completedOn: event.data.completedOn,
          resultDocument: event.data.resultDocument,
          confirmedOn: on,
        },
      };

    case 'TaskCompletionReturned':
      return {
        ...state,
        status: 'returned',
        completion: null,
        returnedCount: state.returnedCount + 1,
      };

    case 'TaskUrged':
      return { ...state, lastUrgedOn: on, urgeCount: state.urgeCount + 1 };

    case 'TaskReminderIssued':
      return {
        ...state,
        lastReminders: { ...state.lastReminders, [event.data.rule]: event.data.occurrence },
      };

    case 'TaskPutOnHold':
      return { ...state, status: 'on_hold', statusBeforeHold: event.data.statusBeforeHold };

    case 'TaskResumed':
      return {
        ...state,
        status: event.data.restoredStatus,
        statusBeforeHold: null,
        deadline: event.data.deadline,
        deadlineChanges: state.deadlineChanges + (event.data.deadlineChanged ? 1 : 0),
      };

    case 'TaskCancelled':
      return { ...state, status: 'cancelled', statusBeforeHold: null, closedOn: on };

    case 'TaskWithdrawn':
      return { ...state, status: 'withdrawn', statusBeforeHold: null, closedOn: on };

    default:
      return state;
  }
}

export function foldTask(
  events: Iterable<TaskEvent>,
  from: TaskState = initialTaskState,
): TaskState {
  let state = from;
  for (const event of events) state = evolveTask(state, event);
  return state;
}

function assigned(d: TaskAssignedData, on: string): AssignedTaskState {
  return {
    status: 'assigned',
    id: d.taskId,
    directiveId: d.directiveId,
    directiveReference: d.directiveReference,
    assigningAgency: d.assigningAgency,
    title: d.title,
    leadAgency: d.leadAgency,
    supportAgencies: [...d.supportAgencies],
    leaderInCharge: d.leaderInCharge,
    keyTask: d.keyTask,
    workProgrammeItem: d.workProgrammeItem,
    assignedOn: d.assignedOn ?? on,
    receivedOn: null,
    originalDeadline: d.deadline,
    deadline: d.deadline,
    deadlineChanges: 0,
    statusBeforeHold: null,
    progress: null,
    supportProgress: {},
    lastReportedOn: null,
    requests: {},
    pendingRequestId: null,
    completion: null,
    returnedCount: 0,
    lastUrgedOn: null,
    urgeCount: 0,
    refusedBy: null,
    reassignments: 0,
    closedOn: null,
  };
}

function settleRequest(
  state: AssignedTaskState,
  requestId: string,
  change: Partial<DeadlineRequestState>,
): AssignedTaskState {
  const request = findRequest(state, requestId);
  if (!request) return state;
  return {
    ...state,
    requests: { ...state.requests, [requestId]: { ...request, ...change } },
    pendingRequestId: state.pendingRequestId === requestId ? null : state.pendingRequestId,
  };
}

function pick(
  progress: Readonly<Record<string, number>>,
  agencies: readonly string[],
): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const agency of agencies) {
    if (Object.prototype.hasOwnProperty.call(progress, agency)) kept[agency] = progress[agency];
  }
  return kept;
}
