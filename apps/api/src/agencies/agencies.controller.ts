import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { toAgencyView, type AgencyView } from './agency.view';
import { DirectoryService } from '../directory/directory.service';
import { AssignAgencyHeadDto, RegisterAgencyDto, UpdateAgencyDto } from './agencies.dto';
import {
  AssignAgencyHeadCommand,
  RegisterAgencyCommand,
  UpdateAgencyCommand,
} from './agency.handlers';
import { AgencyAliasDto } from './agency-aliases.dto';
import {
  AddAgencyAliasCommand,
  AgencyAliasesQuery,
  RemoveAgencyAliasCommand,
  type AgencyAliasView,
} from './agency-aliases.handlers';
import { ReminderSettingsDto } from './reminder-settings.dto';
import {
  ReminderSettingsQuery,
  SetReminderSettingsCommand,
  type ReminderSettingsView,
} from './reminder-settings.handlers';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/agencies')
export class AgenciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly directory: DirectoryService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register an agency (admin)' })
  register(@Body() body: RegisterAgencyDto, @Ctx() ctx: RequestContext): Promise<AgencyView> {
    return this.commands.execute(new RegisterAgencyCommand(body, ctx));
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Rename, move under another parent, deactivate or reactivate (admin)' })
  update(
    @Param('code') code: string,
    @Body() body: UpdateAgencyDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AgencyView> {
    return this.commands.execute(new UpdateAgencyCommand(code, body, ctx));
  }

  @Put(':code/head')
  @ApiOperation({
    summary:
      'Set who heads the agency, for reminder escalation: an enabled user of that agency, or null (admin)',
  })
  assignHead(
    @Param('code') code: string,
    @Body() body: AssignAgencyHeadDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AgencyView> {
    return this.commands.execute(new AssignAgencyHeadCommand(code, body, ctx));
  }

  @Get(':code/reminder-settings')
  @ApiOperation({
    summary:
      "The reminder settings of the tasks the body assigns, beside the deployment's (admin, auditors, the body's trackers and leaders)",
  })
  reminderSettings(
    @Param('code') code: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ReminderSettingsView> {
    return this.queries.execute(new ReminderSettingsQuery(code, ctx));
  }

  @Put(':code/reminder-settings')
  @ApiOperation({
    summary:
      "Set the reminder settings of the tasks the body assigns; fields left out follow the deployment's (admin, the body's trackers)",
  })
  setReminderSettings(
    @Param('code') code: string,
    @Body() body: ReminderSettingsDto,
    @Ctx() ctx: RequestContext,
  ): Promise<ReminderSettingsView> {
    return this.commands.execute(new SetReminderSettingsCommand(code, body, ctx));
  }

  @Get('aliases')
  @ApiOperation({
    summary:
      "The names offices' lists use for agencies, as imports match them (admin, leadership and trackers of a body, auditors)",
  })
  aliases(@Ctx() ctx: RequestContext): Promise<AgencyAliasView[]> {
    return this.queries.execute(new AgencyAliasesQuery(ctx));
  }

  @Post(':code/aliases')
  @ApiOperation({
    summary:
      'Map a name an imported list uses to the agency, for every later import; the same name again changes nothing (admin, leadership and trackers of a body)',
  })
  addAlias(
    @Param('code') code: string,
    @Body() body: AgencyAliasDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AgencyAliasView> {
    return this.commands.execute(new AddAgencyAliasCommand(code, body, ctx));
  }

  @Delete(':code/aliases')
  @ApiOperation({
    summary:
      "Unmap a name from the agency (?alias=); answers the agency's aliases left (admin, leadership and trackers of a body)",
  })
  removeAlias(
    @Param('code') code: string,
    @Query() query: AgencyAliasDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AgencyAliasView[]> {
    return this.commands.execute(new RemoveAgencyAliasCommand(code, query, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'The agency register, with each head (every signed-in user)' })
  list(): AgencyView[] {
    return this.directory.agencies.list().map(toAgencyView);
  }
}
