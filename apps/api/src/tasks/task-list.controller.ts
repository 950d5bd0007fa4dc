import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { DueSoonQueryDto, OverdueQueryDto, TaskListQueryDto } from './task-list.dto';
import { DueSoonTasksQuery, ListTasksQuery, OverdueTasksQuery } from './task-list.queries';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TaskListController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Tasks from the read model, newest first, with filters and cursor paging',
  })
  list(@Query() params: TaskListQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new ListTasksQuery(params, ctx));
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Tasks overdue at a date (default today), most days overdue first' })
  overdue(@Query() params: OverdueQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new OverdueTasksQuery(params, ctx));
  }

  @Get('due-soon')
  @ApiOperation({
    summary: 'Tasks not done whose deadline falls within the next N days (default 7)',
  })
  dueSoon(@Query() params: DueSoonQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new DueSoonTasksQuery(params, ctx));
  }
}
