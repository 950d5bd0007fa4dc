import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@chidao/event-store';
import { describeWorker, readinessOf, type Readiness } from '@chidao/workers';
import type { Response } from 'express';
import { apiError } from '../common/api-error';
import { Public } from '../identity/public.decorator';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { ProjectionsService } from '../read-models/projections.service';
import { BackgroundWorkers } from './background-workers';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly workers: BackgroundWorkers,
    private readonly projections: ProjectionsService,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 `ready`; 503 `degraded` (a background worker is retrying after failures) or `failed`
   * (one gave up: see its reason); 503 `store_unavailable` when the event store does not answer.
   * Read models show how far behind the log they are, whoever keeps them (here or a projector).
   */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the store answers and the background workers are healthy' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<{
    status: Readiness;
    headPosition: number;
    workers: Record<string, unknown>[];
    readModels: Record<string, unknown>[];
  }> {
    let headPosition: number;
    try {
      await this.store.ping();
      headPosition = await this.store.headPosition();
    } catch (error) {
      throw new ServiceUnavailableException(
        apiError(
          'store_unavailable',
          `The event store does not answer: ${(error as Error).message}`,
          'Không kết nối được kho dữ liệu sự kiện.',
        ),
      );
    }
    const workers = this.workers.statuses();
    const status = readinessOf(workers);
    if (status !== 'ready') response.status(503);
    const lags = await this.projections.lags();
    return {
      status,
      headPosition,
      workers: workers.map(describeWorker),
      readModels: lags.map(({ name, position, events, seconds }) => ({
        name,
        position,
        lag: { events, seconds },
      })),
    };
  }
}
