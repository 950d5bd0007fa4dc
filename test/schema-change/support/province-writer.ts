/**
 * Sends commands as the API's handlers do: the permission check, the domain's decide function,
 * then the append the handler makes (same stream names, expected versions and metadata). Every
 * command is stamped with the server clock; a refusal throws, since it is a bug of the story and
 * never something to write around.
 */
import {
  agencyDecider,
  authorizeAdministration,
  authorizeDirectiveAction,
  decideTaskAssignments,
  directiveDecider,
  directiveReservation,
  foldWith,
  isDomainError,
  isSameOrBelowVia,
  isTaskAssigned,
  parseAgencyCommand,
  parseAssignTasks,
  parseDirectiveCommand,
  parseTaskCommand,
  taskDecider,
  type Actor,
  type AgencyKind,
  type AgencyRegister,
  type AgencyRegisterView,
  type AssignedTaskFields,
  type CommandMetaInput,
  type DataInput,
  type Decision,
  type DirectiveState,
  type DomainError,
  type DomainEvent,
  type TaskCommand,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, EventStore, NewEvent } from '@chidao/event-store';
import type { ManualClock } from '@chidao/audit/testing';

export interface AgencyEntry {
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
  readonly kind: AgencyKind;
}

export interface DirectiveEntry {
  readonly directiveId: string;
  readonly reference: string;
  readonly issuedOn: string;
  readonly issuer: string;
  readonly title: string;
  readonly summary: string | null;
}

export type TaskAssignment = DataInput<AssignedTaskFields>;

const refused = (error: DomainError, what: string): never => {
  throw new Error(`${what}: ${error.code} ${error.message}`);
};

const accept = <E>(decision: Decision<E> | null, what: string): E[] => {
  if (decision !== null && isDomainError(decision)) refused(decision, what);
  return (decision ?? []) as E[];
};

/** A command as the domain's parse function returns it; a refusal throws. */
const parsed = <C>(command: C | DomainError, what: string): C =>
  isDomainError(command) ? refused(command, what) : command;

export class ProvinceWriter {
  private readonly register = new Map<string, { parent: string | null; active: boolean }>();
  private readonly directives = new Map<string, DirectiveState>();
  private readonly tasks = new Map<string, { state: TaskState; version: number }>();
  private readonly agencies: AgencyRegister & AgencyRegisterView = {
    get: (code) => this.register.get(code),
    isSameOrBelow: (code, ancestor) =>
      isSameOrBelowVia((c) => this.register.get(c)?.parent, code, ancestor),
  };
  private commands = 0;
  private lastInstant = '';

  constructor(
    private readonly store: EventStore,
    private readonly clock: ManualClock,
  ) {}

  /**
   * Moves the server clock for the next command. Never backwards: a real server's recordedAt
   * grows along the log, and the PostgreSQL store would raise an earlier one to the last.
   */
  at(instant: string): void {
    if (instant < this.lastInstant) {
      throw new Error(`The clock may not go back from ${this.lastInstant} to ${instant}`);
    }
    this.lastInstant = instant;
    this.clock.set(instant);
  }

  /** The task's current lead agency (whose staff act as "the lead"). */
  leadOf(taskId: string): string {
    const state = this.tasks.get(taskId)?.state;
    if (!state || !isTaskAssigned(state)) throw new Error(`Task ${taskId} is not assigned`);
    return state.leadAgency;
  }

  async registerAgency(actor: Actor, agency: AgencyEntry, on: string): Promise<void> {
    const what = `RegisterAgency ${agency.code}`;
    accept(authorizeAdministration(actor, 'agencies'), what);
    const command = parsed(
      parseAgencyCommand({ type: 'RegisterAgency', data: agency, meta: this.meta(actor, on) }),
      what,
    );
    const events = accept(
      agencyDecider.decide(command, agencyDecider.initialState, this.agencies),
      what,
    );
    await this.store.append(agencyDecider.stream.of(agency.code), this.newEvents(events, actor), {
      expectedVersion: 'no_stream',
    });
    this.register.set(agency.code, { parent: agency.parent, active: true });
  }

  /** The directive and its reference key in one transaction, as RegisterDirectiveHandler. */
  async registerDirective(actor: Actor, directive: DirectiveEntry, on: string): Promise<void> {
    const what = `RegisterDirective ${directive.reference}`;
    accept(authorizeDirectiveAction(actor, 'register', this.agencies), what);
    const command = parsed(
      parseDirectiveCommand({
        type: 'RegisterDirective',
        data: directive,
        meta: this.meta(actor, on),
      }),
      what,
    );
    const events = accept(directiveDecider.decide(command, directiveDecider.initialState), what);
    const state = foldWith(directiveDecider, events);
    const reservation = directiveReservation(state, command.meta.occurredOn);
    const metadata = this.metadata(actor);
    await this.store.appendMany([
      {
        streamId: directiveDecider.stream.of(directive.directiveId),
        events: this.newEvents(events, actor, metadata),
        expectedVersion: 'no_stream',
      },
      {
        streamId: reservation.streamId,
        events: this.newEvents([reservation.event], actor, metadata),
        expectedVersion: 'no_stream',
      },
    ]);
    this.directives.set(directive.directiveId, state);
  }

  /** Every task of one call in one transaction, as AssignTasksHandler. */
  async assignTasks(
    actor: Actor,
    directiveId: string,
    assignments: readonly TaskAssignment[],
    on: string,
  ): Promise<void> {
    const what = `AssignTasks of ${directiveId}`;
    const directive = this.directives.get(directiveId);
    if (!directive) throw new Error(`Directive ${directiveId} is not registered`);
    const command = parsed(
      parseAssignTasks({
        type: 'AssignTasks',
        data: { directiveId, tasks: assignments },
        meta: this.meta(actor, on),
      }),
      what,
    );
    const decided = decideTaskAssignments(command, directive, this.agencies);
    if (isDomainError(decided)) refused(decided, what);
    const metadata = this.metadata(actor);
    const writes = (decided as Exclude<typeof decided, DomainError>).map(({ taskId, events }) => {
      this.tasks.set(taskId, { state: foldWith(taskDecider, events), version: events.length });
      return {
        streamId: taskDecider.stream.of(taskId),
        events: this.newEvents(events, actor, metadata),
        expectedVersion: 'no_stream' as const,
      };
    });
    await this.store.appendMany(writes);
  }

  /** One command on an assigned task, as ExecuteTaskHandler: load, check, decide, append. */
  async task(
    actor: Actor,
    taskId: string,
    type: Exclude<TaskCommand['type'], 'AssignTask'>,
    data: unknown,
    on: string,
  ): Promise<void> {
    const what = `${type} of task ${taskId} on ${on}`;
    const current = this.tasks.get(taskId);
    if (!current || !isTaskAssigned(current.state)) throw new Error(`${what}: not assigned`);
    const command = parsed(parseTaskCommand({ type, data, meta: this.meta(actor, on) }), what);
    const events = accept(taskDecider.decide(command, current.state, this.agencies), what);
    await this.store.append(taskDecider.stream.of(taskId), this.newEvents(events, actor), {
      expectedVersion: current.version,
    });
    this.tasks.set(taskId, {
      state: events.reduce(taskDecider.evolve, current.state),
      version: current.version + events.length,
    });
  }

  private meta(actor: Actor, occurredOn: string): CommandMetaInput {
    return { actor, occurredOn, receivedAt: this.clock.now().toISOString() };
  }

  /** One correlation id per command, as one HTTP request carries (fixed, for a fixed log). */
  private metadata(actor: Actor): EventMetadata {
    this.commands += 1;
    return {
      actor: actor.userId,
      actorRoles: actor.roles,
      agency: actor.agency,
      correlationId: `c0ffee00-2024-4000-8000-${String(this.commands).padStart(12, '0')}`,
      causationId: null,
    };
  }

  private newEvents(
    events: readonly DomainEvent[],
    actor: Actor,
    metadata: EventMetadata = this.metadata(actor),
  ): NewEvent[] {
    return events.map(({ type, schemaVersion, data, occurredOn }) => ({
      type,
      schemaVersion,
      data,
      metadata,
      occurredOn,
    }));
  }
}
