import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RemindersService } from './reminders.service';

const TICK_MS = 60_000;

/**
 * The embedded scheduler: every minute, the day's reminder run once it is due (CHIDAO_REMINDER_AT)
 * and the messages due (retries after a mail server or gateway came back). Runs only where a
 * daily hour or a channel is configured.
 */
@Injectable()
export class ReminderSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
  ) {}

  onApplicationBootstrap(): void {
    const { at, mail, sms } = this.config.reminders;
    if (at === null && mail === null && sms === null) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** One tick now (the timer's; tests call it). */
  async tick() {
    try {
      const outcome = await this.reminders.tick(this.config.reminders.at);
      if (outcome.daily?.result === 'ran') {
        const { remindersIssued, messagesQueued } = outcome.daily.summary;
        this.logger.log(
          `Daily reminders of ${outcome.daily.day}: ${remindersIssued} reminders, ${messagesQueued} messages`,
        );
      }
      return outcome;
    } catch (error) {
      this.logger.warn(`Reminders tick failed: ${String(error)}`);
      return null;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
