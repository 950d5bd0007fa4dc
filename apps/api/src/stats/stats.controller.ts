import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { CompletionStatsQueryDto } from './completion-stats.dto';
import { CompletionStatsQuery } from './completion-stats.query';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardQuery } from './dashboard.query';
import { UrgeStatsQuery, UrgeStatsQueryDto } from './urge-stats.query';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/stats')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('completion')
  @ApiOperation({
    summary:
      'Completion statistics: tasks assigned in [from, to] classified at asOf — four classes, three rates and the overdue share, per group',
  })
  completion(@Query() params: CompletionStatsQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new CompletionStatsQuery(params, ctx));
  }

  @Get('dashboard')
  @ApiOperation({
    summary:
      "Leadership's dashboard in one call: figures at today, the period by agency and by month, the most overdue tasks",
  })
  dashboard(@Query() params: DashboardQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new DashboardQuery(params, ctx));
  }

  @Get('urges')
  @ApiOperation({
    summary:
      'Manual urges (TaskUrged) and automatic reminders (TaskReminderIssued) per lead agency, dated in [from, to]',
  })
  urges(@Query() params: UrgeStatsQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new UrgeStatsQuery(params, ctx));
  }
}
