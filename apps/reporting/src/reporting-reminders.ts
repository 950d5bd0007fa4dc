/**
 * The reminders, when this reporting process runs them (CHIDAO_REMINDER_AT set here, and nowhere
 * else in the deployment): a tick every minute runs the day's reminders once they are due, then
 * sends the messages due. Of several reporting processes, the holder of the reminders' lease
 * ticks and the others stand by (two never both send); the day is claimed in the log besides
 * (two never both run it). What a run reads is brought to the log's head first: `tasks` and
 * `task_reminders` (fed as read-model-feeds.ts says), and the user and agency registers this
 * process follows in memory.
 */
import { withSettingsOverride, type TaskTimeline } from '@chidao/domain';
import { readDomainEvents } from '@chidao/event-store';
import type { ChidaoMetrics, Logger } from '@chidao/observability';
import {
  DirectoryRegisters,
  type ReminderMessageDocument,
  type TaskRemindersDocument,
} from '@chidao/projections';
import {
  deliverDueMessages,
  directoryReminderPeople,
  HttpMessageGateway,
  ReminderScheduler,
  reminderSenderLease,
  SmtpMailSender,
  type ReminderSettings,
  type ReminderTickOutcome,
  type RemindersConfig,
} from '@chidao/reminders';
import { createWorkingCalendar } from '@chidao/reporting';
import type { Stores } from '@chidao/runtime';
import type { WorkerSettings, WorkerStatus } from '@chidao/workers';
import type { ReadModelFeeds } from './read-model-feeds';

export interface ReportingReminders {
  readonly description: string;
  status(): WorkerStatus;
  /** Stops after the tick in flight (bounded), hands the lease over, closes the mail. */
  stop(): Promise<void>;
}

interface RemindersDeps {
  readonly stores: Stores;
  /** Keeping `tasks`, `task_reminders` and `reminder_messages`. */
  readonly feeds: ReadModelFeeds;
  readonly config: RemindersConfig & { readonly at: string };
  readonly workers: WorkerSettings;
  readonly metrics: ChidaoMetrics;
  readonly log: Logger;
  readonly clock: { now(): Date };
  /**
   * The settings for a task's assigning body. Default: the deployment's (CHIDAO_REMINDER_*) for
   * every body; where bodies have their own, pass the function that reads them.
   */
  readonly settingsFor?: (assigningAgency: string) => ReminderSettings;
}

export async function startReportingReminders(deps: RemindersDeps): Promise<ReportingReminders> {
  const { stores, feeds, config, metrics, log } = deps;
  const { eventStore, readStore } = stores;
  const registers = new DirectoryRegisters(readDomainEvents(eventStore));
  await registers.start((error) => log.error({ err: error }, 'reminders: the registers stopped'));
  const lease = await reminderSenderLease(readStore);
  const mail = config.mail ? new SmtpMailSender(config.mail) : null;
  const sms = config.sms ? new HttpMessageGateway(config.sms) : null;
  const people = directoryReminderPeople(registers);
  const calendar = createWorkingCalendar({ holidays: config.holidays });
  // The assigning body's own settings (AgencyReminderSettingsChanged) over the deployment's.
  const settingsFor =
    deps.settingsFor ??
    ((body: string) =>
      withSettingsOverride(config.settings, registers.agencies.get(body)?.reminderSettings ?? {}));
  const tasks = readStore.documents<TaskTimeline>('tasks');
  const taskReminders = readStore.documents<TaskRemindersDocument>('task_reminders');
  const messages = readStore.documents<ReminderMessageDocument>('reminder_messages');
  let sender: string | undefined;

  const onOutcome = ({ daily, delivery, sender: holder }: ReminderTickOutcome) => {
    if (daily?.result === 'ran') {
      const { remindersIssued, messagesQueued } = daily.summary;
      metrics.countScheduledRun('reminders', 'succeeded');
      log.info(
        { day: daily.day, remindersIssued, messagesQueued },
        `daily reminders of ${daily.day}: ${remindersIssued} reminders, ${messagesQueued} messages`,
      );
    } else if (daily?.result === 'taken') {
      metrics.countScheduledRun('reminders', 'already_done');
      log.info({ day: daily.day }, `daily reminders of ${daily.day}: run by another process`);
    }
    if (holder !== sender) {
      sender = holder;
      log.info(
        { sender: holder, owner: lease.owner },
        holder === lease.owner
          ? 'reminders: this process runs them and sends the messages'
          : `reminders: standing by, ${holder} runs them and sends the messages`,
      );
    }
    if (delivery && delivery.delivered + delivery.failed + delivery.gaveUp > 0) {
      log.info({ ...delivery }, `reminder messages: ${delivery.delivered} delivered`);
    }
  };

  const scheduler = new ReminderScheduler({
    at: config.at,
    clock: deps.clock,
    ...deps.workers,
    log,
    onError: () => metrics.countScheduledRun('reminders', 'failed'),
    onOutcome,
    deps: {
      lease,
      runDeps: async () => {
        const head = await eventStore.headPosition();
        await Promise.all([
          registers.catchUp(),
          feeds.waitFor('tasks', head),
          feeds.waitFor('task_reminders', head),
        ]);
        // `urges`: the day's run also sends on urges a stopped API left unsent.
        return {
          store: eventStore,
          tasks,
          taskReminders,
          people,
          settingsFor,
          calendar,
          urges: people,
        };
      },
      deliver: async (now, limit) => {
        await feeds.waitFor('reminder_messages', await eventStore.headPosition());
        return deliverDueMessages(
          {
            eventStore,
            messages,
            mail,
            sms,
            email: { publicUrl: config.publicUrl, mailDomain: config.mailDomain },
            metrics,
            limit,
          },
          now,
        );
      },
    },
  }).start();

  const channels = ['in app', mail && 'e-mail', sms && 'SMS'].filter(Boolean).join(', ');
  return {
    description: `reminders daily at ${config.at} (${channels})`,
    status: () => scheduler.status(),
    stop: async () => {
      if (!(await scheduler.stop())) {
        log.warn('reminders: a tick was still sending; what it had not recorded goes next start');
      }
      await registers.stop();
      await mail?.close();
    },
  };
}
