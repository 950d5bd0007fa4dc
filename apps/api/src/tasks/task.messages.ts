import type { TaskCommand } from '@chidao/domain';
import type { RequestContext } from '../common/request-context';

export const taskStream = (taskId: string) => `task-${taskId}`;

/** A task command from HTTP: the domain command plus who sent it and the version they saw. */
export class ExecuteTaskCommand {
  constructor(
    readonly taskId: string,
    readonly command: TaskCommand,
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
