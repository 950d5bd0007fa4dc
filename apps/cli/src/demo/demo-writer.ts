/**
 * Turns the demo plan into the log real use would have produced: every command decided by the
 * domain (decideAgency, decideUser, decideDirective, decideTask) after the permission check the
 * API's handlers make, by the account that would send it, dated as planned. Days are replayed in
 * order and each day's events are one appendMany, stamped with that day's server time, so the
 * audit screens ("as known at …") see a log that grew over the year.
 */
import {
  agencyDecider,
  authorizeAdministration,
  authorizeDirectiveAction,
  authorizeDirectiveIssuer,
  directiveDecider,
  directiveReservation,
  foldWith,
  isDomainError,
  isSameOrBelowVia,
  isTaskAssigned,
  issuingAgenciesOf,
  parseAgencyCommand,
  parseDirectiveCommand,
  parseTaskCommand,
  parseUserCommand,
  taskDecider,
  userDecider,
  usernameReservation,
  type Actor,
  type AgencyRegister,
  type AgencyRegisterView,
  type Decision,
  type DomainError,
  type DomainEvent,
  type TaskState,
} from '@chidao/domain';
import type { EventMetadata, NewEvent, StreamWrite } from '@chidao/event-store';
import type { StoredCredential } from '@chidao/runtime';
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

interface DemoDay {
  readonly day: string;
  /** The server time of the day's commands and of its append. */
  readonly at: Date;
  readonly writes: StreamWrite[];
  /** The password hashes the day's UserPasswordSet events name: saved before the writes. */
  readonly credentials: StoredCredential[];
}

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
  const agencies: AgencyRegister & AgencyRegisterView = {
    get: (code) => register.get(code),
    isSameOrBelow: (code, ancestor) =>
      isSameOrBelowVia((c) => register.get(c)?.parent, code, ancestor),
  };
  const accounts = new Map<string, Actor>();
  const tasks = new Map<string, { state: TaskState; version: number }>();

  for (const day of [...days.keys()].sort()) {
    // 10:00 in Vietnam that day, or now for today's commands.
    const instant = new Date(Math.min(Date.parse(`${day}T03:00:00.000Z`), options.now.getTime()));
    const receivedAt = instant.toISOString();
    const credentials: StoredCredential[] = [];
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
      if (decision !== null && isDomainError(decision)) refused(decision, what);
      return (decision ?? []) as E[];
    };
    // Commands go through the domain's parse functions, as the API sends them.
    const parsed = <C>(command: C | DomainError, what: string): C =>
      isDomainError(command) ? refused(command, what) : command;
    const refused = (error: DomainError, what: string): never => {
      throw new Error(`Demo ${what} on ${day}: ${error.code} ${error.message}`);
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
        const adminActor = resolve('admin', taskDecider.initialState, accounts, null);
        accept(authorizeAdministration(adminActor, 'agencies'), 'agency registration');
        accept(authorizeAdministration(adminActor, 'users'), 'user creation');
        for (const agency of plan.agencies) {
          const what = `agency ${agency.code}`;
          const command = parsed(
            parseAgencyCommand({
              type: 'RegisterAgency',
              data: {
                code: agency.code,
                name: agency.name,
                parent: agency.parent,
                kind: agency.kind,
              },
              meta: meta(adminActor),
            }),
            what,
          );
          const events = accept(
            agencyDecider.decide(command, agencyDecider.initialState, agencies),
            what,
          );
          register.set(agency.code, { parent: agency.parent, active: true });
          write(agencyDecider.stream.of(agency.code), 'no_stream', events, metadataOf(adminActor));
        }
        for (const account of plan.accounts) {
          const what = `user ${account.username}`;
          const creator = account.username === 'admin' ? bootstrap : adminActor;
          const { userId } = accounts.get(account.username)!;
          const credentialId = `demo:${userId}`;
          credentials.push({ credentialId, userId, passwordHash: plan.passwordHash });
          const command = parsed(
            parseUserCommand({
              type: 'CreateUser',
              data: {
                userId,
                username: account.username,
                displayName: account.displayName,
                roles: account.roles,
                agency: account.agency,
                credentialId,
              },
              meta: meta(creator),
            }),
            what,
          );
          const events = accept(
            userDecider.decide(command, userDecider.initialState, agencies),
            what,
          );
          const metadata = metadataOf(creator);
          const reservation = usernameReservation(foldWith(userDecider, events), day);
          write(userDecider.stream.of(userId), 'no_stream', events, metadata);
          write(reservation.streamId, 'no_stream', [reservation.event], metadata);
        }
        continue;
      }

      if (work.kind === 'directive') {
        const { directive } = work;
        const tracker = accounts.get('theodoi')!;
        accept(
          authorizeDirectiveAction(tracker, 'register', agencies),
          `directive ${directive.reference}`,
        );
        const what = `directive ${directive.reference}`;
        const command = parsed(
          parseDirectiveCommand({
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
          }),
          what,
        );
        const { issuer } = command.data;
        accept(
          authorizeDirectiveIssuer(
            tracker,
            issuer,
            issuingAgenciesOf(issuer, plan.agencies),
            agencies,
          ),
          what,
        );
        const events = accept(
          directiveDecider.decide(command, directiveDecider.initialState),
          what,
        );
        const metadata = metadataOf(tracker);
        const reservation = directiveReservation(foldWith(directiveDecider, events), day);
        write(directiveDecider.stream.of(directive.id), 'no_stream', events, metadata);
        write(reservation.streamId, 'no_stream', [reservation.event], metadata);
        continue;
      }

      const { taskId, step } = work;
      const current = tasks.get(taskId) ?? { state: taskDecider.initialState, version: 0 };
      const { command } = step;
      const data =
        command.type === 'ReportTaskProgress' &&
        (command.data as { agency?: string }).agency === '' &&
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
      if (command.type !== 'AssignTask' && !isTaskAssigned(current.state))
        throw new Error(`Demo ${what} on ${day}: task not assigned`);
      // The permission table, the agencies' register and the task's rules, as the API applies them.
      const parsedCommand = parsed(
        parseTaskCommand({ type: command.type, data, meta: meta(actor) }),
        what,
      );
      const events = accept(taskDecider.decide(parsedCommand, current.state, agencies), what);
      write(
        taskDecider.stream.of(taskId),
        current.version === 0 ? 'no_stream' : current.version,
        events,
        metadataOf(actor),
      );
      tasks.set(taskId, {
        state: events.reduce(taskDecider.evolve, current.state),
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
      credentials,
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
