import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  registerLagMetrics,
  registerWorkerMetrics,
  type ChidaoMetrics,
} from '@chidao/observability';
import type { WorkerStatus } from '@chidao/workers';
import { METRICS } from '../metrics/metrics.token';
import { AnchorSchedulerService } from '../audit/anchor-scheduler.service';
import { IdempotencyPruningService } from '../infrastructure/idempotency-pruning.service';
import { CheckpointService } from '../audit/checkpoint.service';
import { ProjectionsService } from '../read-models/projections.service';
import { ReportSchedulerService } from '../reports/report-scheduler.service';

/** The API process's background workers, for /ready and /metrics. */
@Injectable()
export class BackgroundWorkers implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly projections: ProjectionsService,
    private readonly anchors: AnchorSchedulerService,
    private readonly reports: ReportSchedulerService,
    private readonly idempotencyKeys: IdempotencyPruningService,
    private readonly checkpoints: CheckpointService,
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
  ) {}

  /** Worker state and read-model lag in /metrics, read at each scrape. */
  onModuleInit(): void {
    registerWorkerMetrics(this.metrics.registry, () => this.statuses());
    registerLagMetrics(
      this.metrics.registry,
      async () =>
        (await this.projections.lags()).map(({ name, events, seconds }) => ({
          kind: 'projection' as const,
          projection: name,
          events,
          seconds,
        })),
      (error) => this.logger.warn(`Read-model lag not measured: ${String(error)}`),
    );
  }

  statuses(): WorkerStatus[] {
    return [
      ...this.projections.workerStatuses(),
      ...this.anchors.workerStatuses(),
      ...this.reports.workerStatuses(),
      ...this.idempotencyKeys.workerStatuses(),
      ...this.checkpoints.workerStatuses(),
    ];
  }
}
