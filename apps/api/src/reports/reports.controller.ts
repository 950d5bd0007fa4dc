import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  reportDocument,
  reportFileNames,
  reportTextVi,
  reportWorkbook,
  type AgencyNameOf,
  type ReportSnapshot,
  type SnapshotPage,
  type SnapshotStore,
} from '@chidao/reporting';
import { isDomainError, vietnamDateOf } from '@chidao/domain';
import type { Response } from 'express';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { letterheadOf } from './letterhead';
import {
  GetReportQuery,
  ListReportsQuery,
  TakeReportCommand,
  VerifyReportQuery,
} from './report.messages';
import { readableSnapshot, type ReportVerification } from './report.handlers';
import { ListReportsDto, PeriodPreviewDto, TakeReportDto } from './reports.dto';
import { previewPeriod, type PeriodPreview } from './report-period-preview';
import { authorizeTakeReport } from './report-access';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { SNAPSHOT_STORE } from './snapshot-store.provider';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Report ids are UUIDs, or `scheduled-<schedule>-<period>` for scheduled snapshots.
const REPORT_ID = /^[\w.:-]{1,120}$/;
// Anything else is refused as ParseUUIDPipe refuses a malformed UUID (its transform rejects: 400).
const reportId = {
  transform(value: string): string | Promise<string> {
    return REPORT_ID.test(value) ? value : new ParseUUIDPipe().transform(value, { type: 'param' });
  },
};

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    private readonly directory: DirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Before ':id', which would otherwise take "period" for an id.
  @Get('period')
  @ApiOperation({
    summary:
      'The dates and words of a picked period (2024-Q2 → 01/04/2024–30/06/2024) and the period to take: up to today while it runs (leadership, tracking office)',
  })
  period(@Query() params: PeriodPreviewDto, @Ctx() ctx: RequestContext): PeriodPreview {
    const refusal = authorizeTakeReport(ctx.actor);
    if (refusal) throw new DomainException(refusal);
    const preview = previewPeriod(params.period, {
      convention: params.convention ?? 'calendar',
      cutoffDay: this.config.reportCutoffDay,
      today: vietnamDateOf(this.clock.now()),
    });
    if (isDomainError(preview)) throw new DomainException(preview);
    return preview;
  }

  @Post()
  @ApiOperation({
    summary: 'Take an immutable snapshot of a period’s figures (leadership, tracking office)',
  })
  take(@Body() body: TakeReportDto, @Ctx() ctx: RequestContext): Promise<ReportSnapshot> {
    return this.commands.execute(new TakeReportCommand(body, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'Snapshots, newest first' })
  list(@Query() params: ListReportsDto, @Ctx() ctx: RequestContext): Promise<SnapshotPage> {
    return this.queries.execute(new ListReportsQuery(params, ctx));
  }

  // The file routes come before ':id', which would otherwise take "x.xlsx" for an id.
  @Get(':id.xlsx')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'The workbook: summary per agency and one sheet per list' })
  async xlsx(
    @Param('id', reportId) id: string,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const snapshot = await readableSnapshot(this.snapshots, this.directory, id, ctx);
    send(res, XLSX, reportFileNames(snapshot, 'xlsx'), await reportWorkbook(snapshot, this.nameOf));
  }

  @Get(':id.docx')
  @ApiProduces(DOCX)
  @ApiOperation({ summary: 'The report as an official Word document (ND 30/2020 layout)' })
  async docx(
    @Param('id', reportId) id: string,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const snapshot = await readableSnapshot(this.snapshots, this.directory, id, ctx);
    const letterhead = letterheadOf(snapshot, this.directory.agencies);
    send(
      res,
      DOCX,
      reportFileNames(snapshot, 'docx'),
      await reportDocument(snapshot, letterhead, this.nameOf),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'A snapshot with its figures, position and digest' })
  get(@Param('id', reportId) id: string, @Ctx() ctx: RequestContext): Promise<ReportSnapshot> {
    return this.queries.execute(new GetReportQuery(id, ctx));
  }

  @Get(':id/verify')
  @ApiOperation({
    summary: 'Replay the log up to the snapshot’s position and compare every figure',
  })
  verify(
    @Param('id', reportId) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ReportVerification> {
    return this.queries.execute(new VerifyReportQuery(id, ctx));
  }

  @Get(':id/text')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'The Vietnamese paragraphs of the report section' })
  async text(
    @Param('id', reportId) id: string,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const snapshot = await readableSnapshot(this.snapshots, this.directory, id, ctx);
    res.type('text/plain; charset=utf-8').send(reportTextVi(snapshot, this.nameOf));
  }

  /** Agencies by the register's name in every document; the code when it knows none. */
  private readonly nameOf: AgencyNameOf = (code) => this.directory.agencies.get(code)?.name ?? code;
}

function send(
  res: Response,
  type: string,
  names: { readonly vietnamese: string; readonly ascii: string },
  body: Buffer,
): void {
  res.setHeader('Content-Type', type);
  // The Vietnamese name for browsers that read RFC 6266 `filename*`, an ASCII one for the rest.
  const ascii = names.ascii.replace(/["\\]/g, '_');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(names.vietnamese)}`,
  );
  res.send(body);
}
