import { Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { TaskUrgedNotice } from '../tasks/task.messages';
import { RemindersService } from './reminders.service';

/**
 * A person's urge goes out at once, not with the next daily run. After the urge is in the log:
 * should this process stop before the messages are queued, the urge stays in the task's history
 * and the next urge or run does not send it (docs/reminders.md says so).
 */
@EventsHandler(TaskUrgedNotice)
export class UrgeMessagesHandler implements IEventHandler<TaskUrgedNotice> {
  private readonly logger = new Logger('Reminders');

  constructor(private readonly reminders: RemindersService) {}

  handle(notice: TaskUrgedNotice): void {
    this.reminders.sendUrge(notice).catch((error: unknown) => {
      this.logger.warn(`The urge of task ${notice.taskId} was not sent on: ${String(error)}`);
    });
  }
}
