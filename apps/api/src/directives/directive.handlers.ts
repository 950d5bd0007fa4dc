import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import {
  authorizeDirectiveAction,
  authorizeDirectiveRead,
  authorizeTaskAction,
  checkAgenciesUsable,
  decideDirective,
  decideTask,
  directiveErrors,
  DomainError,
  evolveDirective,
  initialDirectiveState,
  initialTaskState,
  isDomainError,
  type AssignedTaskState,
  type DirectiveCommand,
  type TaskCommand,
  type TaskEvent,
} from '@chidao/domain';
import { ConcurrencyError, type EventStore, type StreamWrite } from '@chidao/event-store';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import { DirectoryService } from '../directory/directory.service';
import {
  AggregateRepository,
  metadataOf,
  toNewEvents,
} from '../infrastructure/aggregate-repository';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { taskDefinition } from '../tasks/task.handlers';
import { taskStream } from '../tasks/task.messages';
import type { TaskView } from '../tasks/task.view';
import {
  AssignTasksCommand,
  directiveKeyStream,
  directiveStream,
  GetDirectiveQuery,
  RegisterDirectiveCommand,
} from './directive.messages';
import type { DirectiveView } from './directive.view';

const directiveDefinition = { initial: initialDirectiveState, evolve: evolveDirective };

const referenceTaken = (reference: string) =>
  new DomainException(
    new DomainError(
      'conflict',
      'directive_reference_taken',
      `A directive with reference ${reference} from this issuer and year is already registered.`,
      `Văn bản số ${reference} của cơ quan ban hành này trong năm đã được nhập vào hệ thống.`,
      { reference },
    ),
  );

@CommandHandler(RegisterDirectiveCommand)
export class RegisterDirectiveHandler implements ICommandHandler<
  RegisterDirectiveCommand,
  DirectiveView
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ body, ctx }: RegisterDirectiveCommand): Promise<DirectiveView> {
    const refusal = authorizeDirectiveAction(ctx.actor, 'register', this.directory.agencies);
    if (refusal) throw new DomainException(refusal);
    const directiveId = body.id ?? randomUUID();
    const command: DirectiveCommand = {
      type: 'RegisterDirective',
      data: {
        directiveId,
        reference: body.reference,
        issuedOn: body.issuedOn,
        issuer: body.issuer,
        title: body.title,
        summary: body.summary ?? null,
      },
      meta: commandMeta(ctx, this.clock.now()),
    };
    const events = decideDirective(command, initialDirectiveState);
    if (isDomainError(events)) throw new DomainException(events);
    const state = events.reduce(evolveDirective, initialDirectiveState);
    const metadata = metadataOf(ctx);
    // Numbers restart per issuing body and year, and every district's committee writes "…/KH-UBND":
    // the issuing body is part of what must be unique.
    const keyStream = directiveKeyStream(
      `${state.issuer.toLocaleLowerCase('vi')}|${state.documentKey}`,
    );
    try {
      const [result] = await this.store.appendMany([
        {
          streamId: directiveStream(directiveId),
          events: toNewEvents(events, metadata),
          expectedVersion: 'no_stream',
        },
        {
          streamId: keyStream,
          events: [
            {
              type: 'DirectiveReferenceReserved',
              schemaVersion: 1,
              data: { documentKey: state.documentKey, directiveId },
              metadata,
              occurredOn: command.meta.occurredOn,
            },
          ],
          expectedVersion: 'no_stream',
        },
      ]);
      return {
        ...state,
        id: directiveId,
        version: result.nextExpectedVersion,
        position: result.lastPosition,
      };
    } catch (error) {
      if (error instanceof ConcurrencyError && error.streamId === keyStream)
        throw referenceTaken(state.reference!.text);
      if (error instanceof ConcurrencyError) {
        throw new DomainException(
          new DomainError(
            'conflict',
            'directive_already_exists',
            `Directive ${directiveId} already exists.`,
            `Văn bản ${directiveId} đã tồn tại.`,
          ),
        );
      }
      throw error;
    }
  }
}

/** All tasks of one call are appended in one transaction: every task is assigned, or none is. */
@CommandHandler(AssignTasksCommand)
export class AssignTasksHandler implements ICommandHandler<
  AssignTasksCommand,
  { tasks: TaskView[] }
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({
    directiveId,
    tasks,
    ctx,
  }: AssignTasksCommand): Promise<{ tasks: TaskView[]; position: number }> {
    const { state: directive } = await this.repository.load(
      directiveStream(directiveId),
      directiveDefinition,
    );
    if (directive.status === 'none') throw new DomainException(directiveErrors.notFound());
    if (directive.status === 'revoked') throw new DomainException(directiveErrors.revoked());
    const now = this.clock.now();
    const metadata = metadataOf(ctx);
    const writes: StreamWrite[] = [];
    const views: TaskView[] = [];
    const seen = new Set<string>();
    for (const [index, task] of tasks.entries()) {
      const taskId = task.id ?? randomUUID();
      const fail = (error: DomainError): never => {
        throw new DomainException(
          tasks.length > 1
            ? error.within({ en: `Task ${index + 1}`, vi: `Nhiệm vụ thứ ${index + 1}` }, { index })
            : error,
        );
      };
      if (seen.has(taskId))
        fail(
          new DomainError(
            'rule_refused',
            'task_id_duplicate',
            `Task id ${taskId} appears twice.`,
            `Mã nhiệm vụ ${taskId} bị trùng.`,
          ),
        );
      seen.add(taskId);
      const supportAgencies = task.supportAgencies ?? [];
      const target = {
        assigningAgency: directive.assigningAgency ?? '',
        leadAgency: task.leadAgency,
        supportAgencies,
      };
      const unusable = checkAgenciesUsable(this.directory.agencies, [
        task.leadAgency,
        ...supportAgencies,
      ]);
      if (unusable) fail(unusable);
      const refusal = authorizeTaskAction(ctx.actor, 'assign', target, this.directory.agencies);
      if (refusal) fail(refusal);
      const meta = commandMeta(ctx, now, task.occurredOn);
      if (directive.issuedOn && meta.occurredOn < directive.issuedOn) {
        fail(
          new DomainError(
            'rule_refused',
            'date_before_issue',
            `A task cannot be assigned (${meta.occurredOn}) before its document was issued (${directive.issuedOn}).`,
            `Ngày giao nhiệm vụ (${meta.occurredOn}) không được trước ngày ban hành văn bản (${directive.issuedOn}).`,
            { occurredOn: meta.occurredOn, issuedOn: directive.issuedOn },
          ),
        );
      }
      const command: TaskCommand = {
        type: 'AssignTask',
        data: {
          taskId,
          directiveId,
          directiveReference: directive.reference!.text,
          assigningAgency: directive.assigningAgency ?? '',
          title: task.title,
          leadAgency: task.leadAgency,
          supportAgencies,
          deadline: task.deadline ?? null,
          keyTask: task.keyTask ?? false,
          workProgrammeItem: task.workProgrammeItem ?? false,
          leaderInCharge: task.leaderInCharge ?? null,
        },
        meta,
      };
      const events = decideTask(command, initialTaskState);
      if (isDomainError(events)) fail(events);
      const decided = events as TaskEvent[];
      writes.push({
        streamId: taskStream(taskId),
        events: toNewEvents(decided, metadata),
        expectedVersion: 'no_stream',
      });
      views.push({
        ...(decided.reduce(taskDefinition.evolve, taskDefinition.initial) as AssignedTaskState),
        version: decided.length,
      });
    }
    let position: number;
    try {
      const results = await this.store.appendMany(writes);
      position = results[results.length - 1].lastPosition;
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw new DomainException(
          new DomainError(
            'conflict',
            'task_already_exists',
            `Task ${error.streamId.slice(5)} already exists.`,
            'Mã nhiệm vụ đã tồn tại.',
            { taskId: error.streamId.slice(5) },
          ),
        );
      }
      throw error;
    }
    return { tasks: views, position };
  }
}

@QueryHandler(GetDirectiveQuery)
export class GetDirectiveHandler implements IQueryHandler<GetDirectiveQuery, DirectiveView> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ directiveId, ctx }: GetDirectiveQuery): Promise<DirectiveView> {
    const { state, version } = await this.repository.load(
      directiveStream(directiveId),
      directiveDefinition,
    );
    if (state.status === 'none') throw new DomainException(directiveErrors.notFound());
    const refusal = authorizeDirectiveRead(ctx.actor, this.directory.agencies, {
      assigningAgency: state.assigningAgency ?? '',
    });
    if (refusal) throw new DomainException(refusal);
    return { ...state, id: directiveId, version };
  }
}
