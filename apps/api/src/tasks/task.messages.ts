import type { CommandInput, TaskCommandType } from '@chidao/domain';
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
