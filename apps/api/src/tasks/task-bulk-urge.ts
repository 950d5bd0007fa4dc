import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { authorizeTaskAction, isTaskAssigned, taskDecider } from '@chidao/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import { UrgeTaskDto } from './task-commands.dto';
import { ExecuteTaskCommand } from './task.messages';

/** At most one screen's worth of a list: the overdue list pages by 100, a tracker picks two. */
export const BULK_URGE_MAX = 200;

/** The single urge's body, for many tasks at once (issue 18: "also in bulk from a list"). */
export class BulkUrgeDto extends UrgeTaskDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: BULK_URGE_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_URGE_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  taskIds!: string[];
}

/** A refusal carries both texts, as every error body does: the web app shows the user's. */
export interface BulkUrgeResult {
  taskId: string;
  outcome: 'urged' | 'refused';
  code?: string;
  message?: string;
  messageVi?: string;
}

export interface BulkUrgeAnswer {
  results: BulkUrgeResult[];
  urged: number;
  refused: number;
}

export class BulkUrgeCommand {
  constructor(
    readonly body: BulkUrgeDto,
    readonly ctx: RequestContext,
  ) {}
}

/**
 * One task that does not exist and one the caller may not read get the same refusal, so a bulk
 * request cannot be used to probe which ids exist elsewhere.
 */
const NOT_FOUND_OR_OUT_OF_SCOPE = {
  code: 'task_not_found',
  message: 'The task does not exist or is outside what you track.',
  messageVi: 'Nhiệm vụ không tồn tại hoặc không thuộc phạm vi theo dõi của bạn.',
} as const;

/**
 * Each task gets its own `UrgeTask` through the single urge's handler (same permissions, same
 * rules, same event), one after the other: a refusal of one does not stop the others. Under an
 * `Idempotency-Key` the global interceptor stores the whole answer; each event carries the key.
 */
@CommandHandler(BulkUrgeCommand)
export class BulkUrgeHandler implements ICommandHandler<BulkUrgeCommand, BulkUrgeAnswer> {
  constructor(
    private readonly commands: CommandBus,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ body, ctx }: BulkUrgeCommand): Promise<BulkUrgeAnswer> {
    const data = { kind: body.kind ?? 'overdue', message: body.message ?? null };
    const results: BulkUrgeResult[] = [];
    for (const taskId of body.taskIds) {
      results.push(await this.urgeOne(taskId, data, body.occurredOn, ctx));
    }
    const urged = results.filter((result) => result.outcome === 'urged').length;
    return { results, urged, refused: results.length - urged };
  }

  private async urgeOne(
    taskId: string,
    data: { kind: string; message: string | null },
    occurredOn: string | undefined,
    ctx: RequestContext,
  ): Promise<BulkUrgeResult> {
    const { state } = await this.repository.load(taskDecider, taskId);
    if (
      !isTaskAssigned(state) ||
      authorizeTaskAction(ctx.actor, 'read', state, this.directory.agencies)
    ) {
      return { taskId, outcome: 'refused', ...NOT_FOUND_OR_OUT_OF_SCOPE };
    }
    const meta = commandMeta(ctx, this.clock.now(), occurredOn);
    try {
      await this.commands.execute(
        new ExecuteTaskCommand(taskId, { type: 'UrgeTask', data, meta }, ctx),
      );
      return { taskId, outcome: 'urged' };
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      const { code, message, messageVi } = error.error;
      return { taskId, outcome: 'refused', code, message, messageVi };
    }
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key returns the first answer, without urging again',
})
@Controller('api/tasks')
export class BulkUrgeController {
  constructor(private readonly commands: CommandBus) {}

  @Post('urge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Urge many tasks at once (leadership, tracking office): one UrgeTask each, refusals listed',
  })
  urge(@Body() body: BulkUrgeDto, @Ctx() ctx: RequestContext): Promise<BulkUrgeAnswer> {
    return this.commands.execute(new BulkUrgeCommand(body, ctx));
  }
}
