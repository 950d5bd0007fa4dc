import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { toAgencyView, type AgencyView } from './agency.view';
import { DirectoryService } from '../directory/directory.service';
import { RegisterAgencyDto, UpdateAgencyDto } from './agencies.dto';
import { RegisterAgencyCommand, UpdateAgencyCommand } from './agency.handlers';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/agencies')
export class AgenciesController {
  constructor(
    private readonly commands: CommandBus,
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

  @Get()
  @ApiOperation({ summary: 'The agency register (every signed-in user: forms need it)' })
  list(): AgencyView[] {
    return this.directory.agencies.list().map(toAgencyView);
  }
}
