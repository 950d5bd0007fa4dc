import type { TaskAction, TaskCommand } from '@chidao/domain';

/** Which line of the permission table a task command falls under. */
export function actionOf(command: TaskCommand): TaskAction {
  switch (command.type) {
    case 'AssignTask':
      return 'assign';
    case 'ReceiveTask':
      return 'receive';
    case 'RefuseTask':
      return 'refuse';
    case 'ReassignTask':
      return 'reassign';
    case 'ReportTaskProgress':
      return 'report_progress';
    case 'RequestDeadlineChange':
      return 'request_deadline_change';
    case 'ApproveDeadlineChange':
    case 'RejectDeadlineChange':
      return 'decide_deadline_change';
    case 'ReportCompletion':
      return 'report_completion';
    case 'ConfirmCompletion':
      return 'confirm_completion';
    case 'ReturnCompletion':
      return 'return_completion';
    case 'UrgeTask':
      return 'urge';
    case 'PutTaskOnHold':
      return 'hold';
    case 'ResumeTask':
      return 'resume';
    case 'CancelTask':
      return 'cancel';
  }
}
