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
  reportTextVi,
  reportWorkbook,
  type ReportSnapshot,
  type SnapshotPage,
  type SnapshotStore,
} from '@chidao/reporting';
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
import { ListReportsDto, TakeReportDto } from './reports.dto';
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
  ) {}

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
    send(res, XLSX, `bao-cao-${snapshot.period.id}.xlsx`, await reportWorkbook(snapshot));
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
      `bao-cao-${snapshot.period.id}.docx`,
      await reportDocument(snapshot, letterhead),
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
    res.type('text/plain; charset=utf-8').send(reportTextVi(snapshot));
  }
}

function send(res: Response, type: string, filename: string, body: Buffer): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
