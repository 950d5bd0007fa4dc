import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';
import { UrgeMessagesHandler } from './urge-messages.handler';

@Module({
  imports: [CqrsModule],
  controllers: [RemindersController],
  providers: [RemindersService, UrgeMessagesHandler],
  exports: [RemindersService],
})
export class RemindersModule {}
