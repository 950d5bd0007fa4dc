import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  createUrgeCounter,
  isDomainError,
  taskDecider,
  vietnamDateOf,
  type TaskTimeline,
} from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { assertPeriod } from '../common/period-check';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import { ProjectionsService } from '../read-models/projections.service';
import { queryScopeOf, statsLeadAgencies } from '../read-models/query-scope';
import { AgencyScopeDto } from '../tasks/task-list.dto';

export class UrgeStatsQueryDto extends AgencyScopeDto {
  @ApiPropertyOptional({ example: '2024-01-01', description: 'Urged from (default: 1 January)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2024-12-31', description: 'Urged up to (default: today)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export interface AgencyUrgeRow {
  agency: string;
  agencyName: string;
  manual: number;
  automatic: number;
}

export class UrgeStatsQuery {
  constructor(
    readonly params: UrgeStatsQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/** Task documents per page: memory holds one page and one task's events, never the log. */
const PAGE = 200;

/**
 * Manual urges and automatic reminders per lead agency whose business date falls in [from, to],
 * for the agencies the caller may read (the completion statistics' scope). The `tasks` read
 * model narrows the tasks (assigned by `to`, a lead in scope at some time); each one's own
 * stream is then read for its urges, as the task page and GET /api/task-urges read them. The
 * timeline documents do not record urges: recording them would change every stored timeline.
 */
@QueryHandler(UrgeStatsQuery)
export class UrgeStatsHandler implements IQueryHandler<UrgeStatsQuery> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ params, ctx }: UrgeStatsQuery) {
    await this.projections.waitFor('tasks', params.minPosition);
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, params);
    if (isDomainError(scope)) throw new DomainException(scope);
    const today = vietnamDateOf(this.clock.now());
    const from = params.from ?? `${(params.to ?? today).slice(0, 4)}-01-01`;
    const to = params.to ?? today;
    assertPeriod(from, to);
    const leads = statsLeadAgencies(scope);
    const agencies = leads === undefined ? undefined : new Set(leads);
    const counter = createUrgeCounter({ from, to, agencies });
    if (agencies?.size !== 0) {
      const tasks = this.projections.collection<TaskTimeline>('tasks');
      const where: Record<string, { lte: string } | { like: string }> = {
        assigned_on: { lte: to },
      };
      if (agencies?.size === 1)
        where.lead_history = { like: `%|${[...agencies][0].replace(/[%_]/g, '_')}|%` };
      const stream = tasks.stream({ where, keyColumn: 'assigned_on', pageSize: PAGE });
      for await (const { doc } of stream) {
        if (agencies && !doc.leadAgencies.some((entry) => agencies.has(entry.agency))) continue;
        const { events } = await this.repository.readEntity(taskDecider, doc.id);
        for (const event of events) counter.add(event);
      }
    }
    const rows: AgencyUrgeRow[] = counter.result().map((count) => ({
      agency: count.agency,
      agencyName: this.directory.agencies.get(count.agency)?.name ?? count.agency,
      manual: count.manual,
      automatic: count.automatic,
    }));
    return { from, to, agencies: rows };
  }
}
