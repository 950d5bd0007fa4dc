import { STREAMS, vietnamDateOf, type TaskTimeline } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { DocumentCollection, ReadModelStore } from '@chidao/projections';
import { workerOptionsOf, type WorkerOptions } from '@chidao/workers';
import {
  ReportScheduler,
  type Clock,
  type ReportSchedule,
  type TickOutcome,
} from '../snapshots/report-scheduler';
import type { SnapshotStore } from '../snapshots/snapshot-store.port';
import { takeSnapshot, type DigestStart } from '../snapshots/take-snapshot';
import { scheduleIdOf, type ScheduleSetting } from './schedule-config';

interface ScheduledReportsDeps {
  readonly eventStore: EventStore;
  readonly tasks: DocumentCollection<TaskTimeline>;
  /** Resolves once the tasks read model has reached the position (the runner's waitFor). */
  readonly waitForTasks: (position: number) => Promise<void>;
  readonly snapshots: SnapshotStore;
  readonly clock: Clock;
  /** Where each snapshot's log digest starts (the daily anchors); from position 0 without it. */
  readonly digestStart?: DigestStart;
  /** The store holding `tasks`: needed when Kafka feeds it (see TakeSnapshotDeps.readStore). */
  readonly readStore?: ReadModelStore;
}

interface ScheduledReportsSettings extends WorkerOptions {
  readonly schedules: readonly ScheduleSetting[];
  readonly cutoffDay: number;
  /** `HH:MM`, Vietnam time, on the cut-off day. */
  readonly at: string;
  readonly onOutcome?: (outcome: TickOutcome) => void;
}

const SCHEDULE_STARTED = 'ReportScheduleStarted';
const SCHEDULER_ACTOR = 'system:report-scheduler';

/**
 * The day a schedule began, kept in the log so a restart neither forgets the periods that fell
 * due while the process was down nor back-fills the years before the schedule existed.
 */
async function ensureScheduleStart(
  store: EventStore,
  scheduleId: string,
  today: string,
): Promise<string> {
  const streamId = STREAMS.reportScheduleStart.of(scheduleId);
  const [existing] = await store.readStream(streamId, { toVersion: 1 });
  if (existing) return (existing.data as { startsOn: string }).startsOn;
  try {
    await store.append(
      streamId,
      [
        {
          type: SCHEDULE_STARTED,
          schemaVersion: 1,
          data: { scheduleId, startsOn: today },
          metadata: {
            actor: SCHEDULER_ACTOR,
            agency: null,
            correlationId: `schedule-${scheduleId}`,
            causationId: null,
          },
          occurredOn: today,
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    return today;
  } catch {
    // Another process started it at the same moment: its day stands.
    const [first] = await store.readStream(streamId, { toVersion: 1 });
    return (first.data as { startsOn: string }).startsOn;
  }
}

/** Builds and starts the scheduler that takes each configured periodic snapshot at its cut-off. */
export async function startScheduledReports(
  deps: ScheduledReportsDeps,
  settings: ScheduledReportsSettings,
): Promise<ReportScheduler> {
  const today = vietnamDateOf(deps.clock.now());
  const schedules: ReportSchedule[] = [];
  for (const setting of settings.schedules) {
    const id = scheduleIdOf(setting);
    schedules.push({
      id,
      type: setting.type,
      convention: setting.convention,
      cutoffDay: setting.convention === 'nd09' ? settings.cutoffDay : null,
      at: settings.at,
      startsOn: await ensureScheduleStart(deps.eventStore, id, today),
      scope: {
        agency: null,
        includeUnits: true,
        directive: null,
        agencyName: null,
        directiveReference: null,
      },
    });
  }
  const scheduler = new ReportScheduler({
    schedules,
    clock: deps.clock,
    claims: deps.eventStore,
    snapshots: deps.snapshots,
    ...workerOptionsOf(settings),
    onOutcome: settings.onOutcome,
    take: async (period, schedule, reportId) => {
      await deps.waitForTasks(await deps.eventStore.headPosition());
      await takeSnapshot(
        {
          tasks: deps.tasks,
          snapshots: deps.snapshots,
          eventStore: deps.eventStore,
          digestStart: deps.digestStart,
          readStore: deps.readStore,
        },
        {
          id: reportId,
          period,
          scope: schedule.scope,
          takenBy: { userId: SCHEDULER_ACTOR, displayName: 'Lịch báo cáo tự động' },
          trigger: schedule.id,
          now: deps.clock.now(),
        },
      );
    },
  });
  return scheduler.start();
}
