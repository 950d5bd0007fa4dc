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
import { taskListCsv, writeTaskListXlsx } from './task-list.export';
import { filtersInWords } from './task-list.filters';
import {
  DueSoonTasksQuery,
  ListTasksQuery,
  OverdueTasksQuery,
  TaskTableListHandler,
  TaskTableListQuery,
} from './task-list.queries';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

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
  @ApiProduces(CONTENT_TYPES.xlsx, CONTENT_TYPES.csv)
  @ApiOperation({ summary: 'The same list, every row, as .xlsx or CSV (Vietnamese headers)' })
  async export(
    @Query() params: TaskTableExportDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const format = params.format ?? 'xlsx';
    // Everything that can refuse (scope, period) runs before the first byte.
    const { at, items } = await this.table.rows(params, ctx);
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="danh-sach-nhiem-vu-${at}.${format}"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (format === 'csv') {
        for (const chunk of taskListCsv(items)) {
          if (res.destroyed) return;
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      } else {
        await writeTaskListXlsx(res, items, {
          title: 'Danh sách nhiệm vụ',
          filters: filtersInWords(params, at, this.table.agencyName, items),
        });
      }
    } catch (error) {
      // After the first byte only cutting the response tells the client the file is not whole.
      this.logger.error(error instanceof Error ? error.stack : String(error));
      res.destroy(error instanceof Error ? error : undefined);
    }
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
