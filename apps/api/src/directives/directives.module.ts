import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AssignTasksHandler,
  GetDirectiveHandler,
  RegisterDirectiveHandler,
} from './directive.handlers';
import { ListDirectivesHandler } from './directive-list.query';
import { WithdrawDirectiveHandler } from './directive-withdrawal.handler';
import { DirectivesController } from './directives.controller';

@Module({
  imports: [CqrsModule],
  controllers: [DirectivesController],
  providers: [
    RegisterDirectiveHandler,
    AssignTasksHandler,
    GetDirectiveHandler,
    ListDirectivesHandler,
    WithdrawDirectiveHandler,
  ],
})
export class DirectivesModule {}
