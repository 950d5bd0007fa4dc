import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import {
  authorizeDirectiveAction,
  authorizeDirectiveIssuer,
  authorizeDirectiveRead,
  authorizeDirectiveWithdrawal,
  decideTaskAssignments,
  directiveDecider,
  directiveErrors,
  directiveReservation,
  foldWith,
  isDomainError,
  isTaskAssigned,
  issuingAgenciesOf,
  parseAssignTasks,
  parseDirectiveCommand,
  reservationExpectation,
  STREAMS,
  taskAssignmentErrors,
  taskDecider,
  TASK_STATUSES,
  type DirectiveState,
} from '@chidao/domain';
import { ConcurrencyError, type EventStore } from '@chidao/event-store';
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
import { ProjectionsService } from '../read-models/projections.service';
import type { TaskView } from '../tasks/task.view';
import {
  AssignTasksCommand,
  GetDirectiveQuery,
  RegisterDirectiveCommand,
} from './directive.messages';
import type { DirectiveView } from './directive.view';

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
    const command = parseDirectiveCommand({
      type: 'RegisterDirective',
      data: {
        directiveId: body.id ?? randomUUID(),
        reference: body.reference,
        issuedOn: body.issuedOn,
        issuer: body.issuer,
        title: body.title,
        summary: body.summary ?? null,
      },
      meta: commandMeta(ctx, this.clock.now()),
    });
    if (isDomainError(command)) throw new DomainException(command);
    // directiveId in its canonical form (lower-case): the stream an upper-case spelling finds too.
    const { issuer, directiveId } = command.data;
    const issuing = issuingAgenciesOf(issuer, this.directory.agencies.list());
    const outOfLine = authorizeDirectiveIssuer(ctx.actor, issuer, issuing, this.directory.agencies);
    if (outOfLine) throw new DomainException(outOfLine);
    const events = directiveDecider.decide(command, directiveDecider.initialState);
    if (isDomainError(events)) throw new DomainException(events);
    const state = foldWith(directiveDecider, events);
    // The document's own stream refuses a second registration of the same number and symbol;
    // a number released by a withdrawal is taken again at the stream's current version.
    const reservation = directiveReservation(state, command.meta.occurredOn);
    const reserved = await this.store.readStream(reservation.streamId);
    const expected = reservationExpectation(reserved.map((event) => event.type));
    if (expected === 'taken') {
      throw new DomainException(directiveErrors.referenceTaken(state.reference!.text));
    }
    const metadata = metadataOf(ctx);
    try {
      const [result] = await this.store.appendMany([
        {
          streamId: directiveDecider.stream.of(directiveId),
          events: toNewEvents(events, metadata),
          expectedVersion: 'no_stream',
        },
        {
          streamId: reservation.streamId,
          events: toNewEvents([reservation.event], metadata),
          expectedVersion: expected,
        },
      ]);
      return {
        ...state,
        id: directiveId,
        version: result.nextExpectedVersion,
        position: result.lastPosition,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      throw new DomainException(
        error.streamId === reservation.streamId
          ? directiveErrors.referenceTaken(state.reference!.text)
          : directiveErrors.idTaken(directiveId),
      );
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
    const { state: directive } = await this.repository.load(directiveDecider, directiveId);
    const command = parseAssignTasks({
      type: 'AssignTasks',
      data: {
        directiveId,
        // Omitted in the request means none: no supporting agency, no deadline, not key.
        tasks: tasks.map(({ id, ...task }) => ({
          ...task,
          taskId: id ?? randomUUID(),
          supportAgencies: task.supportAgencies ?? [],
          deadline: task.deadline ?? null,
          keyTask: task.keyTask ?? false,
          leaderInCharge: task.leaderInCharge ?? null,
        })),
      },
      meta: commandMeta(ctx, this.clock.now()),
    });
    if (isDomainError(command)) throw new DomainException(command);
    const assignments = decideTaskAssignments(command, directive, this.directory.agencies);
    if (isDomainError(assignments)) throw new DomainException(assignments);
    const metadata = metadataOf(ctx);
    try {
      const results = await this.store.appendMany(
        assignments.map(({ taskId, events }) => ({
          streamId: taskDecider.stream.of(taskId),
          events: toNewEvents(events, metadata),
          expectedVersion: 'no_stream' as const,
        })),
      );
      const views = assignments.map(({ events }) => {
        const state = foldWith(taskDecider, events);
        if (!isTaskAssigned(state)) throw new Error('An assignment left the task unassigned');
        return { ...state, version: events.length };
      });
      return { tasks: views, position: results[results.length - 1].lastPosition };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const taskId = STREAMS.task.idOf(error.streamId) ?? error.streamId;
      throw new DomainException(taskAssignmentErrors.taskAlreadyExists(taskId));
    }
  }
}

@QueryHandler(GetDirectiveQuery)
export class GetDirectiveHandler implements IQueryHandler<GetDirectiveQuery, DirectiveView> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
  ) {}

  async execute({ directiveId, ctx }: GetDirectiveQuery): Promise<DirectiveView> {
    const { state, version } = await this.repository.load(directiveDecider, directiveId);
    if (state.status === 'none') throw new DomainException(directiveErrors.notFound());
    const refusal = authorizeDirectiveRead(ctx.actor, this.directory.agencies, {
      assigningAgency: state.assigningAgency ?? '',
    });
    if (refusal) throw new DomainException(refusal);
    return { ...state, id: directiveId, version, canWithdraw: await this.canWithdraw(state, ctx) };
  }

  /**
   * What POST /:id/withdrawal would accept now: the caller's body entered or issued it (or is
   * above either), it is not withdrawn yet, and none of its tasks is open. The screen offers
   * withdrawal only then.
   */
  private async canWithdraw(
    state: DirectiveState,
    ctx: GetDirectiveQuery['ctx'],
  ): Promise<boolean> {
    if (state.status === 'withdrawn') return false;
    const refusal = authorizeDirectiveWithdrawal(ctx.actor, this.directory.agencies, {
      assigningAgency: state.assigningAgency ?? '',
      issuingAgencies: issuingAgenciesOf(state.issuer, this.directory.agencies.list()),
    });
    if (refusal) return false;
    const open = await this.projections.collection('tasks').count({
      directive_id: state.directiveId,
      status: { in: [...OPEN_TASK_STATUSES] },
    });
    return open === 0;
  }
}

// A cancelled or withdrawn task is closed; any other still hangs on its directive.
const OPEN_TASK_STATUSES = TASK_STATUSES.filter(
  (status) => status !== 'cancelled' && status !== 'withdrawn',
);
