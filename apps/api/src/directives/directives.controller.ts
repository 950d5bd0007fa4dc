import {
  Body,
  Controller,
  Get,
  HttpCode,
  Logger,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { createValidationPipe } from '../common/validation';
import { DirectoryService } from '../directory/directory.service';
import { EXPORT_CONTENT_TYPES, sendTableFile } from '../exports/send-table-file';
import { Ctx, type RequestContext } from '../common/request-context';
import type { TaskView } from '../tasks/task.view';
import {
  AssignTasksCommand,
  GetDirectiveQuery,
  RegisterDirectiveCommand,
  WithdrawDirectiveCommand,
} from './directive.messages';
import { DirectiveListExportDto, DirectiveListQueryDto } from './directive-list.dto';
import { directiveExportColumns } from './directive-list.export';
import {
  ListDirectivesHandler,
  ListDirectivesQuery,
  MAX_DIRECTIVE_EXPORT_ROWS,
  type DirectiveListPage,
} from './directive-list.query';
import type { DirectiveView } from './directive.view';
import {
  AssignTaskDto,
  AssignTasksDto,
  RegisterDirectiveDto,
  WithdrawDirectiveDto,
} from './directives.dto';

// The tasks body is one task or `{ tasks: [...] }`; it is validated against the shape it has.
const validation = createValidationPipe();

@ApiTags('directives')
@ApiBearerAuth()
@ApiExtraModels(AssignTaskDto, AssignTasksDto)
@Controller('api/directives')
export class DirectivesController {
  private readonly logger = new Logger(DirectivesController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly listHandler: ListDirectivesHandler,
    private readonly directory: DirectoryService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Enter a directive by its number and symbol (leadership, tracking office)',
  })
  register(@Body() body: RegisterDirectiveDto, @Ctx() ctx: RequestContext): Promise<DirectiveView> {
    return this.commands.execute(new RegisterDirectiveCommand(body, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'Directives from the read model, newest first, with cursor paging' })
  list(
    @Query() params: DirectiveListQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DirectiveListPage> {
    return this.queries.execute(new ListDirectivesQuery(params, ctx));
  }

  // Before ':id', which would take "export" for an id.
  @Get('export')
  @ApiProduces(EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv)
  @ApiOperation({
    summary: 'The directives list as filtered, every row, as .xlsx or CSV (Vietnamese headers)',
  })
  async export(
    @Query() params: DirectiveListExportDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    // The role and scope checks refuse here, before the first byte.
    const { items, truncated } = await this.listHandler.rows(params, ctx);
    const agencyName = (code: string) => this.directory.agencies.get(code)?.name ?? code;
    const chosen = [
      params.year ? `Năm ban hành ${params.year}` : null,
      params.assigningAgency ? `Cơ quan giao: ${agencyName(params.assigningAgency)}` : null,
      params.q ? `Tìm: ${params.q}` : null,
      truncated
        ? `Chỉ ${MAX_DIRECTIVE_EXPORT_ROWS.toLocaleString('vi-VN')} văn bản mới nhất`
        : null,
    ].filter((line): line is string => line !== null);
    await sendTableFile(res, this.logger, {
      format: params.format ?? 'xlsx',
      name: `Danh sách văn bản chỉ đạo${params.year ? ` ${params.year}` : ''}`,
      columns: directiveExportColumns(agencyName),
      rows: items,
      heading: {
        sheet: 'Văn bản chỉ đạo',
        lines: ['Danh sách văn bản chỉ đạo', chosen.join('; ') || 'Tất cả văn bản được xem'],
      },
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A directive with its version' })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DirectiveView> {
    return this.queries.execute(new GetDirectiveQuery(id, ctx));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Withdraw a directive registered in error and release its number (the body that entered or issued it)',
  })
  withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: WithdrawDirectiveDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DirectiveView> {
    return this.commands.execute(new WithdrawDirectiveCommand(id, body, ctx));
  }

  @Post(':id/tasks')
  @ApiOperation({
    summary:
      'Assign one task, or several atomically with { tasks: [...] } (leadership, tracking office)',
  })
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(AssignTaskDto) }, { $ref: getSchemaPath(AssignTasksDto) }],
    },
  })
  async assign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() raw: unknown,
    @Ctx() ctx: RequestContext,
  ): Promise<{ tasks: TaskView[]; position: number }> {
    const many = typeof raw === 'object' && raw !== null && 'tasks' in raw;
    const tasks = many
      ? (
          (await validation.transform(raw, {
            type: 'body',
            metatype: AssignTasksDto,
          })) as AssignTasksDto
        ).tasks
      : [
          (await validation.transform(raw, {
            type: 'body',
            metatype: AssignTaskDto,
          })) as AssignTaskDto,
        ];
    return this.commands.execute(new AssignTasksCommand(id, tasks, ctx));
  }
}
