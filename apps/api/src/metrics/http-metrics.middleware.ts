import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { UNMATCHED_ROUTE, type ChidaoMetrics } from '@chidao/observability';
import type { NextFunction, Request, Response } from 'express';
import { EVERY_ROUTE_PATH } from '../common/request-logging';
import { METRICS } from './metrics.token';

// Scrapes are not traffic: counting them would show the scraper, not the users.
const NOT_MEASURED = '/metrics';

/**
 * Times every request to its response, labelled with the route template Express matched
 * (`/api/tasks/:id`): raw paths would make a series per task. Requests no route matched (404s,
 * and the web app's files) are labelled `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(METRICS) private readonly metrics: ChidaoMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const path = (request.route as { path?: unknown } | undefined)?.path;
      const route =
        typeof path === 'string' && path !== EVERY_ROUTE_PATH
          ? `${request.baseUrl}${path}`
          : UNMATCHED_ROUTE;
      if (route === NOT_MEASURED) return;
      this.metrics.observeHttpRequest({
        method: request.method,
        route,
        status: response.statusCode,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
    next();
  }
}
