import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { MinPositionDto } from '../tasks/task-list.dto';
import {
  NotificationsQueryDto,
  type MarkAllReadResult,
  type MarkReadResult,
  type NotificationPage,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** Every signed-in person's own in-app reminders: nobody reads or marks another's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary:
      "The caller's in-app reminders, newest first, with the tasks they name that the caller may read (any role, own only)",
  })
  list(
    @Query() params: NotificationsQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationPage> {
    return this.notifications.list(params, ctx);
  }

  @Get('unread-count')
  @ApiOperation({ summary: "How many of the caller's in-app reminders are unread (the bell)" })
  unreadCount(
    @Query() params: MinPositionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<{ unread: number }> {
    return this.notifications.unreadCount(ctx, params.minPosition);
  }

  // Before ':id/read', so that "read-all" is never taken for an id.
  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every unread in-app reminder of the caller read' })
  markAllRead(@Ctx() ctx: RequestContext): Promise<MarkAllReadResult> {
    return this.notifications.markAllRead(ctx);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiParam({ name: 'id', description: 'The message id' })
  @ApiOperation({
    summary:
      "Mark one of the caller's in-app reminders read (again: nothing recorded); another's: 404",
  })
  markRead(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<MarkReadResult> {
    return this.notifications.markRead(id, ctx);
  }
}
