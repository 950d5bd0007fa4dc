import { Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import {
  DomainError,
  directiveDecider,
  directiveErrors,
  isDomainError,
  vietnamDateOf,
  type CalendarDate,
  type TaskTimeline,
} from '@chidao/domain';
import type { AnchorStore } from '@chidao/audit';
import type { EventStore } from '@chidao/event-store';
import {
  parsePeriodId,
  ReadModelNotAtPrefixError,
  takeSnapshot,
  verifySnapshot,
  type ReportPeriod,
  type ReportSnapshot,
  type SnapshotPage,
  type SnapshotStore,
  type SnapshotVerification,
} from '@chidao/reporting';
import type { Stores } from '@chidao/runtime';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { ANCHOR_STORE } from '../audit/anchor-store.provider';
import { CheckpointService } from '../audit/checkpoint.service';
import { apiError } from '../common/api-error';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import { EVENT_STORE, STORES } from '../infrastructure/event-store.providers';
import { ProjectionsService } from '../read-models/projections.service';
import { queryScopeOf } from '../read-models/query-scope';
import { authorizeTakeReport, canReadReport } from './report-access';
import { previewPeriod } from './report-period-preview';
import {
  GetReportQuery,
  ListReportsQuery,
  TakeReportCommand,
  VerifyReportQuery,
} from './report.messages';
import { SNAPSHOT_STORE } from './snapshot-store.provider';

const reportNotFound = () =>
  new DomainException(
    new DomainError(
      'not_found',
      'report_not_found',
      'No such report snapshot.',
      'Không tìm thấy báo cáo kỳ này.',
    ),
  );

@CommandHandler(TakeReportCommand)
export class TakeReportHandler implements ICommandHandler<TakeReportCommand, ReportSnapshot> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(ANCHOR_STORE) private readonly anchors: AnchorStore,
    @Inject(STORES) private readonly stores: Stores,
    private readonly projections: ProjectionsService,
    private readonly directory: DirectoryService,
    private readonly repository: AggregateRepository,
    private readonly checkpoints: CheckpointService,
  ) {}

  async execute({ body, ctx }: TakeReportCommand): Promise<ReportSnapshot> {
    const refusal = authorizeTakeReport(ctx.actor);
    if (refusal) throw new DomainException(refusal);
    const now = this.clock.now();
    const today = vietnamDateOf(now);
    const period = this.periodOf(body, today);
    const agency = body.scope?.agency ?? ctx.actor.agency!;
    const includeUnits = body.scope?.includeUnits ?? true;
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, { agency, includeUnits });
    if (isDomainError(scope)) throw new DomainException(scope);
    let directiveReference: string | null = null;
    if (body.scope?.directive) {
      const { state } = await this.repository.load(directiveDecider, body.scope.directive);
      if (state.status === 'none') throw new DomainException(directiveErrors.notFound());
      directiveReference = state.reference?.text ?? null;
    }
    // Everything recorded before the request is in the figures.
    await this.projections.waitFor('tasks', await this.eventStore.headPosition());
    const snapshot = await takeSnapshot(
      {
        tasks: this.projections.collection<TaskTimeline>('tasks'),
        snapshots: this.snapshots,
        eventStore: this.eventStore,
        // The log digest continues from the day's anchor: only the events since are read.
        digestStart: (position) => this.anchors.upTo(position),
        // Fed from Kafka by a projector, `tasks` may have partitions ahead: wait until level.
        readStore: this.config.deployment.bus.kind === 'kafka' ? this.stores.readStore : undefined,
      },
      {
        id: randomUUID(),
        period,
        scope: {
          agency,
          includeUnits,
          directive: body.scope?.directive ?? null,
          agencyName: this.directory.agencies.get(agency)?.name ?? null,
          directiveReference,
        },
        leadAgencies:
          scope.leadAgencies ?? (scope.ownAgency !== undefined ? [scope.ownAgency] : undefined),
        takenBy: {
          userId: ctx.actor.userId,
          displayName: this.directory.users.get(ctx.actor.userId)?.displayName ?? null,
        },
        trigger: 'manual',
        now,
      },
    ).catch((error: unknown) => {
      if (!(error instanceof ReadModelNotAtPrefixError)) throw error;
      throw new ServiceUnavailableException(
        apiError(
          error.code,
          `${error.message}; retry shortly.`,
          'Dữ liệu tổng hợp đang được cập nhật; hãy lập báo cáo lại sau giây lát.',
        ),
      );
    });
    // The report's position signed and witnessed outside the data directory before it is handed
    // out: its figures stay checkable against the log even if the data directory is rewritten.
    await this.checkpoints.take('report');
    return snapshot;
  }

  /**
   * The period to count. A period still running is refused, unless `upToToday` asks for it from
   * its first day up to today ("quý III năm 2024, tính đến ngày 20/07/2024").
   */
  private periodOf(body: TakeReportCommand['body'], today: CalendarDate): ReportPeriod {
    const options = {
      convention: body.convention ?? 'calendar',
      cutoffDay: this.config.reportCutoffDay,
    } as const;
    if (body.upToToday) {
      const preview = previewPeriod(body.period, { ...options, today });
      if (isDomainError(preview)) throw new DomainException(preview);
      return preview.upToToday ? { ...preview.takeAs, labelVi: preview.labelVi } : preview.period;
    }
    const period = parsePeriodId(body.period, options);
    if (isDomainError(period)) throw new DomainException(period);
    if (period.end > today) {
      throw new DomainException(
        new DomainError(
          'rule_refused',
          'period_not_ended',
          `The period ends on ${period.end}, after today (${today}); take it after its cut-off, or take "..${today}" (as of today).`,
          `Kỳ báo cáo kết thúc ngày ${period.end}, sau ngày hôm nay (${today}); hãy lập sau ngày chốt số liệu, hoặc lập báo cáo "tính đến ngày" (..${today}).`,
          { end: period.end, today },
        ),
      );
    }
    return period;
  }
}

@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery, SnapshotPage> {
  constructor(
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ params, ctx }: ListReportsQuery): Promise<SnapshotPage> {
    const page = await this.snapshots.list({
      periodId: params.period,
      type: params.type,
      limit: params.limit ?? 50,
      cursor: params.cursor,
    });
    // Filtering after paging keeps the cursor valid; a page may come back shorter.
    return {
      ...page,
      items: page.items.filter((item) => canReadReport(ctx.actor, item, this.directory.agencies)),
    };
  }
}

/** A snapshot the caller may read, or 404/403. */
export async function readableSnapshot(
  snapshots: SnapshotStore,
  directory: DirectoryService,
  id: string,
  ctx: GetReportQuery['ctx'],
): Promise<ReportSnapshot> {
  const snapshot = await snapshots.get(id);
  if (!snapshot) throw reportNotFound();
  if (!canReadReport(ctx.actor, snapshot.scope, directory.agencies)) {
    throw new DomainException(
      new DomainError(
        'forbidden',
        'forbidden',
        'This report is outside your agency.',
        'Báo cáo này không thuộc phạm vi cơ quan, đơn vị của bạn.',
      ),
    );
  }
  return snapshot;
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery, ReportSnapshot> {
  constructor(
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    private readonly directory: DirectoryService,
  ) {}

  execute({ id, ctx }: GetReportQuery): Promise<ReportSnapshot> {
    return readableSnapshot(this.snapshots, this.directory, id, ctx);
  }
}

export interface ReportVerification extends SnapshotVerification {
  /**
   * The daily anchor the snapshot names is the stored anchor of that day (same position and
   * anchor digest); null when it names none (or predates log anchors). The anchor's own log
   * digest and chain are checked by GET /api/audit/verify.
   */
  readonly dailyAnchorValid: boolean | null;
}

/** Re-derives the figures from the log up to the snapshot's position, trusting no table of the app. */
@QueryHandler(VerifyReportQuery)
export class VerifyReportHandler implements IQueryHandler<VerifyReportQuery, ReportVerification> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(ANCHOR_STORE) private readonly anchors: AnchorStore,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ id, ctx }: VerifyReportQuery): Promise<ReportVerification> {
    const snapshot = await readableSnapshot(this.snapshots, this.directory, id, ctx);
    const verification = await verifySnapshot(
      snapshot,
      { eventStore: this.eventStore },
      { scratchDir: path.join(this.config.dataDir, 'scratch') },
    );
    const named = snapshot.logAnchor?.dailyAnchor ?? null;
    const stored = named === null ? null : await this.anchors.forDay(named.day);
    const dailyAnchorValid =
      named === null
        ? null
        : stored !== null &&
          stored.position === named.position &&
          stored.anchorDigest === named.anchorDigest;
    return { ...verification, dailyAnchorValid };
  }
}
