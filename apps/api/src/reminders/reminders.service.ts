import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { vietnamDateOf, type TaskTimeline } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { ChidaoMetrics } from '@chidao/observability';
import type { ReminderMessageDocument, TaskRemindersDocument } from '@chidao/projections';
import {
  deliverDueMessages,
  HttpMessageGateway,
  runDailyReminders,
  type DailyRunOutcome,
  queueUrgeMessages,
  runReminders,
  SmtpMailSender,
  type DeliverySummary,
  type MailSender,
  type ReminderRunSummary,
  type ShortMessageGateway,
} from '@chidao/reminders';
import { createWorkingCalendar } from '@chidao/reporting';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { metadataOf } from '../infrastructure/aggregate-repository';
import { METRICS } from '../metrics/metrics.token';
import { ProjectionsService } from '../read-models/projections.service';
import { TaskUrgedNotice } from '../tasks/task.messages';
import { directoryReminderPeople } from './directory-reminder-people';

/** Who the log names for what the scheduler does by itself. */
const SYSTEM_METADATA = {
  actor: 'system:reminders',
  agency: null,
  correlationId: 'reminder-scheduler',
  causationId: null,
};

export interface ReminderRunAnswer {
  readonly run: ReminderRunSummary;
  readonly delivery: DeliverySummary;
}

/**
 * Runs the reminder rules (POST /api/reminders/run) and sends what is queued: the read models
 * are brought to the log's head first, so the run decides on what the log says now.
 */
@Injectable()
export class RemindersService implements OnApplicationShutdown {
  private readonly mail: MailSender | null;
  private readonly sms: ShortMessageGateway | null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly projections: ProjectionsService,
    private readonly directory: DirectoryService,
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
  ) {
    const { mail, sms } = config.reminders;
    this.mail = mail ? new SmtpMailSender(mail) : null;
    this.sms = sms ? new HttpMessageGateway(sms) : null;
  }

  /** One run at a time in this process: a second request waits for the first to finish. */
  run(ctx: RequestContext): Promise<ReminderRunAnswer> {
    const next = this.running.then(() => this.runNow(ctx));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async runNow(ctx: RequestContext): Promise<ReminderRunAnswer> {
    const deps = await this.runDeps();
    const now = this.clock.now();
    const run = await runReminders(deps, {
      runId: randomUUID(),
      today: vietnamDateOf(now),
      metadata: metadataOf(ctx),
    });
    const delivery = await this.deliver(now);
    return { run, delivery };
  }

  /**
   * The scheduler's tick: the day's run once it is due (the first process to start it holds
   * it), then whatever messages are due, retries included.
   */
  tick(at: string | null): Promise<{ daily: DailyRunOutcome | null; delivery: DeliverySummary }> {
    const next = this.running.then(async () => {
      const now = this.clock.now();
      const daily =
        at === null
          ? null
          : await runDailyReminders(await this.runDeps(), { now, at, metadata: SYSTEM_METADATA });
      return { daily, delivery: await this.deliver(now) };
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  /** What a run reads, once the read models and the registers have the log's head. */
  private async runDeps() {
    const head = await this.eventStore.headPosition();
    await Promise.all([
      this.directory.catchUp(),
      this.projections.waitFor('tasks', head),
      this.projections.waitFor('task_reminders', head),
    ]);
    return {
      store: this.eventStore,
      tasks: this.projections.collection<TaskTimeline>('tasks'),
      taskReminders: this.projections.collection<TaskRemindersDocument>('task_reminders'),
      people: directoryReminderPeople(this.directory),
      settingsFor: () => this.config.reminders.settings,
      calendar: createWorkingCalendar({ holidays: this.config.holidays }),
    };
  }

  /** Sends every message due now (after the read model has the log's head). */
  async deliver(now: Date): Promise<DeliverySummary> {
    await this.projections.waitFor('reminder_messages', await this.eventStore.headPosition());
    return deliverDueMessages(
      {
        eventStore: this.eventStore,
        messages: this.projections.collection<ReminderMessageDocument>('reminder_messages'),
        mail: this.mail,
        sms: this.sms,
        email: {
          publicUrl: this.config.reminders.publicUrl,
          mailDomain: this.config.reminders.mailDomain,
        },
        metrics: this.metrics,
      },
      now,
    );
  }

  /**
   * Sends a person's urge on to the lead agency's staff by their channels, then delivers it. One
   * message per person and channel, named by the urge, so nothing is queued twice.
   */
  sendUrge(notice: TaskUrgedNotice): Promise<number> {
    const next = this.running.then(async () => {
      const urgedBy = this.directory.users.get(notice.ctx.actor.userId);
      const agency = notice.ctx.actor.agency
        ? this.directory.agencies.get(notice.ctx.actor.agency)?.name
        : null;
      const queued = await queueUrgeMessages(
        this.eventStore,
        {
          taskId: notice.taskId,
          task: notice.task,
          version: notice.version,
          kind: notice.kind,
          message: notice.message,
          urgedBy: [urgedBy?.displayName ?? 'Văn phòng theo dõi', agency]
            .filter(Boolean)
            .join(', '),
          recipients: directoryReminderPeople(this.directory).peopleOfAgency(
            notice.task.leadAgency,
          ),
        },
        metadataOf(notice.ctx),
        vietnamDateOf(this.clock.now()),
      );
      await this.deliver(this.clock.now());
      return queued;
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
    await this.mail?.close();
  }
}
