import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AnchorStore } from '@chidao/audit';
import type { TaskTimeline } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { ChidaoMetrics } from '@chidao/observability';
import type { WorkerStatus } from '@chidao/workers';
import { startScheduledReports, type ReportScheduler, type SnapshotStore } from '@chidao/reporting';
import type { Stores } from '@chidao/runtime';
import { ANCHOR_STORE } from '../audit/anchor-store.provider';
import { CheckpointService } from '../audit/checkpoint.service';
import { CLOCK, type Clock } from '../common/clock';
import { nestWorkerLog } from '../common/nest-worker-log';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, STORES } from '../infrastructure/event-store.providers';
import { METRICS } from '../metrics/metrics.token';
import { ProjectionsService } from '../read-models/projections.service';
import { SNAPSHOT_STORE } from './snapshot-store.provider';

/** Embedded mode: the API process also takes the configured periodic snapshots at each cut-off. */
@Injectable()
export class ReportSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReportScheduler');
  private scheduler: ReportScheduler | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(ANCHOR_STORE) private readonly anchors: AnchorStore,
    @Inject(STORES) private readonly stores: Stores,
    private readonly projections: ProjectionsService,
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
    private readonly checkpoints: CheckpointService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.reportSchedules.length === 0) return;
    this.scheduler = await startScheduledReports(
      {
        eventStore: this.eventStore,
        tasks: this.projections.collection<TaskTimeline>('tasks'),
        waitForTasks: (position) => this.projections.waitFor('tasks', position),
        snapshots: this.snapshots,
        clock: this.clock,
        digestStart: (position) => this.anchors.upTo(position),
        // Fed from Kafka, `tasks` may have partitions ahead: snapshots wait until level.
        readStore: this.config.deployment.bus.kind === 'kafka' ? this.stores.readStore : undefined,
      },
      {
        schedules: this.config.reportSchedules,
        cutoffDay: this.config.reportCutoffDay,
        at: this.config.reportAt,
        log: nestWorkerLog(this.logger),
        onOutcome: (outcome) => {
          this.metrics.countScheduledRun(
            'reports',
            outcome.result === 'taken' ? 'succeeded' : outcome.result,
          );
          // Each snapshot's position signed and witnessed (take() logs its own failures).
          if (outcome.result === 'taken') void this.checkpoints.take('report');
        },
        ...this.config.workers,
      },
    );
  }

  workerStatuses(): WorkerStatus[] {
    return this.scheduler ? [this.scheduler.status()] : [];
  }

  /** Runs the schedules now (the timer does this at each cut-off); returns what it took. */
  tick() {
    return this.scheduler?.tick() ?? Promise.resolve([]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
  }
}
