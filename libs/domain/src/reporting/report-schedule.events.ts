import type { DomainEvent } from '../shared/domain-event';

/**
 * What the report scheduler keeps in the log: the day each schedule began (so a restart neither
 * forgets the periods that fell due while it was down nor back-fills the years before it) and,
 * per period, which process took its snapshot (the first to append the claim).
 */
export type ReportScheduleStarted = DomainEvent<
  'ReportScheduleStarted',
  { scheduleId: string; startsOn: string }
>;

export type ScheduledReportClaimed = DomainEvent<
  'ScheduledReportClaimed',
  { scheduleId: string; periodId: string; reportId: string }
>;

export type ReportScheduleEvent = ReportScheduleStarted | ScheduledReportClaimed;

export const REPORT_SCHEDULE_EVENT_SCHEMA_VERSIONS: Record<ReportScheduleEvent['type'], number> = {
  ReportScheduleStarted: 1,
  ScheduledReportClaimed: 1,
};
