import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AgenciesController } from './agencies.controller';
import {
  AssignAgencyHeadHandler,
  RegisterAgencyHandler,
  UpdateAgencyHandler,
} from './agency.handlers';
import {
  AddAgencyAliasHandler,
  AgencyAliasesHandler,
  RemoveAgencyAliasHandler,
} from './agency-aliases.handlers';
import { ReminderSettingsHandler, SetReminderSettingsHandler } from './reminder-settings.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [AgenciesController],
  providers: [
    RegisterAgencyHandler,
    UpdateAgencyHandler,
    AssignAgencyHeadHandler,
    ReminderSettingsHandler,
    SetReminderSettingsHandler,
    AgencyAliasesHandler,
    AddAgencyAliasHandler,
    RemoveAgencyAliasHandler,
  ],
})
export class AgenciesModule {}
