import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { authorizeTaskAction, isTaskAssigned, taskDecider } from '@chidao/domain';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { ToList } from '../common/query-transforms';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';

/**
 * The urges each of a list's tasks has received, for the agency's own lists (issue 17: "urges
 * received are shown to the agency"): how many, and the last date. Read from each task's own
 * stream, as the task page does, for the tasks on one screen (at most 100).
 */
export class TaskUrgesQueryDto {
  @ApiPropertyOptional({ description: 'Task ids, comma separated (at most 100)' })
  @ToList()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids: string[] = [];
}

export interface TaskUrges {
  id: string;
  urgeCount: number;
  lastUrgedOn: string | null;
}

export class GetTaskUrgesQuery {
  constructor(
    readonly ids: readonly string[],
    readonly ctx: RequestContext,
  ) {}
}

@QueryHandler(GetTaskUrgesQuery)
export class GetTaskUrgesHandler implements IQueryHandler<GetTaskUrgesQuery, TaskUrges[]> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  /** Tasks that do not exist, or that the caller may not read, are left out (never a refusal). */
  async execute({ ids, ctx }: GetTaskUrgesQuery): Promise<TaskUrges[]> {
    const answers: TaskUrges[] = [];
    for (const id of new Set(ids)) {
      const { state } = await this.repository.load(taskDecider, id);
      if (!isTaskAssigned(state)) continue;
      if (authorizeTaskAction(ctx.actor, 'read', state, this.directory.agencies)) continue;
      answers.push({ id, urgeCount: state.urgeCount, lastUrgedOn: state.lastUrgedOn });
    }
    return answers;
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/task-urges')
export class TaskUrgesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'How often, and when last, each listed task was urged (tasks you may read)',
  })
  get(@Query() query: TaskUrgesQueryDto, @Ctx() ctx: RequestContext): Promise<TaskUrges[]> {
    return this.queries.execute(new GetTaskUrgesQuery(query.ids, ctx));
  }
}
