import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TaskCommand } from '@chidao/domain';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { parseIfMatch } from '../common/if-match';
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
@Controller('api/tasks/:id')
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A task folded from its stream, with its version' })
  async get(
    @Param('id', uuid) id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskView> {
    const task = await this.queries.execute<GetTaskQuery, TaskView>(new GetTaskQuery(id, ctx));
    res.setHeader('ETag', `"${task.version}"`);
    return task;
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, { type: 'ReceiveTask', data: {} });
  }

  @Post('refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a task that is not the agency’s own (lead agency staff)' })
  refuse(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const { occurredOn, ...data } = body;
    return this.run(id, ctx, occurredOn, ifMatch, res, { type: 'ReassignTask', data });
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report progress (lead agency, or a supporting agency for its part)' })
  progress(
    @Param('id', uuid) id: string,
    @Body() body: ReportProgressDto,
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const { occurredOn, agency, ...rest } = body;
    return this.run(id, ctx, occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    const { occurredOn, ...data } = body;
    return this.run(id, ctx, occurredOn, ifMatch, res, { type: 'ReportCompletion', data });
  }

  @Post('completion/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the reported completion (tracking office)' })
  confirm(
    @Param('id', uuid) id: string,
    @Body() body: BusinessDateDto,
    @Ctx() ctx: RequestContext,
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
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
    @Headers('if-match') ifMatch?: string,
    @Res({ passthrough: true }) res?: Response,
  ) {
    return this.run(id, ctx, body.occurredOn, ifMatch, res, {
      type: 'CancelTask',
      data: { reason: body.reason },
    });
  }

  private async run(
    taskId: string,
    ctx: RequestContext,
    occurredOn: string | undefined,
    ifMatch: string | undefined,
    res: Response | undefined,
    command: Pick<TaskCommand, 'type' | 'data'>,
  ): Promise<TaskView> {
    const full = {
      ...command,
      meta: commandMeta(ctx, this.clock.now(), occurredOn),
    } as TaskCommand;
    const task = await this.commands.execute<ExecuteTaskCommand, TaskView>(
      new ExecuteTaskCommand(taskId, full, ctx, parseIfMatch(ifMatch)),
    );
    res?.setHeader('ETag', `"${task.version}"`);
    return task;
  }
}
