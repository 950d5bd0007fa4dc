import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  authorizeDirectiveWithdrawal,
  directiveDecider,
  directiveErrors,
  directiveReservationRelease,
  isDomainError,
  issuingAgenciesOf,
  parseDirectiveCommand,
  TASK_STATUSES,
  type DirectiveReferenceReserved,
} from '@chidao/domain';
import type { EventStore, StreamWrite } from '@chidao/event-store';
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
import { WithdrawDirectiveCommand } from './directive.messages';
import type { DirectiveView } from './directive.view';

// A cancelled or withdrawn task is closed; any other still hangs on its directive.
const OPEN_TASK_STATUSES = TASK_STATUSES.filter(
  (status) => status !== 'cancelled' && status !== 'withdrawn',
);

/**
 * Withdraws a directive registered in error: the withdrawal is appended to its stream and, in
 * the same transaction, its number is released on the reservation stream it holds, so the
 * rightful body can register the document.
 */
@CommandHandler(WithdrawDirectiveCommand)
export class WithdrawDirectiveHandler implements ICommandHandler<
  WithdrawDirectiveCommand,
  DirectiveView
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
  ) {}

  async execute({ directiveId, body, ctx }: WithdrawDirectiveCommand): Promise<DirectiveView> {
    const { state, version } = await this.repository.load(directiveDecider, directiveId);
    if (state.status === 'none') throw new DomainException(directiveErrors.notFound());
    const refusal = authorizeDirectiveWithdrawal(ctx.actor, this.directory.agencies, {
      assigningAgency: state.assigningAgency ?? '',
      issuingAgencies: issuingAgenciesOf(state.issuer, this.directory.agencies.list()),
    });
    if (refusal) throw new DomainException(refusal);
    const command = parseDirectiveCommand({
      type: 'WithdrawDirective',
      data: { reason: body.reason, openTasks: await this.openTasksOf(directiveId) },
      meta: commandMeta(ctx, this.clock.now()),
    });
    if (isDomainError(command)) throw new DomainException(command);
    const events = directiveDecider.decide(command, state);
    if (isDomainError(events)) throw new DomainException(events);
    const metadata = metadataOf(ctx);
    const streamId = directiveDecider.stream.of(directiveId);
    const writes: StreamWrite[] = [
      { streamId, events: toNewEvents(events, metadata), expectedVersion: version },
    ];
    const release = directiveReservationRelease(state, command.meta.occurredOn);
    const reserved = await this.store.readStream(release.streamId);
    const holder = reserved.at(-1);
    // Only the number this directive holds is released (never one another directive took since).
    if (
      holder?.type === 'DirectiveReferenceReserved' &&
      (holder.data as DirectiveReferenceReserved['data']).directiveId === directiveId
    ) {
      writes.push({
        streamId: release.streamId,
        events: toNewEvents([release.event], metadata),
        expectedVersion: holder.streamVersion,
      });
    }
    // A concurrent change of either stream fails the whole append (409 from the filter).
    const [result] = await this.store.appendMany(writes);
    return {
      ...events.reduce(directiveDecider.evolve, state),
      id: directiveId,
      version: result.nextExpectedVersion,
      position: result.lastPosition,
    };
  }

  /** Tasks of the directive not closed, from the tasks read model brought up to the log's head. */
  private async openTasksOf(directiveId: string): Promise<number> {
    await this.projections.waitFor('tasks', await this.store.headPosition());
    return this.projections
      .collection('tasks')
      .count({ directive_id: directiveId, status: { in: [...OPEN_TASK_STATUSES] } });
  }
}
