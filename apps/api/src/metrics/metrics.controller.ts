import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { scrapeMetrics, type ChidaoMetrics } from '@chidao/observability';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from '../identity/public.decorator';
import { METRICS } from './metrics.token';

/**
 * Prometheus metrics. Public like /health: the labels are route templates, command names and
 * outcomes, never users or data. With CHIDAO_METRICS_TOKEN set, a scraper must send it.
 */
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('metrics')
  @ApiExcludeEndpoint()
  async metricsText(
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const answer = await scrapeMetrics(
      { registry: this.metrics.registry, token: this.config.observability.metricsToken },
      authorization,
    );
    // end(), not send(): send() rewrites the content type Prometheus negotiates on.
    response.status(answer.status).set(answer.headers).end(answer.body);
  }
}
