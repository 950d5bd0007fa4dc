import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule, type Params as LoggingParams } from 'nestjs-pino';
import { AgenciesModule } from './agencies/agencies.module';
import { AuditModule } from './audit/audit.module';
import { AuditorReadInterceptor } from './audit/auditor-read.interceptor';
import { ActorLogInterceptor } from './common/actor-log.interceptor';
import { ApiExceptionFilter } from './common/api-exception.filter';
import type { Clock } from './common/clock';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import type { AppConfig } from './config/app-config';
import { DirectivesModule } from './directives/directives.module';
import { BackgroundWorkers } from './health/background-workers';
import { HealthController } from './health/health.controller';
import { IdentityModule } from './identity/identity.module';
import { IdempotencyPruningService } from './infrastructure/idempotency-pruning.service';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ImportsModule } from './imports/imports.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportsModule } from './reports/reports.module';
import { StatsModule } from './stats/stats.module';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  /** `logging`: how requests are logged, through the process's logger (requestLoggingParams). */
  static forRoot(config: AppConfig, logging: LoggingParams, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(logging),
        MetricsModule,
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(config, clock),
        ReadModelsModule,
        IdentityModule,
        AgenciesModule,
        DirectivesModule,
        TasksModule,
        StatsModule,
        ReportsModule,
        AuditModule,
        NotificationsModule,
        RemindersModule,
        ImportsModule,
      ],
      controllers: [HealthController],
      providers: [
        BackgroundWorkers,
        // Here, not in the global InfrastructureModule: it stops before the store closes.
        IdempotencyPruningService,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // First, so that the other interceptors' log lines name the caller too.
        { provide: APP_INTERCEPTOR, useClass: ActorLogInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AuditorReadInterceptor },
      ],
    };
  }
}
