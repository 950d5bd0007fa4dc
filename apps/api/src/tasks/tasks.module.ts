import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  DueSoonTasksHandler,
  ListTasksHandler,
  OverdueTasksHandler,
  TaskTableListHandler,
} from './task-list.queries';
import { TaskListController } from './task-list.controller';
import { ExecuteTaskHandler, GetTaskHandler, GetTaskHistoryHandler } from './task.handlers';
import { TasksController } from './tasks.controller';
import { GetTaskUrgesHandler, TaskUrgesController } from './task-urges';
import { BulkUrgeController, BulkUrgeHandler } from './task-bulk-urge';

@Module({
  imports: [CqrsModule],
  // The list routes first: /api/tasks/overdue must not be taken for a task id.
  controllers: [TaskListController, BulkUrgeController, TasksController, TaskUrgesController],
  providers: [
    ExecuteTaskHandler,
    GetTaskHandler,
    GetTaskHistoryHandler,
    ListTasksHandler,
    OverdueTasksHandler,
    DueSoonTasksHandler,
    GetTaskUrgesHandler,
    BulkUrgeHandler,
    TaskTableListHandler,
  ],
})
export class TasksModule {}
