import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ChidaoMetrics } from '@chidao/observability';
import { timedLoop, type WorkerLoop, type WorkerStatus } from '@chidao/workers';
import { CLOCK, type Clock } from '../common/clock';
import { nestWorkerLog } from '../common/nest-worker-log';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { METRICS } from '../metrics/metrics.token';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency.store';

/** How often old keys are pruned: a key outlives its retention by at most this. */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Forgets Idempotency-Keys older than CHIDAO_IDEMPOTENCY_RETENTION_HOURS (their stored answers
 * would otherwise grow without end), on start and then hourly. Every API instance prunes; the
 * deletes are the same whoever runs them.
 */
@Injectable()
export class IdempotencyPruningService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdempotencyKeys');
  private loop: WorkerLoop | null = null;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = timedLoop({
      name: 'scheduler idempotency-keys',
      log: nestWorkerLog(this.logger),
      onError: () => this.metrics.countScheduledRun('idempotency-keys', 'failed'),
      ...this.config.workers,
      tick: async () => {
        if ((await this.prune()) > 0)
          this.metrics.countScheduledRun('idempotency-keys', 'succeeded');
      },
      nextDelay: () => PRUNE_EVERY_MS,
    });
    this.loop.start();
  }

  /** Forgets the keys created before the retention; returns how many. */
  prune(): Promise<number> {
    const retentionMs = this.config.idempotencyRetentionHours * 3600 * 1000;
    return this.store.prune(new Date(this.clock.now().getTime() - retentionMs));
  }

  workerStatuses(): WorkerStatus[] {
    return this.loop ? [this.loop.status()] : [];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
