import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AssignTasksHandler,
  GetDirectiveHandler,
  RegisterDirectiveHandler,
} from './directive.handlers';
import { ListDirectivesHandler } from './directive-list.query';
import { DirectivesController } from './directives.controller';

@Module({
  imports: [CqrsModule],
  controllers: [DirectivesController],
  providers: [
    RegisterDirectiveHandler,
    AssignTasksHandler,
    GetDirectiveHandler,
    ListDirectivesHandler,
  ],
})
export class DirectivesModule {}
