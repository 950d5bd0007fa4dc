import { checkAgenciesUsable, type AgencyLookup } from '../shared/agency-lookup';
import type { DomainError } from '../shared/domain-error';
import type { Actor } from '../shared/actor';
import { taskCommandFacts, type TaskCommandFacts } from '../task/task-command-facts';
import type { TaskCommand, TaskCommandType } from '../task/task.commands';
import type { AssignedTaskState } from '../task/task.state';
import type { AgencyScope } from './agency-scope';
import { authorizeTaskAction, type TaskAction } from './task-permissions';

/** What a task command needs of the agency register: which codes exist, and the hierarchy. */
export interface AgencyRegister extends AgencyLookup, AgencyScope {}

/** Which line of the permission table each task command falls under. */
const TASK_ACTIONS: Readonly<Record<TaskCommandType, TaskAction>> = {
  AssignTask: 'assign',
  ReceiveTask: 'receive',
  RefuseTask: 'refuse',
  ReassignTask: 'reassign',
  ReportTaskProgress: 'report_progress',
  RequestDeadlineChange: 'request_deadline_change',
  ApproveDeadlineChange: 'decide_deadline_change',
  RejectDeadlineChange: 'decide_deadline_change',
  ReportCompletion: 'report_completion',
  ConfirmCompletion: 'confirm_completion',
  ReturnCompletion: 'return_completion',
  UrgeTask: 'urge',
  PutTaskOnHold: 'hold',
  ResumeTask: 'resume',
  CancelTask: 'cancel',
};

/**
 * May the command's actor send it to this task (an assignment: to the task it describes), and
 * are the agencies it sends work to registered and active? Null when so; otherwise the refusal.
 */
export function authorizeTaskCommand(
  command: TaskCommand,
  task: AssignedTaskState | null,
  register: AgencyRegister,
): DomainError | null {
  const facts = taskCommandFacts(command.data);
  return authorizeTaskFacts(command.type, facts, command.meta.actor, task, register);
}

/**
 * The same, from what a command as it arrives says of whom it concerns (see TaskCommandFacts):
 * a sender the table refuses hears so before anything about the rest of the form.
 */
export function authorizeTaskFacts(
  type: TaskCommandType,
  facts: TaskCommandFacts,
  actor: Actor,
  task: AssignedTaskState | null,
  register: AgencyRegister,
): DomainError | null {
  const action = TASK_ACTIONS[type];
  if (type === 'AssignTask') {
    const { assigningAgency, leadAgency, supportAgencies = [] } = facts;
    if (assigningAgency === undefined || leadAgency === undefined) return null;
    return (
      checkAgenciesUsable(register, [leadAgency, ...supportAgencies]) ??
      authorizeTaskAction(actor, action, { assigningAgency, leadAgency, supportAgencies }, register)
    );
  }
  if (task === null) return null;
  const reportingAgency = type === 'ReportTaskProgress' ? facts.agency : undefined;
  const refusal = authorizeTaskAction(actor, action, task, register, { reportingAgency });
  if (refusal || type !== 'ReassignTask' || facts.leadAgency === undefined) return refusal;
  // May act on this task; now: is the destination a real agency, and within their scope?
  const { leadAgency, supportAgencies = [] } = facts;
  return (
    checkAgenciesUsable(register, [leadAgency, ...supportAgencies]) ??
    authorizeTaskAction(actor, action, task, register, {
      newLeadAgency: leadAgency,
      newSupportAgencies: facts.supportAgencies,
    })
  );
}
