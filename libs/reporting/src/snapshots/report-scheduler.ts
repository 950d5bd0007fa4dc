/**
 * Scheduled snapshots, taken at each period's cut-off exactly once, however many schedulers run
 * and however often they restart. A period is claimed by creating the stream
 * `report-schedule-<scheduleId>-<periodId>` with expected version `no_stream` (the log decides
 * who wins); the claim names the report id, and the snapshot is saved under that id in the
 * snapshot store, which refuses a second save of an id. A claim without its snapshot (a process
 * died in between) is finished by the next tick of any scheduler.
 */
import {
  STREAMS,
  addDays,
  calendarDate,
  DomainError,
  vietnamDateOf,
  type CalendarDate,
} from '@chidao/domain';
import { isConcurrencyError, type EventStore, type NewEvent } from '@chidao/event-store';
import {
  timedLoop,
  workerOptionsOf,
  type WorkerLoop,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';
import { periodsEndingBetween } from '../periods';
import type { CutoffConvention, PeriodType, ReportPeriod, ReportScope } from '../report.types';
import type { SnapshotStore } from './snapshot-store.port';

export interface ReportSchedule {
  /** Lower-case letters, digits and `-`; part of stream and report ids. */
  readonly id: string;
  readonly type: Exclude<PeriodType, 'range' | 'as_of'>;
  readonly convention: CutoffConvention;
  /** nd09 cut-off day (e.g. 14); null for calendar periods. */
  readonly cutoffDay: number | null;
  /** `HH:MM`, Vietnam time, on the period's last day. */
  readonly at: string;
  /** Periods ending on or after this day are taken (earlier ones never). */
  readonly startsOn: string;
  readonly scope: Omit<ReportScope, 'leadAgencies'> & {
    readonly leadAgencies?: ReportScope['leadAgencies'];
  };
}

export interface Clock {
  now(): Date;
}

/** Takes and saves the snapshot of `period` under `reportId` (see takeSnapshot). */
type TakeScheduledSnapshot = (
  period: ReportPeriod,
  schedule: ReportSchedule,
  reportId: string,
) => Promise<void>;

interface ReportSchedulerOptions extends WorkerOptions {
  readonly schedules: readonly ReportSchedule[];
  readonly clock: Clock;
  readonly take: TakeScheduledSnapshot;
  /** Where claims are appended (the event store). */
  readonly claims: EventStore;
  /** Where the snapshots land: a claim is finished when its report id is there. */
  readonly snapshots: Pick<SnapshotStore, 'get'>;
  /** The longest the timer sleeps (default 1 hour), so a changed clock is noticed. */
  readonly maxSleepMs?: number;
  /** Told about every period settled by a tick (metrics: scheduled runs by outcome). */
  readonly onOutcome?: (outcome: TickOutcome) => void;
}

const SCHEDULED_REPORT_CLAIMED = 'ScheduledReportClaimed';

interface ScheduledReportClaimed {
  readonly scheduleId: string;
  readonly periodId: string;
  readonly reportId: string;
}

export interface TickOutcome {
  readonly scheduleId: string;
  readonly periodId: string;
  readonly reportId: string;
  /** `taken`: this scheduler took it (a fresh claim or a claim left unfinished). */
  readonly result: 'taken' | 'already_done' | 'failed';
  readonly error?: unknown;
}

const SCHEDULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

export const claimStreamOf = (scheduleId: string, periodId: string): string =>
  STREAMS.reportClaim.of(`${scheduleId}-${periodId}`);

/** The report id a schedule's snapshot of a period gets: the same for every scheduler. */
export const scheduledReportId = (scheduleId: string, periodId: string): string =>
  `scheduled-${scheduleId}-${periodId}`;

/** The instant a period's cut-off falls due: its last day at `at`, Vietnam time (UTC+7). */
export function cutoffInstant(period: Pick<ReportPeriod, 'end'>, at: string): Date {
  const match = AT.exec(at);
  if (!match) throw new TypeError(`at must be HH:MM, got ${at}`);
  const [y, m, d] = period.end.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, Number(match[1]), Number(match[2])) - VIETNAM_OFFSET_MS);
}

export class ReportScheduler {
  private readonly schedules: readonly ReportSchedule[];
  /** Claims known to be finished (their snapshot exists): never looked at again. */
  private readonly done = new Set<string>();
  private running: Promise<unknown> = Promise.resolve();
  private readonly loop: WorkerLoop;

  constructor(private readonly options: ReportSchedulerOptions) {
    const ids = new Set<string>();
    for (const schedule of options.schedules) {
      if (!SCHEDULE_ID.test(schedule.id)) throw new TypeError(`Bad schedule id ${schedule.id}`);
      if (ids.has(schedule.id)) throw new TypeError(`Duplicate schedule id ${schedule.id}`);
      if (!AT.test(schedule.at)) throw new TypeError(`${schedule.id}: at must be HH:MM`);
      calendarDate(schedule.startsOn);
      ids.add(schedule.id);
    }
    this.schedules = [...options.schedules].sort((a, b) => (a.id < b.id ? -1 : 1));
    this.loop = timedLoop({
      name: 'scheduler reports',
      ...workerOptionsOf(options),
      tick: async () => {
        const failed = (await this.tick()).find((outcome) => outcome.result === 'failed');
        // Periods are taken in order: the failed one is retried before any later one.
        if (failed) throw failed.error;
      },
      nextDelay: () => this.nextWakeDelay(this.options.clock.now()),
    });
  }

  /**
   * Takes every due period not taken yet, oldest first per schedule. Ticks of one scheduler run
   * one after another; ticks of different schedulers (processes) may overlap safely. A failure
   * stops that schedule's later periods until the next tick, so periods are taken in order.
   */
  tick(now: Date = this.options.clock.now()): Promise<TickOutcome[]> {
    const run = this.running.then(async () => {
      const outcomes = await this.runTick(now);
      for (const outcome of outcomes) this.options.onOutcome?.(outcome);
      return outcomes;
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Wakes at the next cut-off (at most maxSleepMs later), ticks, and sleeps again. */
  start(): this {
    this.loop.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.running;
  }

  status(): WorkerStatus {
    return this.loop.status();
  }

  /** Milliseconds from `now` to the next cut-off of any schedule, capped at maxSleepMs. */
  nextWakeDelay(now: Date): number {
    const cap = this.options.maxSleepMs ?? HOUR_MS;
    const today = vietnamDateOf(now);
    let next = Infinity;
    for (const schedule of this.schedules) {
      const from = schedule.startsOn > today ? (schedule.startsOn as CalendarDate) : today;
      for (const period of periodsOf(schedule, from, addDays(from, 400))) {
        const due = cutoffInstant(period, schedule.at).getTime();
        if (due > now.getTime()) {
          next = Math.min(next, due);
          break;
        }
      }
    }
    return Math.max(0, Math.min(cap, next - now.getTime()));
  }

  private async runTick(now: Date): Promise<TickOutcome[]> {
    const outcomes: TickOutcome[] = [];
    const today = vietnamDateOf(now);
    for (const schedule of this.schedules) {
      if (schedule.startsOn > today) continue;
      const due = periodsOf(schedule, schedule.startsOn as CalendarDate, today).filter(
        (period) => cutoffInstant(period, schedule.at).getTime() <= now.getTime(),
      );
      for (const period of due) {
        const outcome = await this.settle(schedule, period, now);
        if (outcome === null) continue;
        outcomes.push(outcome);
        if (outcome.result === 'failed') break;
      }
    }
    return outcomes;
  }

  /** Claims and takes one period; null when this scheduler already knows it is done. */
  private async settle(
    schedule: ReportSchedule,
    period: ReportPeriod,
    now: Date,
  ): Promise<TickOutcome | null> {
    const key = `${schedule.id}\u0000${period.id}`;
    if (this.done.has(key)) return null;
    const base = { scheduleId: schedule.id, periodId: period.id };
    let reportId = scheduledReportId(schedule.id, period.id);
    try {
      const claimed = await this.claim(schedule, period, reportId, now);
      if (!claimed) {
        reportId = await this.claimedReportId(schedule, period, reportId);
        if (await this.options.snapshots.get(reportId)) {
          this.done.add(key);
          return { ...base, reportId, result: 'already_done' };
        }
      }
      await this.options.take(period, schedule, reportId);
      this.done.add(key);
      return { ...base, reportId, result: 'taken' };
    } catch (error) {
      // Another scheduler finishing the same claim saved it first: that is success.
      if (await this.options.snapshots.get(reportId).catch(() => null)) {
        this.done.add(key);
        return { ...base, reportId, result: 'already_done' };
      }
      return { ...base, reportId, result: 'failed', error };
    }
  }

  /** True when this call created the claim; false when it already existed. */
  private async claim(
    schedule: ReportSchedule,
    period: ReportPeriod,
    reportId: string,
    now: Date,
  ): Promise<boolean> {
    const data: ScheduledReportClaimed = { scheduleId: schedule.id, periodId: period.id, reportId };
    const event: NewEvent<ScheduledReportClaimed> = {
      type: SCHEDULED_REPORT_CLAIMED,
      schemaVersion: 1,
      data,
      metadata: {
        actor: 'system:report-scheduler',
        agency: null,
        correlationId: reportId,
        causationId: null,
      },
      occurredOn: vietnamDateOf(now),
    };
    try {
      await this.options.claims.append(claimStreamOf(schedule.id, period.id), [event], {
        expectedVersion: 'no_stream',
      });
      return true;
    } catch (error) {
      if (isConcurrencyError(error)) return false;
      throw error;
    }
  }

  private async claimedReportId(
    schedule: ReportSchedule,
    period: ReportPeriod,
    fallback: string,
  ): Promise<string> {
    const [first] = await this.options.claims.readStream(claimStreamOf(schedule.id, period.id), {
      toVersion: 1,
    });
    const data = first?.data as Partial<ScheduledReportClaimed> | undefined;
    return typeof data?.reportId === 'string' ? data.reportId : fallback;
  }
}

/** The schedule's periods whose last day is in [from, to], in order of end date. */
function periodsOf(schedule: ReportSchedule, from: CalendarDate, to: CalendarDate): ReportPeriod[] {
  const periods = periodsEndingBetween(
    schedule.type,
    schedule.convention,
    schedule.cutoffDay,
    addDays(from, -1),
    to,
  );
  // The reporting config refuses a bad cut-off day at start; a schedule built in code may not.
  if (periods instanceof DomainError) throw new TypeError(`${schedule.id}: ${periods.message}`);
  return periods;
}
