import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TaskCommandType } from '@chidao/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { IfMatch } from '../common/if-match';
import { VersionETagInterceptor } from '../common/version-etag.interceptor';
import { Ctx, type RequestContext } from '../common/request-context';
import {
  ApproveDeadlineChangeDto,
  BusinessDateDto,
  ReasonDto,
  ReassignTaskDto,
  ReportCompletionDto,
  ReportProgressDto,
  RequestDeadlineChangeDto,
  ResumeTaskDto,
  UrgeTaskDto,
} from './task-commands.dto';
import { ExecuteTaskCommand, GetTaskHistoryQuery, GetTaskQuery } from './task.messages';
import type { TaskHistoryEntry, TaskView } from './task.view';

const uuid = new ParseUUIDPipe();

@ApiTags('tasks')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'Version you saw; 412 if the task changed since',
})
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key returns the first answer',
})
@UseInterceptors(VersionETagInterceptor)
@Controller('api/tasks/:id')
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A task folded from its stream, with its version' })
  get(@Param('id', uuid) id: string, @Ctx() ctx: RequestContext): Promise<TaskView> {
    return this.queries.execute(new GetTaskQuery(id, ctx));
  }

  @Get('history')
  @ApiOperation({ summary: "The task's events with actor, business date and recorded time" })
  history(@Param('id', uuid) id: string, @Ctx() ctx: RequestContext): Promise<TaskHistoryEntry[]> {
    return this.queries.execute(new GetTaskHistoryQuery(id, ctx));
  }

  @Post('receive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive the task (lead agency staff)' })
  receive(
    @Param('id', uuid) id: string,
    @Body() body: BusinessDateDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, { type: 'ReceiveTask', data: {} });
  }

  @Post('refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a task that is not the agency’s own (lead agency staff)' })
  refuse(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'RefuseTask',
      data: { reason: body.reason },
    });
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the task to another lead agency (leadership, tracking office)' })
  reassign(
    @Param('id', uuid) id: string,
    @Body() body: ReassignTaskDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    const { occurredOn, ...data } = body;
    return this.run(id, ctx, occurredOn, ifMatch, { type: 'ReassignTask', data });
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report progress (lead agency, or a supporting agency for its part)' })
  progress(
    @Param('id', uuid) id: string,
    @Body() body: ReportProgressDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    const { occurredOn, agency, ...rest } = body;
    return this.run(id, ctx, occurredOn, ifMatch, {
      type: 'ReportTaskProgress',
      data: { ...rest, agency: agency ?? ctx.actor.agency ?? '' },
    });
  }

  @Post('deadline-change-requests')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Request an extension or the withdrawal of the task (lead agency staff)',
  })
  requestDeadlineChange(
    @Param('id', uuid) id: string,
    @Body() body: RequestDeadlineChangeDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'RequestDeadlineChange',
      data: {
        requestId: randomUUID(),
        kind: body.kind ?? 'extension',
        proposedDeadline: body.proposedDeadline ?? null,
        reason: body.reason,
      },
    });
  }

  @Post('deadline-change-requests/:requestId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a deadline change request (leadership, tracking office)' })
  approve(
    @Param('id', uuid) id: string,
    @Param('requestId', uuid) requestId: string,
    @Body() body: ApproveDeadlineChangeDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'ApproveDeadlineChange',
      data: { requestId, ...(body.newDeadline ? { newDeadline: body.newDeadline } : {}) },
    });
  }

  @Post('deadline-change-requests/:requestId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a deadline change request (leadership, tracking office)' })
  reject(
    @Param('id', uuid) id: string,
    @Param('requestId', uuid) requestId: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'RejectDeadlineChange',
      data: { requestId, reason: body.reason },
    });
  }

  @Post('completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report completion with the result document (lead agency staff)' })
  reportCompletion(
    @Param('id', uuid) id: string,
    @Body() body: ReportCompletionDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    const { occurredOn, ...data } = body;
    return this.run(id, ctx, occurredOn, ifMatch, { type: 'ReportCompletion', data });
  }

  @Post('completion/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the reported completion (tracking office)' })
  confirm(
    @Param('id', uuid) id: string,
    @Body() body: BusinessDateDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'ConfirmCompletion',
      data: {},
    });
  }

  @Post('completion/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return the completion to be redone (tracking office)' })
  returnCompletion(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'ReturnCompletion',
      data: { reason: body.reason },
    });
  }

  @Post('urge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Urge the lead agency (tracking office)' })
  urge(
    @Param('id', uuid) id: string,
    @Body() body: UrgeTaskDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'UrgeTask',
      data: { kind: body.kind ?? 'overdue', message: body.message ?? null },
    });
  }

  @Post('hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the task on hold (leadership, tracking office)' })
  hold(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'PutTaskOnHold',
      data: { reason: body.reason },
    });
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a task on hold, optionally with a new deadline (leadership, tracking office)',
  })
  resume(
    @Param('id', uuid) id: string,
    @Body() body: ResumeTaskDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'ResumeTask',
      data: body.newDeadline ? { newDeadline: body.newDeadline } : {},
    });
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the task (leadership, tracking office)' })
  cancel(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
    @IfMatch() ifMatch?: number,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, {
      type: 'CancelTask',
      data: { reason: body.reason },
    });
  }

  private run(
    taskId: string,
    ctx: RequestContext,
    occurredOn: string | undefined,
    ifMatch: number | undefined,
    command: { type: TaskCommandType; data: object },
  ): Promise<TaskView> {
    const meta = commandMeta(ctx, this.clock.now(), occurredOn);
    return this.commands.execute(
      new ExecuteTaskCommand(taskId, { ...command, meta }, ctx, ifMatch),
    );
  }
}
