import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { vietnamDateOf, withSettingsOverride, type TaskTimeline } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { ChidaoMetrics } from '@chidao/observability';
import type { ReminderMessageDocument, TaskRemindersDocument } from '@chidao/projections';
import {
  deliverDueMessages,
  DELIVERY_PASS,
  directoryReminderPeople,
  HttpMessageGateway,
  REMINDER_SCHEDULER_METADATA,
  tickReminders,
  type ReminderTickOutcome,
  queueUrgeMessages,
  runRecordedReminders,
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

const NOT_DELIVERED_HERE: DeliverySummary = { delivered: 0, failed: 0, gaveUp: 0, waiting: 0 };

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
    return this.inTurn(() => this.runNow(ctx));
  }

  private async runNow(ctx: RequestContext): Promise<ReminderRunAnswer> {
    const deps = await this.runDeps();
    const now = this.clock.now();
    // Recorded as a run: should this process die before queueing, the next daily run queues it.
    const run = await runRecordedReminders(deps, {
      runId: randomUUID(),
      now,
      metadata: metadataOf(ctx),
    });
    // The request waits for one bounded pass at most; the scheduler sends the rest.
    const delivery = this.deliversHere
      ? await this.deliver(now, DELIVERY_PASS)
      : NOT_DELIVERED_HERE;
    return { run, delivery };
  }

  /**
   * Messages are sent by one process: the one with the daily hour set (CHIDAO_REMINDER_AT).
   * Two senders could both send a message before either records it.
   */
  get deliversHere(): boolean {
    return this.config.reminders.at !== null;
  }

  /**
   * The scheduler's tick: the day's run once it is due (the first process to start it holds
   * it), then whatever messages are due, retries included (tickReminders, shared with the
   * reporting process).
   */
  tick(at: string | null): Promise<ReminderTickOutcome> {
    return this.inTurn(() =>
      tickReminders(
        { runDeps: () => this.runDeps(), deliver: (now, limit) => this.deliver(now, limit) },
        { now: this.clock.now(), at, metadata: REMINDER_SCHEDULER_METADATA },
      ),
    );
  }

  /** Runs `work` after whatever this process is already doing with reminders, one at a time. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work);
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
      // The day's run also sends on urges a stopped process left unsent.
      urges: directoryReminderPeople(this.directory),
      // The assigning body's own settings over the deployment's (AgencyReminderSettingsChanged).
      settingsFor: (body: string) =>
        withSettingsOverride(
          this.config.reminders.settings,
          this.directory.agencies.get(body)?.reminderSettings ?? {},
        ),
      calendar: createWorkingCalendar({ holidays: this.config.holidays }),
    };
  }

  /** Sends the messages due now (after the read model has the log's head), at most `limit`. */
  async deliver(now: Date, limit?: number): Promise<DeliverySummary> {
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
        limit,
      },
      now,
    );
  }

  /**
   * Sends a person's urge on to the lead agency's staff by their channels, then delivers it. One
   * message per person and channel, named by the urge, so nothing is queued twice.
   */
  async sendUrge(notice: TaskUrgedNotice): Promise<number> {
    // Queued at once, outside the run's turn: in the log before anything can stop it.
    const people = directoryReminderPeople(this.directory);
    const queued = await queueUrgeMessages(
      this.eventStore,
      {
        taskId: notice.taskId,
        task: notice.task,
        version: notice.version,
        kind: notice.kind,
        message: notice.message,
        urgedBy: people.urgedBy(notice.ctx.actor.userId, notice.ctx.actor.agency),
        recipients: people.staffOf(notice.task.leadAgency),
      },
      metadataOf(notice.ctx),
      vietnamDateOf(this.clock.now()),
    );
    if (this.deliversHere) {
      await this.inTurn(() => this.deliver(this.clock.now(), DELIVERY_PASS));
    }
    return queued;
  }

  async onApplicationShutdown(): Promise<void> {
    // A pass stuck on a mail server that does not answer does not hold the process for long:
    // what it had not recorded stays queued and goes at the next start.
    await Promise.race([
      this.running,
      new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
    ]);
    await this.mail?.close();
  }
}
