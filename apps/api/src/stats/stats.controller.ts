import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DirectiveState, StatsResult } from '@chidao/domain';
import type { Response } from 'express';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { ProjectionsService } from '../read-models/projections.service';
import { EXPORT_CONTENT_TYPES, sendTableFile } from '../exports/send-table-file';
import { dayMonthYear } from '../exports/table-file';
import { CompletionStatsExportDto, CompletionStatsQueryDto } from './completion-stats.dto';
import { CompletionStatsQuery } from './completion-stats.query';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardQuery } from './dashboard.query';
import {
  completionExportColumns,
  GROUP_TITLES_VI,
  groupLabelVi,
  URGE_EXPORT_COLUMNS,
} from './stats.export';
import {
  UrgeStatsExportDto,
  UrgeStatsQuery,
  UrgeStatsQueryDto,
  type AgencyUrgeRow,
} from './urge-stats.query';

/** "01-06-2024": a file name cannot hold a slash. */
const fileDate = (date: string) => dayMonthYear(date).replace(/\//g, '-');

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/stats')
export class StatsController {
  private readonly logger = new Logger(StatsController.name);

  constructor(
    private readonly queries: QueryBus,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
  ) {}

  @Get('completion')
  @ApiOperation({
    summary:
      'Completion statistics: tasks assigned in [from, to] classified at asOf — four classes, three rates and the overdue share, per group',
  })
  completion(@Query() params: CompletionStatsQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.execute(new CompletionStatsQuery(params, ctx));
  }

  @Get('completion/export')
  @ApiProduces(EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv)
  @ApiOperation({
    summary:
      'The completion statistics table as .xlsx or CSV: a row per group (groupBy), then the total',
  })
  async completionExport(
    @Query() params: CompletionStatsExportDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    // The scope and period checks refuse here, before the first byte.
    const stats: StatsResult & { from: string; to: string } = await this.queries.execute(
      new CompletionStatsQuery(params, ctx),
    );
    const groupBy = params.groupBy ?? null;
    const rows = [
      ...stats.groups.map((g) => ({
        label: groupLabelVi(groupBy, g.label, this.agencyName),
        stats: g.stats,
      })),
      { label: 'Tổng cộng', stats: stats.scope },
    ];
    const title = `Thống kê kết quả thực hiện nhiệm vụ${groupBy ? ` ${GROUP_TITLES_VI[groupBy]}` : ''}`;
    await sendTableFile(res, this.logger, {
      format: params.format ?? 'xlsx',
      name: `Thống kê thực hiện nhiệm vụ ${fileDate(stats.from)} đến ${fileDate(stats.to)}`,
      columns: completionExportColumns(groupBy),
      rows,
      heading: {
        sheet: 'Thống kê',
        lines: [
          title,
          `Nhiệm vụ giao từ ngày ${dayMonthYear(stats.from)} đến ngày ${dayMonthYear(stats.to)}, ` +
            `tính đến ngày ${dayMonthYear(stats.asOf)}; ${this.scopeInWords(params)}` +
            (await this.directiveInWords(params.directive, stats.scope.total)),
        ],
      },
    });
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

  @Get('urges/export')
  @ApiProduces(EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv)
  @ApiOperation({ summary: 'The urge statistics per lead agency as .xlsx or CSV' })
  async urgesExport(
    @Query() params: UrgeStatsExportDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const urges: { from: string; to: string; agencies: AgencyUrgeRow[] } =
      await this.queries.execute(new UrgeStatsQuery(params, ctx));
    await sendTableFile(res, this.logger, {
      format: params.format ?? 'xlsx',
      name: `Thống kê đôn đốc ${fileDate(urges.from)} đến ${fileDate(urges.to)}`,
      columns: URGE_EXPORT_COLUMNS,
      rows: urges.agencies,
      heading: {
        sheet: 'Đôn đốc',
        lines: [
          'Thống kê đôn đốc, nhắc việc theo cơ quan chủ trì',
          `Từ ngày ${dayMonthYear(urges.from)} đến ngày ${dayMonthYear(urges.to)}; ${this.scopeInWords(params)}`,
        ],
      },
    });
  }

  private readonly agencyName = (code: string) => this.directory.agencies.get(code)?.name ?? code;

  /**
   * The directive chosen, by its reference (people do not read ids). Named only when the caller
   * counts some of its tasks: then the task list shows them the reference anyway.
   */
  private async directiveInWords(id: string | undefined, counted: number): Promise<string> {
    if (id === undefined) return '';
    const directive =
      counted > 0 ? await this.projections.collection<DirectiveState>('directives').get(id) : null;
    return `; văn bản: ${directive?.reference?.text ?? 'văn bản đã chọn'}`;
  }

  private scopeInWords(params: { agency?: string; includeUnits?: boolean }): string {
    if (!params.agency) return 'mọi cơ quan được xem';
    const units = params.includeUnits ? ' và các đơn vị trực thuộc' : '';
    return `cơ quan chủ trì: ${this.agencyName(params.agency)}${units}`;
  }
}
