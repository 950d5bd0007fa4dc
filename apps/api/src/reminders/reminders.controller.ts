import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { forbidden, hasRole, isOnlyAuditor, auditorsReadOnly } from '@chidao/domain';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { RemindersService, type ReminderRunAnswer } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Run the reminder rules now and send what is due; answers what was recorded and sent (administrators, trackers)',
  })
  run(@Ctx() ctx: RequestContext): Promise<ReminderRunAnswer> {
    const { actor } = ctx;
    if (!hasRole(actor, 'admin') && !hasRole(actor, 'tracker')) {
      throw new DomainException(
        isOnlyAuditor(actor.roles)
          ? auditorsReadOnly({ action: 'run_reminders' })
          : forbidden(
              'Only administrators and tracking offices may run reminders.',
              'Chỉ quản trị viên và văn phòng theo dõi được chạy nhắc việc.',
              { action: 'run_reminders' },
            ),
      );
    }
    return this.reminders.run(ctx);
  }
}
