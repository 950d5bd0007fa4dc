import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, type RequestContext } from '../common/request-context';
import {
  DueSoonQueryDto,
  OverdueQueryDto,
  TaskListQueryDto,
  TaskTableExportDto,
  TaskTableQueryDto,
} from './task-list.dto';
import { EXPORT_CONTENT_TYPES, sendTableFile } from '../exports/send-table-file';
import { TASK_EXPORT_COLUMNS } from './task-list.export';
import { filtersInWords } from './task-list.filters';
import {
  DueSoonTasksQuery,
  ListTasksQuery,
  OverdueTasksQuery,
  TaskTableListHandler,
  TaskTableListQuery,
} from './task-list.queries';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TaskListController {
  private readonly logger = new Logger(TaskListController.name);

  constructor(
    private readonly queries: QueryBus,
    private readonly table: TaskTableListHandler,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Tasks from the read model, newest first, with filters and cursor paging',
  })
  list(@Query() params: TaskListQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new ListTasksQuery(params, ctx));
  }

  @Get('list')
  @ApiOperation({
    summary:
      'The task list screen: one page of a filtered, sorted list with its total; with class, awaiting or a period, exactly what the completion statistics count',
  })
  listPage(@Query() params: TaskTableQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new TaskTableListQuery(params, ctx));
  }

  @Get('list/export')
  @ApiProduces(EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv)
  @ApiOperation({ summary: 'The same list, every row, as .xlsx or CSV (Vietnamese headers)' })
  async export(
    @Query() params: TaskTableExportDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const format = params.format ?? 'xlsx';
    // Everything that can refuse (scope, period) runs before the first byte.
    const { at, items } = await this.table.rows(params, ctx);
    await sendTableFile(res, this.logger, {
      format,
      // The name the web app and people's folders have known since the first export.
      name: `danh-sach-nhiem-vu-${at}`,
      columns: TASK_EXPORT_COLUMNS,
      rows: items,
      heading: {
        sheet: 'Danh sách nhiệm vụ',
        lines: ['Danh sách nhiệm vụ', filtersInWords(params, at, this.table.agencyName, items)],
      },
    });
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
