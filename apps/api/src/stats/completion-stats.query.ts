import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  isDomainError,
  minDate,
  vietnamDateOf,
  type CalendarDate,
  type TaskTimeline,
} from '@chidao/domain';
import { completionStats } from '@chidao/projections';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { ProjectionsService } from '../read-models/projections.service';
import { queryScopeOf, statsLeadAgencies } from '../read-models/query-scope';
import type { CompletionStatsQueryDto } from './completion-stats.dto';
import { assertPeriod } from '../common/period-check';

export class CompletionStatsQuery {
  constructor(
    readonly params: CompletionStatsQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/**
 * Counts the tasks assigned in [from, to] and classifies them at the end of `asOf`, as
 * DOMAIN.md's "Classifying tasks at a cut-off date" says. Defaults: asOf = to, or today;
 * from/to = the year of asOf.
 */
@QueryHandler(CompletionStatsQuery)
export class CompletionStatsHandler implements IQueryHandler<CompletionStatsQuery> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ params, ctx }: CompletionStatsQuery) {
    await this.projections.waitFor('tasks', params.minPosition);
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, params);
    if (isDomainError(scope)) throw new DomainException(scope);
    const today = vietnamDateOf(this.clock.now());
    const asOf = params.asOf ?? (params.to ? minDate(params.to as CalendarDate, today) : today);
    const year = asOf.slice(0, 4);
    const from = params.from ?? `${year}-01-01`;
    const to = params.to ?? `${year}-12-31`;
    assertPeriod(from, to);
    const tasks = this.projections.collection<TaskTimeline>('tasks');
    const position = await tasks.position();
    const result = await completionStats(tasks, {
      from,
      to,
      asOf,
      leadAgencies: statsLeadAgencies(scope),
      directiveId: params.directive,
      groupBy: params.groupBy,
    });
    return { from, to, position, ...result };
  }
}
