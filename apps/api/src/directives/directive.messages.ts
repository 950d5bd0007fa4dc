import type { RequestContext } from '../common/request-context';
import type { AssignTaskDto, RegisterDirectiveDto } from './directives.dto';

export const directiveStream = (directiveId: string) => `directive-${directiveId}`;
// One stream per (issuing body, year, number, symbol): a second registration of the same document fails.
export const directiveKeyStream = (documentKey: string) => `directive-key-${documentKey}`;

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
