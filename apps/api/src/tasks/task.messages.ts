import type { AssignedTaskState, CommandInput, TaskCommandType } from '@chidao/domain';
import type { RequestContext } from '../common/request-context';

/** A task command from HTTP, as received (parseTaskCommand checks it), with the version seen. */
export class ExecuteTaskCommand {
  constructor(
    readonly taskId: string,
    readonly command: CommandInput<TaskCommandType>,
    readonly ctx: RequestContext,
    readonly ifMatch?: number,
  ) {}
}

export class GetTaskQuery {
  constructor(
    readonly taskId: string,
    readonly ctx: RequestContext,
  ) {}
}

export class GetTaskHistoryQuery {
  constructor(
    readonly taskId: string,
    readonly ctx: RequestContext,
  ) {}
}

/** A person urged a task (published after TaskUrged is in the log): reminders send it on. */
export class TaskUrgedNotice {
  constructor(
    readonly taskId: string,
    readonly task: AssignedTaskState,
    /** The task's stream version after the urge: names this urge among the task's. */
    readonly version: number,
    readonly kind: string,
    readonly message: string | null,
    readonly ctx: RequestContext,
  ) {}
}
