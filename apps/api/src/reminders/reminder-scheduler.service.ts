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
 * and a pass over the messages due (retries after a mail server or gateway came back). Runs only
 * in the process with the daily hour set: one sender, so no message goes out twice.
 */
@Injectable()
export class ReminderSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
  ) {}

  onApplicationBootstrap(): void {
    // Only the process with the daily hour runs and sends (see RemindersService.deliversHere).
    if (this.config.reminders.at === null) return;
    this.timer = setInterval(() => {
      // A tick still sending (a slow mail server) is not joined by another.
      if (!this.ticking) void this.tick();
    }, TICK_MS);
    this.timer.unref();
  }

  /** One tick now (the timer's; tests call it). */
  async tick() {
    this.ticking = true;
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
    } finally {
      this.ticking = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
