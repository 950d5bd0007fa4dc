import type { RequestContext } from '../common/request-context';
import type { AssignTaskDto, RegisterDirectiveDto, WithdrawDirectiveDto } from './directives.dto';

export class RegisterDirectiveCommand {
  constructor(
    readonly body: RegisterDirectiveDto,
    readonly ctx: RequestContext,
  ) {}
}

export class AssignTasksCommand {
  constructor(
    readonly directiveId: string,
    readonly tasks: readonly AssignTaskDto[],
    readonly ctx: RequestContext,
  ) {}
}

export class GetDirectiveQuery {
  constructor(
    readonly directiveId: string,
    readonly ctx: RequestContext,
  ) {}
}

export class WithdrawDirectiveCommand {
  constructor(
    readonly directiveId: string,
    readonly body: WithdrawDirectiveDto,
    readonly ctx: RequestContext,
  ) {}
}
