import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '../audit/audit.module';
import {
  GetReportHandler,
  ListReportsHandler,
  TakeReportHandler,
  VerifyReportHandler,
} from './report.handlers';
import { ReportSchedulerService } from './report-scheduler.service';
import { ReportsController } from './reports.controller';
import { snapshotStoreProvider } from './snapshot-store.provider';

@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ReportsController],
  providers: [
    snapshotStoreProvider,
    TakeReportHandler,
    ListReportsHandler,
    GetReportHandler,
    VerifyReportHandler,
    ReportSchedulerService,
  ],
  exports: [ReportSchedulerService],
})
export class ReportsModule {}
