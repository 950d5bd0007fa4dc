import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { createValidationPipe } from '../common/validation';
import { Ctx, type RequestContext } from '../common/request-context';
import type { TaskView } from '../tasks/task.view';
import {
  AssignTasksCommand,
  GetDirectiveQuery,
  RegisterDirectiveCommand,
  WithdrawDirectiveCommand,
} from './directive.messages';
import { DirectiveListQueryDto } from './directive-list.dto';
import { ListDirectivesQuery, type DirectiveListPage } from './directive-list.query';
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
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
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
