import { Module } from '@nestjs/common';
import { AnchorSchedulerService } from './anchor-scheduler.service';
import { anchorStoreProvider } from './anchor-store.provider';
import { AuditController } from './audit.controller';

@Module({
  controllers: [AuditController],
  providers: [anchorStoreProvider, AnchorSchedulerService],
  exports: [anchorStoreProvider, AnchorSchedulerService],
})
export class AuditModule {}
