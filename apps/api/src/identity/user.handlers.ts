import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  authorizeAdministration,
  authorizeContactChange,
  decideChange,
  DomainError,
  ADMINISTRATORS_STREAM,
  administratorRemoval,
  administratorsChangedMeanwhile,
  foldWith,
  isActiveAdministrator,
  isDomainError,
  keepsAnAdministrator,
  normaliseUsername,
  parseUserCommand,
  removesAnAdministrator,
  userDecider,
  userErrors,
  usernameReservation,
  type CommandInput,
  type UserCommand,
} from '@chidao/domain';
import { ConcurrencyError, type EventStore, type StreamWrite } from '@chidao/event-store';
import type { CredentialStore, SessionStore } from '@chidao/runtime';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import { DirectoryService } from '../directory/directory.service';
import {
  AggregateRepository,
  fold,
  metadataOf,
  toNewEvents,
} from '../infrastructure/aggregate-repository';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { CREDENTIAL_STORE } from './credential-store.provider';
import { SESSION_STORE } from './session-store.provider';
import { hashPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { runUserCommand } from './user-command.runner';
import { ChangeUserContactCommand, CreateUserCommand, UpdateUserCommand } from './user.commands';
import { toUserView, type UserView } from './user.view';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand, UserView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ body, ctx, userId = randomUUID() }: CreateUserCommand): Promise<UserView> {
    assertAllowed(authorizeAdministration(ctx.actor, 'users'));
    const username = normaliseUsername(body.username);
    const taken = () => new DomainException(userErrors.usernameTaken(username));
    if (this.directory.users.findByUsername(username)) throw taken();
    if (body.password !== undefined) assertAllowed(passwordProblem(body.password, username));
    const credentialId =
      body.password === undefined
        ? null
        : await storeCredential(this.credentials, this.clock, userId, body.password);
    const command = parseUserCommand({
      type: 'CreateUser',
      data: {
        userId,
        username: body.username,
        displayName: body.displayName,
        roles: body.roles,
        agency: body.agency ?? null,
        credentialId,
        email: body.email ?? null,
        phone: body.phone ?? null,
      },
      meta: commandMeta(ctx, this.clock.now()),
    });
    if (isDomainError(command)) throw new DomainException(command);
    const events = decideOrThrow(
      userDecider.decide(command, userDecider.initialState, this.directory.agencies),
    );
    const reservation = usernameReservation(foldWith(userDecider, events), command.meta.occurredOn);
    const metadata = metadataOf(ctx);
    try {
      const [, reserved] = await this.store.appendMany([
        {
          streamId: userDecider.stream.of(userId),
          events: toNewEvents(events, metadata),
          expectedVersion: 'no_stream',
        },
        {
          streamId: reservation.streamId,
          events: toNewEvents([reservation.event], metadata),
          expectedVersion: 'no_stream',
        },
      ]);
      await this.directory.waitFor(reserved.lastPosition);
    } catch (error) {
      if (error instanceof ConcurrencyError && error.streamId === reservation.streamId) {
        throw taken();
      }
      throw error;
    }
    return toUserView(this.directory.users.get(userId)!);
  }
}

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand, UserView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ userId, body, ctx }: UpdateUserCommand): Promise<UserView> {
    assertAllowed(authorizeAdministration(ctx.actor, 'users'));
    if (body.password !== undefined) {
      // The policy needs the username; perhaps created through another instance a moment ago.
      if (!this.directory.users.get(userId)) await this.directory.catchUp();
      const user = this.directory.users.get(userId);
      if (!user) throw new DomainException(userErrors.notFound());
      assertAllowed(passwordProblem(body.password, user.username));
    }
    const credentialId =
      body.password === undefined
        ? undefined
        : await storeCredential(this.credentials, this.clock, userId, body.password);
    const meta = commandMeta(ctx, this.clock.now());
    // A PATCH may change several things: each is a command decided on the state the previous left.
    const inputs: CommandInput<UserCommand['type']>[] = [];
    if (body.active === true) inputs.push({ type: 'EnableUser', meta });
    if (body.displayName !== undefined) {
      inputs.push({ type: 'ChangeUserDisplayName', data: { displayName: body.displayName }, meta });
    }
    if (body.agency !== undefined) {
      inputs.push({ type: 'ChangeUserAgency', data: { agency: body.agency }, meta });
    }
    if (body.roles !== undefined) {
      inputs.push({ type: 'ChangeUserRoles', data: { roles: body.roles }, meta });
    }
    if (credentialId !== undefined) {
      inputs.push({ type: 'SetUserPassword', data: { credentialId }, meta });
    }
    if (body.active === false) {
      inputs.push({ type: 'DisableUser', data: { reason: body.reason ?? '' }, meta });
    }
    // The administrators' stream version is read before they are counted (see AdministratorRemoved).
    const administratorsVersion = await this.store.streamVersion(ADMINISTRATORS_STREAM);
    await this.directory.catchUp();
    const { streamId, events: recorded } = await this.repository.readEntity(userDecider, userId);
    const { state, version } = fold(userDecider, recorded);
    if (!state.exists) throw new DomainException(userErrors.notFound());
    const events = decideOrThrow(
      decideChange(userDecider, parseUserCommand, inputs, state, this.directory.agencies),
    );
    const after = events.reduce(userDecider.evolve, state);
    const remaining = this.directory.users
      .list()
      .filter((user) => user.userId !== state.userId && isActiveAdministrator(user))
      .map((user) => user.userId);
    assertAllowed(keepsAnAdministrator(state, after, remaining.length));
    const metadata = metadataOf(ctx);
    const writes: StreamWrite[] = [
      {
        streamId,
        events: toNewEvents(events, metadata),
        expectedVersion: version,
      },
    ];
    if (removesAnAdministrator(state, after)) {
      const removal = administratorRemoval(state.userId, remaining, meta.occurredOn);
      writes.push({
        streamId: removal.streamId,
        events: toNewEvents([removal.event], metadata),
        expectedVersion: administratorsVersion === 0 ? 'no_stream' : administratorsVersion,
      });
    }
    try {
      const written = await this.store.appendMany(writes);
      await this.directory.waitFor(written[written.length - 1].lastPosition);
    } catch (error) {
      if (error instanceof ConcurrencyError && error.streamId === ADMINISTRATORS_STREAM) {
        throw new DomainException(administratorsChangedMeanwhile());
      }
      throw error;
    }
    // The epoch in the log already refuses older tokens on every instance once it has read the
    // change; ending the rows makes that immediate on those that have not read it yet.
    if (after.sessionEpoch !== state.sessionEpoch) {
      await this.sessions.endAllOf(userId, 'superseded', this.clock.now());
    }
    return toUserView(this.directory.users.get(userId)!);
  }
}

@CommandHandler(ChangeUserContactCommand)
export class ChangeUserContactHandler implements ICommandHandler<
  ChangeUserContactCommand,
  UserView
> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ userId, body, ctx }: ChangeUserContactCommand): Promise<UserView> {
    assertAllowed(authorizeContactChange(ctx.actor, userId));
    // Left out stays left out (kept); null and '' reach the domain, which removes the address.
    const data = { email: body.email, phone: body.phone, channels: body.channels };
    await runUserCommand(this.repository, this.directory, userId, ctx, {
      type: 'ChangeUserContact',
      data,
      meta: commandMeta(ctx, this.clock.now()),
    });
    return toUserView(this.directory.users.get(userId)!);
  }
}

/**
 * The hash goes to the credential store under a fresh id, before the event naming that id is
 * appended: a refused or failed command leaves an orphan row and the current password as it was.
 */
async function storeCredential(
  credentials: CredentialStore,
  clock: Clock,
  userId: string,
  password: string,
): Promise<string> {
  const credentialId = randomUUID();
  const passwordHash = await hashPassword(password);
  await credentials.save({ credentialId, userId, passwordHash }, clock.now());
  return credentialId;
}

function assertAllowed(error: DomainError | null): void {
  if (error) throw new DomainException(error);
}

function decideOrThrow<E>(decision: E[] | DomainError): E[] {
  if (isDomainError(decision)) throw new DomainException(decision);
  return decision;
}
