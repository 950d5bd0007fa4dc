import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isDomainError, vietnamDateOf, type TaskTimeline } from '@chidao/domain';
import { dashboardFigures } from '@chidao/projections';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { ProjectionsService } from '../read-models/projections.service';
import { queryScopeOf, statsLeadAgencies, taskListScope } from '../read-models/query-scope';
import type { DashboardQueryDto } from './dashboard.dto';
import { assertPeriod } from '../common/period-check';

export class DashboardQuery {
  constructor(
    readonly params: DashboardQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/**
 * Leadership's dashboard: what /api/stats/completion (at today; the period by agency and by
 * month) and /api/tasks/overdue answer, with the same scopes, from one read of the tasks.
 */
@QueryHandler(DashboardQuery)
export class DashboardHandler implements IQueryHandler<DashboardQuery> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ params, ctx }: DashboardQuery) {
    await this.projections.waitFor('tasks', params.minPosition);
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, params);
    if (isDomainError(scope)) throw new DomainException(scope);
    const today = vietnamDateOf(this.clock.now());
    const from = params.from ?? `${today.slice(0, 4)}-01-01`;
    const to = params.to ?? today;
    assertPeriod(from, to);
    const tasks = this.projections.collection<TaskTimeline>('tasks');
    const position = await tasks.position();
    const figures = await dashboardFigures(tasks, {
      today,
      from,
      to,
      leadAgencies: statsLeadAgencies(scope),
      overdueScope: taskListScope(scope),
      overdueLimit: params.overdueLimit ?? 20,
    });
    return { position, ...figures };
  }
}
