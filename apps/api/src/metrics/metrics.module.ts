import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { createMetrics } from '@chidao/observability';
import { EVERY_ROUTE } from '../common/request-logging';
import { CommandMetrics } from './command-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { METRICS } from './metrics.token';

/**
 * The app's metrics (METRICS, for whatever else records some: stores, schedulers, workers),
 * GET /metrics, and the HTTP and command measurements.
 */
@Global()
@Module({
  // The feature modules' own CqrsModule import: its CommandBus is the one their controllers use
  // (CqrsModule.forRoot() in AppModule is another instance).
  imports: [CqrsModule],
  controllers: [MetricsController],
  providers: [{ provide: METRICS, useFactory: createMetrics }, CommandMetrics],
  exports: [METRICS],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes(EVERY_ROUTE);
  }
}
