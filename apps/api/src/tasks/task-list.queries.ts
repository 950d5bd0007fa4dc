import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isDomainError, vietnamDateOf } from '@chidao/domain';
import { findTasks, overdueTasks, tasksDueWithin } from '@chidao/projections';
import type { TaskTimeline } from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { ProjectionsService } from '../read-models/projections.service';
import { queryScopeOf, taskListScope, type QueryScope } from '../read-models/query-scope';
import type { DueSoonQueryDto, OverdueQueryDto, TaskListQueryDto } from './task-list.dto';

export class ListTasksQuery {
  constructor(
    readonly params: TaskListQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

export class OverdueTasksQuery {
  constructor(
    readonly params: OverdueQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

export class DueSoonTasksQuery {
  constructor(
    readonly params: DueSoonQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/** What every task query does first: wait for `minPosition`, then work out what may be seen. */
abstract class TaskReadModelQuery {
  constructor(
    protected readonly projections: ProjectionsService,
    protected readonly directory: DirectoryService,
  ) {}

  protected async prepare(
    params: { minPosition?: number; agency?: string; includeUnits?: boolean },
    ctx: RequestContext,
  ): Promise<QueryScope> {
    await this.projections.waitFor('tasks', params.minPosition);
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, params);
    if (isDomainError(scope)) throw new DomainException(scope);
    return scope;
  }

  protected get tasks() {
    return this.projections.collection<TaskTimeline>('tasks');
  }
}

@QueryHandler(ListTasksQuery)
export class ListTasksHandler extends TaskReadModelQuery implements IQueryHandler<ListTasksQuery> {
  constructor(projections: ProjectionsService, directory: DirectoryService) {
    super(projections, directory);
  }

  async execute({ params, ctx }: ListTasksQuery) {
    const scope = await this.prepare(params, ctx);
    return findTasks(
      this.tasks,
      {
        ...taskListScope(scope, params.role),
        directiveId: params.directive,
        statuses: params.status,
        classAt: params.classAt ? { date: params.classAt, classes: params.class ?? [] } : undefined,
        deadlineFrom: params.deadlineFrom,
        deadlineTo: params.deadlineTo,
        keyTask: params.keyTask,
        pendingRequest: params.pendingRequest,
        text: params.q,
      },
      { limit: params.limit ?? 50, cursor: params.cursor },
    );
  }
}

@QueryHandler(OverdueTasksQuery)
export class OverdueTasksHandler
  extends TaskReadModelQuery
  implements IQueryHandler<OverdueTasksQuery>
{
  constructor(
    projections: ProjectionsService,
    directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(projections, directory);
  }

  async execute({ params, ctx }: OverdueTasksQuery) {
    const scope = await this.prepare(params, ctx);
    return overdueTasks(this.tasks, {
      asOf: params.asOf ?? vietnamDateOf(this.clock.now()),
      ...taskListScope(scope),
      limit: params.limit ?? 100,
    });
  }
}

@QueryHandler(DueSoonTasksQuery)
export class DueSoonTasksHandler
  extends TaskReadModelQuery
  implements IQueryHandler<DueSoonTasksQuery>
{
  constructor(
    projections: ProjectionsService,
    directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(projections, directory);
  }

  async execute({ params, ctx }: DueSoonTasksQuery) {
    const scope = await this.prepare(params, ctx);
    return tasksDueWithin(this.tasks, {
      today: vietnamDateOf(this.clock.now()),
      days: params.days ?? 7,
      ...taskListScope(scope),
    });
  }
}
