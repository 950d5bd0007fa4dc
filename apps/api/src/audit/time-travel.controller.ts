import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  completionStatsKnownAt,
  DEFAULT_LATE_THRESHOLD_DAYS,
  directiveAsOf,
  lateEntries,
  parseKnownAt,
  taskAsOf,
  type DirectiveAsOf,
  type LateEntriesReport,
  type StatsKnownAt,
  type AuditedEvent,
  type TaskAsOf,
} from '@chidao/audit';
import {
  authorizeOperationsRead,
  DomainError,
  isDomainError,
  minDate,
  vietnamDateOf,
  type CalendarDate,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { parsePeriodId, type ReportPeriod } from '@chidao/reporting';
import * as path from 'node:path';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { assertPeriod } from '../common/period-check';
import { Ctx, type RequestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { agencyNamesAt } from './agency-names-at';
import { directoryNames, eventWords, type EventWords } from './event-words';
import {
  AuditStatsQueryDto,
  DirectiveAsOfQueryDto,
  LateEntriesQueryDto,
  TimeTravelQueryDto,
} from './time-travel.dto';

const uuid = new ParseUUIDPipe();

type InWords = AuditedEvent & EventWords;
/** A directive as it stood, its history and later back-dated entries in words. */
export type DirectiveAsOfInWords = Omit<DirectiveAsOf, 'history' | 'laterBackdated'> & {
  readonly history: readonly InWords[];
  readonly laterBackdated: { readonly count: number; readonly events: readonly InWords[] };
};
/** A task as it stood, its history and later back-dated entries in words. */
export type TaskAsOfInWords = Omit<TaskAsOf, 'history' | 'laterBackdated'> & {
  readonly history: readonly InWords[];
  readonly laterBackdated: { readonly count: number; readonly events: readonly InWords[] };
};

/**
 * Bitemporal reads for auditors: anything as of a business date, as the log held it at an instant,
 * and the entries made long after their business date. Every answer comes from the log (folded,
 * or replayed into a scratch read model), never from the application's tables.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class TimeTravelController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
  ) {}

  @Get('tasks/:id')
  @ApiOperation({
    summary:
      'A task as of a business date, as known at an instant: state, class, history, and the back-dated entries made since (auditors, administrators)',
  })
  async task(
    @Param('id', uuid) id: string,
    @Query() params: TimeTravelQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<TaskAsOfInWords> {
    const { now, knownAt } = this.readerAt(ctx, params.knownAt);
    const found = await taskAsOf(this.eventStore, id, { asOf: params.asOf, knownAt, now });
    if (found === null) throw notInLog('task', 'Task', 'Nhiệm vụ', id, knownAt);
    // The same entries, each with its words (extra fields: machine readers are unaffected).
    const names = await this.namesThen();
    const inWords = (event: AuditedEvent) => ({ ...event, ...eventWords(event, names) });
    return {
      ...found,
      history: found.history.map(inWords),
      laterBackdated: {
        ...found.laterBackdated,
        events: found.laterBackdated.events.map(inWords),
      },
    };
  }

  @Get('directives/:id')
  @ApiOperation({
    summary:
      'A directive as of a business date, as known at an instant, with the completion statistics of its tasks (auditors, administrators)',
  })
  async directive(
    @Param('id', uuid) id: string,
    @Query() params: DirectiveAsOfQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DirectiveAsOfInWords> {
    const { now, knownAt } = this.readerAt(ctx, params.knownAt);
    const found = await directiveAsOf(this.eventStore, id, {
      asOf: params.asOf,
      knownAt,
      now,
      groupBy: params.groupBy,
      scratchDir: this.scratchDir,
    });
    if (found === null) throw notInLog('directive', 'Directive', 'Văn bản chỉ đạo', id, knownAt);
    const names = await this.namesThen();
    const inWords = (event: AuditedEvent) => ({ ...event, ...eventWords(event, names) });
    return {
      ...found,
      history: found.history.map(inWords),
      laterBackdated: {
        ...found.laterBackdated,
        events: found.laterBackdated.events.map(inWords),
      },
    };
  }

  @Get('stats/completion')
  @ApiOperation({
    summary:
      'GET /api/stats/completion as the log held it at knownAt: back-dated entries made later are left out (auditors, administrators)',
  })
  async stats(
    @Query() params: AuditStatsQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<StatsKnownAt & { from: string; to: string; period: ReportPeriod | null }> {
    const { knownAt } = this.readerAt(ctx, params.knownAt);
    const period = this.periodOf(params);
    // The defaults of GET /api/stats/completion, with "today" the day of knownAt.
    const today = vietnamDateOf(knownAt);
    const to = period?.end ?? params.to;
    const asOf = params.asOf ?? (to ? minDate(to as CalendarDate, today) : today);
    const year = asOf.slice(0, 4);
    const from = period?.start ?? params.from ?? `${year}-01-01`;
    const until = to ?? `${year}-12-31`;
    assertPeriod(from, until);
    const result = await completionStatsKnownAt(
      this.eventStore,
      {
        from,
        to: until,
        asOf,
        knownAt,
        leadAgencies: this.agenciesOf(params),
        directiveId: params.directive,
        groupBy: params.groupBy,
      },
      { scratchDir: this.scratchDir },
    );
    return { from, to: until, period, ...result };
  }

  @Get('late-entries')
  @ApiOperation({
    summary: `Entries made more than thresholdDays (default ${DEFAULT_LATE_THRESHOLD_DAYS}) calendar days after their business date, per agency that entered them (auditors, administrators)`,
  })
  async late(
    @Query() params: LateEntriesQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<LateEntriesReport & { period: ReportPeriod | null }> {
    authorize(ctx);
    const period = this.periodOf(params);
    const year = vietnamDateOf(this.clock.now()).slice(0, 4);
    const from = period?.start ?? params.from ?? `${year}-01-01`;
    const to = period?.end ?? params.to ?? `${year}-12-31`;
    assertPeriod(from, to);
    const report = await lateEntries(this.eventStore, {
      from,
      to,
      thresholdDays: params.thresholdDays ?? DEFAULT_LATE_THRESHOLD_DAYS,
      agencies: this.agenciesOf(params),
      listLimit: params.listLimit,
    });
    return { ...report, period };
  }

  /** Names for sentences: agencies as they were called at each event. */
  private async namesThen() {
    const codes = this.directory.agencies.list().map((agency) => agency.code);
    return directoryNames(this.directory, await agencyNamesAt(this.eventStore, codes));
  }

  private get scratchDir(): string {
    return path.join(this.config.dataDir, 'scratch');
  }

  /** Refuses who may not time-travel; resolves knownAt (default: now) on the server clock. */
  private readerAt(ctx: RequestContext, value: string | undefined): { now: Date; knownAt: string } {
    authorize(ctx);
    const now = this.clock.now();
    if (value === undefined) return { now, knownAt: now.toISOString() };
    const knownAt = parseKnownAt(value, now);
    if (isDomainError(knownAt)) throw new DomainException(knownAt);
    return { now, knownAt };
  }

  private periodOf(params: {
    period?: string;
    convention?: 'calendar' | 'nd09';
    from?: string;
    to?: string;
  }): ReportPeriod | null {
    if (params.period === undefined) return null;
    if (params.from !== undefined || params.to !== undefined) {
      throw new DomainException(
        new DomainError(
          'invalid_input',
          'invalid_period',
          'Give either period or from/to, not both.',
          'Chỉ nhập kỳ báo cáo (period) hoặc khoảng ngày (from/to), không nhập cả hai.',
        ),
      );
    }
    const period = parsePeriodId(params.period, {
      convention: params.convention ?? 'calendar',
      cutoffDay: this.config.reportCutoffDay,
    });
    if (isDomainError(period)) throw new DomainException(period);
    return period;
  }

  /** Auditors read every agency: a chosen one (with its units) only narrows what is counted. */
  private agenciesOf(params: { agency?: string; includeUnits?: boolean }): string[] | undefined {
    const chosen = params.agency;
    if (chosen === undefined) return undefined;
    const agencies = this.directory.agencies;
    if (!agencies.get(chosen)) {
      throw new DomainException(
        new DomainError(
          'rule_refused',
          'agency_not_found',
          `Agency ${chosen} is not registered.`,
          `Cơ quan, đơn vị ${chosen} chưa có trong danh mục.`,
          { agency: chosen },
        ),
      );
    }
    return params.includeUnits ? agencies.sameOrBelow(chosen) : [chosen];
  }
}

function authorize(ctx: RequestContext): void {
  const refusal = authorizeOperationsRead(ctx.actor);
  if (refusal) throw new DomainException(refusal);
}

const notInLog = (kind: string, en: string, vi: string, id: string, knownAt: string) =>
  new DomainException(
    new DomainError(
      'not_found',
      `${kind}_not_found`,
      `${en} ${id} was not in the log at ${knownAt}.`,
      `${vi} ${id} chưa có trong nhật ký sự kiện tại thời điểm ${knownAt}.`,
      { id, knownAt },
    ),
  );
