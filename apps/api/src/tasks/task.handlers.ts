import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import {
  authorizeTaskAction,
  checkAgenciesUsable,
  decideTask,
  evolveTask,
  initialTaskState,
  isTaskAssigned,
  taskErrors,
  type DomainError,
  type TaskEvent,
  type TaskState,
} from '@chidao/domain';
import { DomainException } from '../common/domain.exception';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import { actionOf } from './task-access';
import { ExecuteTaskCommand, GetTaskHistoryQuery, GetTaskQuery, taskStream } from './task.messages';
import type { TaskHistoryEntry, TaskView } from './task.view';

export const taskDefinition = { initial: initialTaskState, evolve: evolveTask };

@CommandHandler(ExecuteTaskCommand)
export class ExecuteTaskHandler implements ICommandHandler<ExecuteTaskCommand, TaskView> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ taskId, command, ctx, ifMatch }: ExecuteTaskCommand): Promise<TaskView> {
    const result = await this.repository.execute<TaskState, TaskEvent>({
      streamId: taskStream(taskId),
      definition: taskDefinition,
      ctx,
      ifMatch,
      decide: (state): TaskEvent[] | DomainError => {
        if (!isTaskAssigned(state)) return taskErrors.taskNotFound();
        const action = actionOf(command);
        const reportingAgency =
          command.type === 'ReportTaskProgress' ? command.data.agency : undefined;
        const refusal = authorizeTaskAction(ctx.actor, action, state, this.directory.agencies, {
          reportingAgency,
        });
        if (refusal) return refusal;
        if (command.type === 'ReassignTask') {
          // May act on this task; now: is the destination a real agency, and within their scope?
          const { leadAgency, supportAgencies = [] } = command.data;
          const unusable = checkAgenciesUsable(this.directory.agencies, [
            leadAgency,
            ...supportAgencies,
          ]);
          if (unusable) return unusable;
          const outside = authorizeTaskAction(ctx.actor, action, state, this.directory.agencies, {
            newLeadAgency: leadAgency,
          });
          if (outside) return outside;
        }
        return decideTask(command, state);
      },
    });
    if (!isTaskAssigned(result.state)) throw new Error('A task command left the task unassigned');
    return { ...result.state, version: result.version, position: result.position };
  }
}

@QueryHandler(GetTaskQuery)
export class GetTaskHandler implements IQueryHandler<GetTaskQuery, TaskView> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ taskId, ctx }: GetTaskQuery): Promise<TaskView> {
    const { state, version } = await this.repository.load(taskStream(taskId), taskDefinition);
    if (!isTaskAssigned(state)) throw new DomainException(taskErrors.taskNotFound());
    const refusal = authorizeTaskAction(ctx.actor, 'read', state, this.directory.agencies);
    if (refusal) throw new DomainException(refusal);
    return { ...state, version };
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
    const events = await this.repository.readStream(taskStream(taskId));
    const state = events.reduce(
      (s, e) => evolveTask(s, e as unknown as TaskEvent),
      initialTaskState,
    );
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
    }));
  }
}
