/**
 * Turns the demo plan into the log real use would have produced: every command decided by the
 * domain (decideAgency, decideUser, decideDirective, decideTask) after the permission check the
 * API's handlers make, by the account that would send it, dated as planned. Days are replayed in
 * order and each day's events are one appendMany, stamped with that day's server time, so the
 * audit screens ("as known at …") see a log that grew over the year.
 */
import {
  authorizeAdministration,
  authorizeDirectiveAction,
  authorizeTaskAction,
  checkAgenciesUsable,
  decideAgency,
  decideDirective,
  decideTask,
  decideUser,
  evolveDirective,
  evolveTask,
  initialAgencyState,
  initialDirectiveState,
  initialTaskState,
  initialUserState,
  isDomainError,
  isSameOrBelowVia,
  isTaskAssigned,
  type Actor,
  type AgencyScope,
  type Decision,
  type DomainEvent,
  type AssignTaskData,
  type ReportTaskProgressData,
  type TaskAction,
  type TaskCommand,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, NewEvent, StreamWrite } from '@chidao/event-store';
import type { DemoDirective } from './demo-directive';
import type { DemoAccount, DemoAgency } from './province';
import type { Random } from './random';
import { taskSteps, type ActorRef, type TaskStep } from './task-life';

export interface DemoPlan {
  /** The first day of the log: the register and the accounts are entered then. */
  readonly firstDay: string;
  readonly agencies: readonly DemoAgency[];
  readonly accounts: readonly DemoAccount[];
  /** `scrypt$…` of the demo password, as the API's hasher writes it. */
  readonly passwordHash: string;
  readonly directives: readonly DemoDirective[];
}

export interface DemoDay {
  readonly day: string;
  /** The server time of the day's commands and of its append. */
  readonly at: Date;
  readonly writes: StreamWrite[];
}

// Stream names as the API's handlers write them.
const agencyStream = (code: string) => `agency-${code}`;
const userStream = (id: string) => `user-${id}`;
const usernameStream = (username: string) => `username-${username}`;
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

type Work =
  | { kind: 'register' }
  | { kind: 'directive'; directive: DemoDirective }
  | { kind: 'task'; taskId: string; step: TaskStep };

/**
 * The plan's days in order, each with its writes, decided one command at a time on the state
 * the previous commands left. Throws on the first command the domain refuses: that is a bug
 * of the generator, never something to write around.
 */
export function* demoDays(
  plan: DemoPlan,
  random: Random,
  options: { today: string; now: Date },
): Generator<DemoDay> {
  const days = new Map<string, Work[]>();
  const at = (day: string, work: Work) => {
    const list = days.get(day);
    if (list) list.push(work);
    else days.set(day, [work]);
  };
  at(plan.firstDay, { kind: 'register' });
  for (const directive of plan.directives) {
    at(directive.enteredOn, { kind: 'directive', directive });
    for (const life of directive.tasks) {
      for (const step of taskSteps(life, options.today))
        at(step.on, { kind: 'task', taskId: life.assignment.taskId, step });
    }
  }

  const register = new Map<string, { parent: string | null; active: boolean }>();
  const scope: AgencyScope = {
    isSameOrBelow: (code, ancestor) =>
      isSameOrBelowVia((c) => register.get(c)?.parent, code, ancestor),
  };
  const accounts = new Map<string, Actor>();
  const tasks = new Map<string, { state: TaskState; version: number }>();

  for (const day of [...days.keys()].sort()) {
    // 10:00 in Vietnam that day, or now for today's commands.
    const instant = new Date(Math.min(Date.parse(`${day}T03:00:00.000Z`), options.now.getTime()));
    const receivedAt = instant.toISOString();
    const writes = new Map<
      string,
      { expectedVersion: StreamWrite['expectedVersion']; events: NewEvent[] }
    >();
    const write = (
      streamId: string,
      expectedVersion: StreamWrite['expectedVersion'],
      events: readonly DomainEvent[],
      metadata: EventMetadata,
    ) => {
      const entry = writes.get(streamId) ?? { expectedVersion, events: [] };
      writes.set(streamId, entry);
      for (const { type, schemaVersion, data, occurredOn } of events)
        entry.events.push({ type, schemaVersion, data, metadata, occurredOn });
    };
    const metadataOf = (actor: Actor): EventMetadata => ({
      actor: actor.userId,
      actorRoles: actor.roles,
      agency: actor.agency,
      correlationId: random.uuid(),
      causationId: null,
    });
    const meta = (actor: Actor) => ({ actor, occurredOn: day, receivedAt });
    const accept = <E>(decision: Decision<E> | null, what: string): E[] => {
      if (decision !== null && isDomainError(decision))
        throw new Error(`Demo ${what} on ${day}: ${decision.code} ${decision.message}`);
      return (decision ?? []) as E[];
    };

    for (const work of days.get(day)!) {
      if (work.kind === 'register') {
        // The first administrator is created as the API's bootstrap creates it, the rest by them.
        const bootstrap: Actor = { userId: 'system:bootstrap', roles: ['admin'], agency: null };
        for (const account of plan.accounts) {
          accounts.set(account.username, {
            userId: random.uuid(),
            roles: account.roles,
            agency: account.agency,
          });
        }
        const adminActor = resolve('admin', initialTaskState, accounts, null);
        accept(authorizeAdministration(adminActor, 'agencies'), 'agency registration');
        accept(authorizeAdministration(adminActor, 'users'), 'user creation');
        for (const agency of plan.agencies) {
          const events = accept(
            decideAgency(
              {
                type: 'RegisterAgency',
                data: {
                  code: agency.code,
                  name: agency.name,
                  parent: agency.parent,
                  kind: agency.kind,
                },
                meta: meta(adminActor),
              },
              initialAgencyState,
              { get: (code) => register.get(code) },
            ),
            `agency ${agency.code}`,
          );
          register.set(agency.code, { parent: agency.parent, active: true });
          write(agencyStream(agency.code), 'no_stream', events, metadataOf(adminActor));
        }
        for (const account of plan.accounts) {
          const creator = account.username === 'admin' ? bootstrap : adminActor;
          const { userId } = accounts.get(account.username)!;
          const events = accept(
            decideUser(
              {
                type: 'CreateUser',
                data: {
                  userId,
                  username: account.username,
                  displayName: account.displayName,
                  roles: account.roles,
                  agency: account.agency,
                  passwordHash: plan.passwordHash,
                },
                meta: meta(creator),
              },
              initialUserState,
              { get: (code) => register.get(code) },
            ),
            `user ${account.username}`,
          );
          const metadata = metadataOf(creator);
          write(userStream(userId), 'no_stream', events, metadata);
          write(
            usernameStream(account.username),
            'no_stream',
            [
              {
                type: 'UsernameReserved',
                schemaVersion: 1,
                data: { username: account.username, userId },
                occurredOn: day,
              },
            ],
            metadata,
          );
        }
        continue;
      }

      if (work.kind === 'directive') {
        const { directive } = work;
        const tracker = accounts.get('theodoi')!;
        accept(
          authorizeDirectiveAction(tracker, 'register', scope),
          `directive ${directive.reference}`,
        );
        const events = accept(
          decideDirective(
            {
              type: 'RegisterDirective',
              data: {
                directiveId: directive.id,
                reference: directive.reference,
                issuedOn: directive.issuedOn,
                issuer: directive.issuer,
                title: directive.title,
                summary: directive.summary ?? null,
              },
              meta: meta(tracker),
            },
            initialDirectiveState,
          ),
          `directive ${directive.reference}`,
        );
        const state = events.reduce(evolveDirective, initialDirectiveState);
        const metadata = metadataOf(tracker);
        write(directiveStream(directive.id), 'no_stream', events, metadata);
        write(
          directiveKeyStream(`${state.issuer.toLocaleLowerCase('vi')}|${state.documentKey}`),
          'no_stream',
          [
            {
              type: 'DirectiveReferenceReserved',
              schemaVersion: 1,
              data: { documentKey: state.documentKey, directiveId: directive.id },
              occurredOn: day,
            },
          ],
          metadata,
        );
        continue;
      }

      const { taskId, step } = work;
      const current = tasks.get(taskId) ?? { state: initialTaskState, version: 0 };
      const { command } = step;
      const data =
        command.type === 'ReportTaskProgress' &&
        (command.data as ReportTaskProgressData).agency === '' &&
        isTaskAssigned(current.state)
          ? { ...command.data, agency: current.state.leadAgency }
          : command.data;
      const actor = resolve(
        step.actor,
        current.state,
        accounts,
        command.type === 'AssignTask' ? (data as { leadAgency: string }).leadAgency : null,
      );
      const what = `${command.type} of task ${taskId}`;
      if (command.type === 'AssignTask') {
        const a = command.data as AssignTaskData;
        accept(
          checkAgenciesUsable({ get: (code) => register.get(code) }, [
            a.leadAgency,
            ...a.supportAgencies,
          ]),
          what,
        );
        accept(authorizeTaskAction(actor, 'assign', a, scope), what);
      } else {
        if (!isTaskAssigned(current.state))
          throw new Error(`Demo ${what} on ${day}: task not assigned`);
        const reportingAgency =
          command.type === 'ReportTaskProgress' ? (data as { agency: string }).agency : undefined;
        accept(
          authorizeTaskAction(actor, ACTION[command.type], current.state, scope, {
            reportingAgency,
          }),
          what,
        );
        if (command.type === 'ReassignTask') {
          const leadAgency = (data as { leadAgency: string }).leadAgency;
          accept(checkAgenciesUsable({ get: (code) => register.get(code) }, [leadAgency]), what);
          accept(
            authorizeTaskAction(actor, 'reassign', current.state, scope, {
              newLeadAgency: leadAgency,
            }),
            what,
          );
        }
      }
      const events = accept(
        decideTask({ type: command.type, data, meta: meta(actor) } as TaskCommand, current.state),
        what,
      );
      write(
        taskStream(taskId),
        current.version === 0 ? 'no_stream' : current.version,
        events,
        metadataOf(actor),
      );
      tasks.set(taskId, {
        state: events.reduce(evolveTask, current.state),
        version: current.version + events.length,
      });
    }

    yield {
      day,
      at: instant,
      writes: [...writes].map(([streamId, { expectedVersion, events }]) => ({
        streamId,
        expectedVersion,
        events,
      })),
    };
  }
}

function resolve(
  ref: ActorRef,
  state: TaskState,
  accounts: ReadonlyMap<string, Actor>,
  assigningLead: string | null,
): Actor {
  const named = (username: string) => {
    const actor = accounts.get(username);
    if (!actor) throw new Error(`Demo account ${username} is missing`);
    return actor;
  };
  if (ref === 'admin') return named('admin');
  if (ref === 'leader') return named('lanhdao');
  if (ref === 'tracker') return named('theodoi');
  if (ref === 'lead') {
    const lead = isTaskAssigned(state) ? state.leadAgency : assigningLead;
    return named(`${lead!.toLowerCase()}.canbo`);
  }
  return named(`${ref.supporter.toLowerCase()}.canbo`);
}
