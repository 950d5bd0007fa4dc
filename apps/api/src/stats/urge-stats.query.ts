import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { isDomainError, vietnamDateOf } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { urgeCounts, type UrgeCountDocument } from '@chidao/projections';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { IsCalendarDate } from '../common/is-calendar-date.decorator';
import { ExportFormatDto } from '../exports/send-table-file';
import { assertPeriod } from '../common/period-check';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
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

/** The urge statistics as a file: the same period and scope, and the format. */
export class UrgeStatsExportDto extends IntersectionType(UrgeStatsQueryDto, ExportFormatDto) {}

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

/**
 * Manual urges and automatic reminders per lead agency whose business date falls in [from, to],
 * for the agencies the caller may read (the completion statistics' scope), summed from the
 * `urge_counts` read model over the period's dates.
 *
 * Without `?minPosition=` it waits for the read model to reach the log's head: an urge answers
 * before its count is in the read model, and these figures were read from the log itself before
 * the read model existed (a tracker counting the urges just sent expects to see them).
 */
@QueryHandler(UrgeStatsQuery)
export class UrgeStatsHandler implements IQueryHandler<UrgeStatsQuery> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly directory: DirectoryService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ params, ctx }: UrgeStatsQuery) {
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, params);
    if (isDomainError(scope)) throw new DomainException(scope);
    const today = vietnamDateOf(this.clock.now());
    const from = params.from ?? `${(params.to ?? today).slice(0, 4)}-01-01`;
    const to = params.to ?? today;
    assertPeriod(from, to);
    const position = params.minPosition ?? (await this.eventStore.headPosition());
    await this.projections.waitFor('urge_counts', position);
    const leads = statsLeadAgencies(scope);
    const counts = await urgeCounts(this.projections.collection<UrgeCountDocument>('urge_counts'), {
      from,
      to,
      agencies: leads === undefined ? undefined : new Set(leads),
    });
    const rows: AgencyUrgeRow[] = counts.map((count) => ({
      agency: count.agency,
      agencyName: this.directory.agencies.get(count.agency)?.name ?? count.agency,
      manual: count.manual,
      automatic: count.automatic,
    }));
    return { from, to, agencies: rows };
  }
}
