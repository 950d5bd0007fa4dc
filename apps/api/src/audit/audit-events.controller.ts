import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { exportEvents, parseEventFilter, type ExportFormat } from '@chidao/audit';
import { authorizeOperationsRead, isDomainError } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { Request, Response } from 'express';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { AuditEventsQueryDto } from './audit-events.dto';
import { agencyNamesAt } from './agency-names-at';
import { directoryNames } from './event-words';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditEventsController {
  private readonly logger = new Logger(AuditEventsController.name);

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly directory: DirectoryService,
  ) {}

  @Get('events')
  @ApiProduces(CONTENT_TYPES.ndjson, CONTENT_TYPES.csv)
  @ApiOperation({
    summary:
      'Replay a period: the events of the log in log order, as NDJSON or CSV, streamed (auditors, administrators)',
  })
  async events(
    @Query() query: AuditEventsQueryDto,
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const refusal = authorizeOperationsRead(ctx.actor);
    if (refusal) throw new DomainException(refusal);
    const filter = parseEventFilter(query);
    if (isDomainError(filter)) throw new DomainException(filter);
    const format = query.format ?? formatAccepted(req);
    // The head now bounds the export: a live log does not make it endless.
    const upTo = await this.eventStore.headPosition();
    // Agencies named as they were called at each event.
    const codes = this.directory.agencies.list().map((agency) => agency.code);
    const names = directoryNames(this.directory, await agencyNamesAt(this.eventStore, codes));

    res.status(200);
    res.setHeader('Content-Type', `${CONTENT_TYPES[format]}; charset=utf-8`);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="chidao-events-${query.from ?? 'all'}-${query.to ?? 'all'}${query.lang ? `-${query.lang}` : ''}.${format}"`,
    );
    res.setHeader('X-Chidao-Log-Position', String(upTo));
    res.setHeader('Cache-Control', 'no-store');
    try {
      await writeStreamed(
        res,
        exportEvents(this.eventStore, filter, {
          format,
          upTo,
          limit: query.limit,
          names,
          lang: query.lang,
        }),
      );
    } catch (error) {
      // Before the first byte the error filter can still answer; after it, cut the response so
      // the client sees it incomplete rather than a file that looks whole.
      if (!res.headersSent) throw error;
      this.logger.error(error instanceof Error ? error.stack : String(error));
      res.destroy(error instanceof Error ? error : undefined);
    }
  }
}

/** `format` absent: what Accept prefers among the two, else NDJSON. */
function formatAccepted(req: Request): ExportFormat {
  return req.accepts([CONTENT_TYPES.ndjson, CONTENT_TYPES.csv]) === CONTENT_TYPES.csv
    ? 'csv'
    : 'ndjson';
}

/**
 * Writes the chunks with backpressure: waits for 'drain' whenever the socket buffer is full, and
 * stops pulling chunks (so stops reading the log) as soon as the client has gone.
 */
async function writeStreamed(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  let gone = false;
  const onClose = (): void => {
    if (!res.writableFinished) gone = true;
  };
  res.on('close', onClose);
  try {
    for await (const chunk of chunks) {
      if (gone || res.destroyed) return;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    if (!gone && !res.destroyed) res.end();
  } finally {
    res.off('close', onClose);
  }
}

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
