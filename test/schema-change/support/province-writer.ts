/**
 * Sends commands as the API's handlers do: the permission check, the domain's decide function,
 * then the append the handler makes (same stream names, expected versions and metadata). Every
 * command is stamped with the server clock; a refusal throws, since it is a bug of the story and
 * never something to write around.
 */
import {
  authorizeAdministration,
  authorizeDirectiveAction,
  authorizeTaskAction,
  checkAgenciesUsable,
  decideAgency,
  decideDirective,
  decideTask,
  evolveDirective,
  evolveTask,
  initialAgencyState,
  initialDirectiveState,
  initialTaskState,
  isDomainError,
  isSameOrBelowVia,
  isTaskAssigned,
  type Actor,
  type AgencyKind,
  type AgencyScope,
  type AssignTaskData,
  type CommandMeta,
  type Decision,
  type DomainEvent,
  type TaskAction,
  type TaskCommand,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, EventStore, NewEvent } from '@chidao/event-store';
import type { ManualClock } from '@chidao/audit/testing';

// Stream names as the API's handlers write them.
const agencyStream = (code: string) => `agency-${code}`;
const directiveStream = (id: string) => `directive-${id}`;
const directiveKeyStream = (key: string) => `directive-key-${key}`;
const taskStream = (id: string) => `task-${id}`;

const ACTION: Record<TaskCommand['type'], TaskAction> = {
  AssignTask: 'assign',
  ReceiveTask: 'receive',
  RefuseTask: 'refuse',
  ReassignTask: 'reassign',
  ReportTaskProgress: 'report_progress',
  RequestDeadlineChange: 'request_deadline_change',
  ApproveDeadlineChange: 'decide_deadline_change',
  RejectDeadlineChange: 'decide_deadline_change',
  ReportCompletion: 'report_completion',
  ConfirmCompletion: 'confirm_completion',
  ReturnCompletion: 'return_completion',
  UrgeTask: 'urge',
  PutTaskOnHold: 'hold',
  ResumeTask: 'resume',
  CancelTask: 'cancel',
};

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

export type TaskAssignment = Omit<
  AssignTaskData,
  'directiveId' | 'directiveReference' | 'assigningAgency'
>;

const accept = <E>(decision: Decision<E> | null, what: string): E[] => {
  if (decision !== null && isDomainError(decision))
    throw new Error(`${what}: ${decision.code} ${decision.message}`);
  return (decision ?? []) as E[];
};

export class ProvinceWriter {
  private readonly register = new Map<string, { parent: string | null; active: boolean }>();
  private readonly directives = new Map<string, ReturnType<typeof evolveDirective>>();
  private readonly tasks = new Map<string, { state: TaskState; version: number }>();
  private readonly scope: AgencyScope = {
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
    const events = accept(
      decideAgency(
        { type: 'RegisterAgency', data: { ...agency }, meta: this.meta(actor, on) },
        initialAgencyState,
        { get: (code) => this.register.get(code) },
      ),
      what,
    );
    await this.store.append(agencyStream(agency.code), this.newEvents(events, actor), {
      expectedVersion: 'no_stream',
    });
    this.register.set(agency.code, { parent: agency.parent, active: true });
  }

  /** The directive and its reference key in one transaction, as RegisterDirectiveHandler. */
  async registerDirective(actor: Actor, directive: DirectiveEntry, on: string): Promise<void> {
    const what = `RegisterDirective ${directive.reference}`;
    accept(authorizeDirectiveAction(actor, 'register', this.scope), what);
    const meta = this.meta(actor, on);
    const events = accept(
      decideDirective({ type: 'RegisterDirective', data: directive, meta }, initialDirectiveState),
      what,
    );
    const state = events.reduce(evolveDirective, initialDirectiveState);
    const metadata = this.metadata(actor);
    await this.store.appendMany([
      {
        streamId: directiveStream(directive.directiveId),
        events: this.newEvents(events, actor, metadata),
        expectedVersion: 'no_stream',
      },
      {
        streamId: directiveKeyStream(
          `${state.issuer.toLocaleLowerCase('vi')}|${state.documentKey}`,
        ),
        events: [
          {
            type: 'DirectiveReferenceReserved',
            schemaVersion: 1,
            data: { documentKey: state.documentKey, directiveId: directive.directiveId },
            metadata,
            occurredOn: meta.occurredOn,
          },
        ],
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
    const directive = this.directives.get(directiveId);
    if (!directive || directive.status !== 'active' || !directive.reference) {
      throw new Error(`Directive ${directiveId} is not registered`);
    }
    if (on < directive.issuedOn!) throw new Error(`Tasks assigned before ${directive.issuedOn}`);
    const metadata = this.metadata(actor);
    const writes = assignments.map((assignment) => {
      const what = `AssignTask ${assignment.taskId}`;
      const data: AssignTaskData = {
        ...assignment,
        directiveId,
        directiveReference: directive.reference!.text,
        assigningAgency: directive.assigningAgency ?? '',
      };
      accept(
        checkAgenciesUsable({ get: (code) => this.register.get(code) }, [
          data.leadAgency,
          ...data.supportAgencies,
        ]),
        what,
      );
      accept(authorizeTaskAction(actor, 'assign', data, this.scope), what);
      const events = accept(
        decideTask({ type: 'AssignTask', data, meta: this.meta(actor, on) }, initialTaskState),
        what,
      );
      this.tasks.set(data.taskId, {
        state: events.reduce(evolveTask, initialTaskState),
        version: events.length,
      });
      return {
        streamId: taskStream(data.taskId),
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
    const reportingAgency =
      type === 'ReportTaskProgress' ? (data as { agency: string }).agency : undefined;
    accept(
      authorizeTaskAction(actor, ACTION[type], current.state, this.scope, { reportingAgency }),
      what,
    );
    if (type === 'ReassignTask') {
      const { leadAgency, supportAgencies = [] } = data as {
        leadAgency: string;
        supportAgencies?: string[];
      };
      accept(
        checkAgenciesUsable({ get: (code) => this.register.get(code) }, [
          leadAgency,
          ...supportAgencies,
        ]),
        what,
      );
      accept(
        authorizeTaskAction(actor, 'reassign', current.state, this.scope, {
          newLeadAgency: leadAgency,
        }),
        what,
      );
    }
    const command = { type, data, meta: this.meta(actor, on) } as TaskCommand;
    const events = accept(decideTask(command, current.state), what);
    await this.store.append(taskStream(taskId), this.newEvents(events, actor), {
      expectedVersion: current.version,
    });
    this.tasks.set(taskId, {
      state: events.reduce(evolveTask, current.state),
      version: current.version + events.length,
    });
  }

  private meta(actor: Actor, occurredOn: string): CommandMeta {
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
