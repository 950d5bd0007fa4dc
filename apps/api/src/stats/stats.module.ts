import { UrgeStatsHandler } from './urge-stats.query';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CompletionStatsHandler } from './completion-stats.query';
import { DashboardHandler } from './dashboard.query';
import { StatsController } from './stats.controller';

@Module({
  imports: [CqrsModule],
  controllers: [StatsController],
  providers: [CompletionStatsHandler, DashboardHandler, UrgeStatsHandler],
})
export class StatsModule {}
