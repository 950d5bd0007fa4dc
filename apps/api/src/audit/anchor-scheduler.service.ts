import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AnchorScheduler, type AnchorStore } from '@chidao/audit';
import type { EventStore } from '@chidao/event-store';
import type { ChidaoMetrics } from '@chidao/observability';
import type { WorkerStatus } from '@chidao/workers';
import { CLOCK, type Clock } from '../common/clock';
import { nestWorkerLog } from '../common/nest-worker-log';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { METRICS } from '../metrics/metrics.token';
import { ANCHOR_STORE } from './anchor-store.provider';

/** Embedded mode: the day's anchor of the whole log is taken on start and after each midnight. */
@Injectable()
export class AnchorSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Anchors');
  private scheduler: AnchorScheduler | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ANCHOR_STORE) private readonly anchors: AnchorStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler = new AnchorScheduler({
      eventStore: this.eventStore,
      anchors: this.anchors,
      clock: this.clock,
      // A damaged log is refused an anchor on purpose: said loudly, retried, and if it stays
      // refused the scheduler fails and /ready says why (the API keeps serving meanwhile).
      log: nestWorkerLog(this.logger),
      onAnchor: (result) =>
        this.metrics.countScheduledRun(
          'anchors',
          result.status === 'created' ? 'succeeded' : 'already_done',
        ),
      onError: () => this.metrics.countScheduledRun('anchors', 'failed'),
      ...this.config.workers,
    }).start();
  }

  workerStatuses(): WorkerStatus[] {
    return this.scheduler ? [this.scheduler.status()] : [];
  }

  /** Takes today's anchor now if it is missing (the timer does this after each midnight). */
  tick() {
    return this.scheduler!.tick(this.clock.now());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
    await this.anchors.close();
  }
}
