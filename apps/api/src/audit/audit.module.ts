import { Module } from '@nestjs/common';
import { AnchorSchedulerService } from './anchor-scheduler.service';
import { CheckpointService } from './checkpoint.service';
import { anchorStoreProvider } from './anchor-store.provider';
import { AuditEventsController } from './audit-events.controller';
import { AuditController } from './audit.controller';
import { AuditorReadsController } from './auditor-reads.controller';
import { AuditWordsController } from './audit-words.controller';
import { TaskTimelineController } from './task-timeline.controller';
import { TimeTravelController } from './time-travel.controller';

@Module({
  controllers: [
    AuditController,
    AuditEventsController,
    AuditorReadsController,
    TimeTravelController,
    AuditWordsController,
    TaskTimelineController,
  ],
  providers: [anchorStoreProvider, AnchorSchedulerService, CheckpointService],
  exports: [anchorStoreProvider, AnchorSchedulerService, CheckpointService],
})
export class AuditModule {}
