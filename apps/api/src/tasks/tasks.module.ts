import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteTaskHandler, GetTaskHandler, GetTaskHistoryHandler } from './task.handlers';
import { TasksController } from './tasks.controller';

@Module({
  imports: [CqrsModule],
  controllers: [TasksController],
  providers: [ExecuteTaskHandler, GetTaskHandler, GetTaskHistoryHandler],
})
export class TasksModule {}
