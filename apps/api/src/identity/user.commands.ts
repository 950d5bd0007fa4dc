import type { RequestContext } from '../common/request-context';
import type { ChangeContactDto, CreateUserDto, UpdateUserDto } from './users.dto';

export class CreateUserCommand {
  constructor(
    readonly body: CreateUserDto,
    readonly ctx: RequestContext,
    readonly userId?: string,
  ) {}
}

export class UpdateUserCommand {
  constructor(
    readonly userId: string,
    readonly body: UpdateUserDto,
    readonly ctx: RequestContext,
  ) {}
}

export class ChangeUserContactCommand {
  constructor(
    readonly userId: string,
    readonly body: ChangeContactDto,
    readonly ctx: RequestContext,
  ) {}
}
