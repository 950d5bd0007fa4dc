import { Injectable } from '@nestjs/common';
import type { WorkerStatus } from '@chidao/workers';
import { AnchorSchedulerService } from '../audit/anchor-scheduler.service';
import { ProjectionsService } from '../read-models/projections.service';
import { ReportSchedulerService } from '../reports/report-scheduler.service';

/** The API process's background workers, for /ready and /metrics. */
@Injectable()
export class BackgroundWorkers {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly anchors: AnchorSchedulerService,
    private readonly reports: ReportSchedulerService,
  ) {}

  statuses(): WorkerStatus[] {
    return [
      ...this.projections.workerStatuses(),
      ...this.anchors.workerStatuses(),
      ...this.reports.workerStatuses(),
    ];
  }
}
