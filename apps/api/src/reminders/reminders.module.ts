import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RemindersController } from './reminders.controller';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { RemindersService } from './reminders.service';
import { UrgeMessagesHandler } from './urge-messages.handler';

@Module({
  imports: [CqrsModule],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderSchedulerService, UrgeMessagesHandler],
  exports: [RemindersService, ReminderSchedulerService],
})
export class RemindersModule {}
