import {
  Body,
  Controller,
  Delete,
  Get,
  Logger,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { authorizeAdministration } from '@chidao/domain';
import type { Response } from 'express';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { EXPORT_CONTENT_TYPES, ExportFormatDto, sendTableFile } from '../exports/send-table-file';
import { LoginLockService } from './login-lock.service';
import { LoginSessionsService } from './login-sessions.service';
import { ChangeUserContactCommand, CreateUserCommand, UpdateUserCommand } from './user.commands';
import { ChangeContactDto, CreateUserDto, UpdateUserDto } from './users.dto';
import { toUserView, type UserView } from './user.view';
import { userExportColumns } from './users.export';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  private readonly logger = new Logger(UsersController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly directory: DirectoryService,
    private readonly locks: LoginLockService,
    private readonly sessions: LoginSessionsService,
  ) {}

  @Delete(':id/sessions')
  @ApiOperation({
    summary: 'End every login session of a user, on every device (admin; recorded in the log)',
  })
  async revokeSessions(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    await this.sessions.revokeAll(id, ctx);
    return toUserView(this.directory.users.get(id)!);
  }

  @Delete(':id/login-lock')
  @ApiOperation({ summary: 'Lift the lock that too many wrong passwords put on logins (admin)' })
  unlockLogin(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.locks.unlock(id, ctx);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  create(@Body() body: CreateUserDto, @Ctx() ctx: RequestContext): Promise<UserView> {
    return this.commands.execute(new CreateUserCommand(body, ctx));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change roles, agency, name, password; disable or enable (admin)' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.commands.execute(new UpdateUserCommand(id, body, ctx));
  }

  @Patch(':id/contact')
  @ApiOperation({
    summary:
      'Set how a user is reminded: e-mail, phone, channels (the user themself, or an administrator)',
  })
  changeContact(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeContactDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.commands.execute(new ChangeUserContactCommand(id, body, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'List users, with their contact for reminders (admin)' })
  list(@Ctx() ctx: RequestContext): UserView[] {
    const refusal = authorizeAdministration(ctx.actor, 'users');
    if (refusal) throw new DomainException(refusal);
    return this.directory.users.list().map(toUserView);
  }

  @Get('export')
  @ApiProduces(EXPORT_CONTENT_TYPES.xlsx, EXPORT_CONTENT_TYPES.csv)
  @ApiOperation({ summary: 'The users list as .xlsx or CSV, with their contact (admin)' })
  async export(
    @Query() params: ExportFormatDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    const users = this.list(ctx);
    const agencyName = (code: string) => this.directory.agencies.get(code)?.name ?? code;
    await sendTableFile(res, this.logger, {
      format: params.format ?? 'xlsx',
      name: 'Danh sách người dùng',
      columns: userExportColumns(agencyName),
      rows: users,
      heading: { sheet: 'Người dùng', lines: ['Danh sách người dùng'] },
    });
  }
}
