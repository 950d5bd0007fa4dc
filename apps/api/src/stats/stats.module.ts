import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CompletionStatsHandler } from './completion-stats.query';
import { StatsController } from './stats.controller';

@Module({
  imports: [CqrsModule],
  controllers: [StatsController],
  providers: [CompletionStatsHandler],
})
export class StatsModule {}
