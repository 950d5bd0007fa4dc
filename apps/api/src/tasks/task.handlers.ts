import {
  CommandHandler,
  EventBus,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import {
  allowedTaskCommands,
  authorizeTaskAction,
  classifyTaskAt,
  foldTaskTimeline,
  decideTaskInput,
  isTaskAssigned,
  taskDecider,
  taskErrors,
  vietnamDateOf,
  type Actor,
  type AssignedTaskState,
} from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository, fold } from '../infrastructure/aggregate-repository';
import {
  ExecuteTaskCommand,
  GetTaskHistoryQuery,
  GetTaskQuery,
  TaskUrgedNotice,
} from './task.messages';
import type { TaskHistoryEntry, TaskView } from './task.view';

@CommandHandler(ExecuteTaskCommand)
export class ExecuteTaskHandler implements ICommandHandler<ExecuteTaskCommand, TaskView> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ taskId, command, ctx, ifMatch }: ExecuteTaskCommand): Promise<TaskView> {
    const result = await this.repository.execute({
      decider: taskDecider,
      id: taskId,
      ctx,
      ifMatch,
      decide: (state) => decideTaskInput(command, state, this.directory.agencies),
    });
    if (!isTaskAssigned(result.state)) throw new Error('A task command left the task unassigned');
    for (const event of result.events) {
      if (event.type === 'TaskUrged') {
        const { kind, message } = event.data;
        this.eventBus.publish(
          new TaskUrgedNotice(taskId, result.state, result.version, kind, message, ctx),
        );
      }
    }
    const allowedActions = this.allowed(ctx.actor, result.state);
    return { ...result.state, version: result.version, position: result.position, allowedActions };
  }

  private allowed(actor: Actor, state: AssignedTaskState) {
    return allowedTaskCommands(
      actor,
      state,
      this.directory.agencies,
      vietnamDateOf(this.clock.now()),
    );
  }
}

@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery, TaskView> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ taskId, ctx }: GetTaskQuery): Promise<TaskView> {
    const { events } = await this.repository.readEntity(taskDecider, taskId);
    const { state, version } = fold(taskDecider, events);
    if (!isTaskAssigned(state)) throw new DomainException(taskErrors.taskNotFound());
    const refusal = authorizeTaskAction(ctx.actor, 'read', state, this.directory.agencies);
    if (refusal) throw new DomainException(refusal);
    const today = vietnamDateOf(this.clock.now());
    const allowedActions = allowedTaskCommands(ctx.actor, state, this.directory.agencies, today);
    // Classified today by the statistics' own rule, so the page's "quá hạn n ngày" is the figure
    // a report counts; null once the task is closed.
    const timeline = foldTaskTimeline(events);
    const classification = timeline ? classifyTaskAt(timeline, today) : null;
    const classToday = classification && {
      at: today,
      class: classification.class,
      daysOverdue: classification.daysOverdue,
    };
    return { ...state, version, allowedActions, classToday };
  }
}

@QueryHandler(GetTaskHistoryQuery)
export class GetTaskHistoryHandler implements IQueryHandler<
  GetTaskHistoryQuery,
  TaskHistoryEntry[]
> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ taskId, ctx }: GetTaskHistoryQuery): Promise<TaskHistoryEntry[]> {
    const { events } = await this.repository.readEntity(taskDecider, taskId);
    const { state } = fold(taskDecider, events);
    if (!isTaskAssigned(state)) throw new DomainException(taskErrors.taskNotFound());
    const refusal = authorizeTaskAction(ctx.actor, 'read', state, this.directory.agencies);
    if (refusal) throw new DomainException(refusal);
    return events.map((event) => ({
      position: event.position,
      version: event.streamVersion,
      type: event.type,
      occurredOn: event.occurredOn,
      recordedAt: event.recordedAt,
      actor: event.metadata.actor,
      actorName: this.directory.users.get(event.metadata.actor)?.displayName ?? null,
      actorAgency: event.metadata.agency,
      data: event.data,
      imported: (event.metadata.imported as TaskHistoryEntry['imported'] | undefined) ?? null,
    }));
  }
}
