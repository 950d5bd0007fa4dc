/**
 * A scheduled snapshot that is due whenever the three-process test runs, on any day at any time.
 *
 * "A period ending today, due at 00:00" cannot do it on every day: nd09 cut-off days stop at 28
 * (so that every month has one) and calendar months end on the 28th to 31st, so on the 29th of
 * a 31-day month no monthly period ends; and a test started just before midnight would have its
 * processes see another day than it did. The product keeps its rules. Instead the schedule is
 * written into the log as having begun on the last day of a period already past, as a reporting
 * process deployed then and down since would have left it: on start, reporting takes that period
 * at once, as it must after any downtime. Its cut-off day is neither today nor tomorrow (Vietnam
 * time), so that cut-off passed at least a day ago and the next is at least a day away: exactly
 * one period is due throughout the test, whatever the date. due-schedule.spec.ts checks it on
 * every day of two years, at midnight and around it, against the real scheduler.
 */
import {
  addDays,
  isDomainError,
  STREAMS,
  vietnamDateOf,
  type ReportScheduleStarted,
} from '@chidao/domain';
import { openEventStore, type NewEvent } from '@chidao/event-store';
import { periodsEndingBetween, scheduledReportId, scheduleIdOf } from '@chidao/reporting';
import { readDeploymentConfig } from '@chidao/runtime';

const SETTING = { type: 'month', convention: 'nd09' } as const;
const AT = '00:00';

export interface DueSchedule {
  /** The reporting settings, for the reporting process and the embedded app alike. */
  readonly env: Record<string, string>;
  readonly cutoffDay: number;
  readonly scheduleId: string;
  /** The day the schedule began: the last day of the period that is due. */
  readonly startsOn: string;
  readonly periodId: string;
  /** The id its snapshot gets, whoever takes it. */
  readonly reportId: string;
}

export function dueSchedule(now: Date): DueSchedule {
  const today = vietnamDateOf(now);
  const cutoffDay = Number(today.slice(8)) <= 14 ? 20 : 5;
  const periods = periodsEndingBetween(
    SETTING.type,
    SETTING.convention,
    cutoffDay,
    addDays(today, -62),
    addDays(today, -1),
  );
  if (isDomainError(periods) || periods.length === 0) {
    throw new Error(`no monthly period with cut-off day ${cutoffDay} ended before ${today}`);
  }
  const period = periods[periods.length - 1];
  const scheduleId = scheduleIdOf(SETTING);
  return {
    env: {
      CHIDAO_REPORT_SCHEDULES: `${SETTING.type}:${SETTING.convention}`,
      CHIDAO_REPORT_CUTOFF_DAY: String(cutoffDay),
      CHIDAO_REPORT_AT: AT,
    },
    cutoffDay,
    scheduleId,
    startsOn: period.end,
    periodId: period.id,
    reportId: scheduledReportId(scheduleId, period.id),
  };
}

/**
 * Appends the schedule's start to the log of a deployment (its CHIDAO_* variables), before any
 * process reads it; the event is the one the report scheduler itself appends on its first start.
 */
export async function writeScheduleStart(
  deployment: Record<string, string>,
  due: DueSchedule,
): Promise<void> {
  const { config, problems } = readDeploymentConfig(deployment);
  if (config === null) throw new Error(problems.join('; '));
  const started: NewEvent<ReportScheduleStarted['data']> = {
    type: 'ReportScheduleStarted',
    schemaVersion: 1,
    data: { scheduleId: due.scheduleId, startsOn: due.startsOn },
    metadata: {
      actor: 'system:report-scheduler',
      agency: null,
      correlationId: `schedule-${due.scheduleId}`,
      causationId: null,
    },
    occurredOn: due.startsOn,
  };
  const store = await openEventStore(config.eventStore);
  try {
    await store.append(STREAMS.reportScheduleStart.of(due.scheduleId), [started], {
      expectedVersion: 'no_stream',
    });
  } finally {
    await store.close();
  }
}
