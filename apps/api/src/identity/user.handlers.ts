import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  authorizeAdministration,
  decideUser,
  DomainError,
  evolveUser,
  initialUserState,
  isDomainError,
  normaliseUsername,
  type UserCommand,
  type UserEvent,
  type UserState,
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
import { hashPassword } from './password-hasher';
import { CreateUserCommand, UpdateUserCommand } from './user.commands';
import { toUserView, type UserView } from './user.view';

export const userStream = (userId: string) => `user-${userId}`;
// One stream per username makes the name unique: a second `no_stream` append to it fails.
export const usernameStream = (username: string) => `username-${username}`;
const definition = { initial: initialUserState, evolve: evolveUser };

const usernameTaken = (username: string) =>
  new DomainException(
    new DomainError(
      'conflict',
      'username_taken',
      `The username "${username}" is already in use.`,
      `Tên đăng nhập "${username}" đã được sử dụng.`,
      { username },
    ),
  );

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand, UserView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ body, ctx, userId = randomUUID() }: CreateUserCommand): Promise<UserView> {
    assertAllowed(authorizeAdministration(ctx.actor, 'users'));
    const username = normaliseUsername(body.username);
    if (this.directory.users.findByUsername(username)) throw usernameTaken(username);
    const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
    const command: UserCommand = {
      type: 'CreateUser',
      data: {
        userId,
        username: body.username,
        displayName: body.displayName,
        roles: body.roles,
        agency: body.agency ?? null,
        passwordHash,
      },
      meta: commandMeta(ctx, this.clock.now()),
    };
    const events = decideOrThrow(decideUser(command, initialUserState, this.directory.agencies));
    const metadata = metadataOf(ctx);
    try {
      const [, reservation] = await this.store.appendMany([
        {
          streamId: userStream(userId),
          events: toNewEvents(events, metadata),
          expectedVersion: 'no_stream',
        },
        {
          streamId: usernameStream(username),
          events: [
            {
              type: 'UsernameReserved',
              schemaVersion: 1,
              data: { username, userId },
              metadata,
              occurredOn: command.meta.occurredOn,
            },
          ],
          expectedVersion: 'no_stream',
        },
      ]);
      await this.directory.waitFor(reservation.lastPosition);
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw error.streamId === usernameStream(username) ? usernameTaken(username) : error;
      }
      throw error;
    }
    return toUserView(this.directory.users.get(userId)!);
  }
}

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand, UserView> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ userId, body, ctx }: UpdateUserCommand): Promise<UserView> {
    assertAllowed(authorizeAdministration(ctx.actor, 'users'));
    const passwordHash =
      body.password === undefined ? undefined : await hashPassword(body.password);
    const meta = commandMeta(ctx, this.clock.now());
    const result = await this.repository.execute<UserState, UserEvent>({
      streamId: userStream(userId),
      definition,
      ctx,
      decide: (state) => {
        // A PATCH may change several things: each is a command decided on the state the previous left.
        const commands: UserCommand[] = [];
        if (body.active === true) commands.push({ type: 'EnableUser', data: {}, meta });
        if (body.displayName !== undefined)
          commands.push({
            type: 'ChangeUserDisplayName',
            data: { displayName: body.displayName },
            meta,
          });
        if (body.agency !== undefined)
          commands.push({ type: 'ChangeUserAgency', data: { agency: body.agency }, meta });
        if (body.roles !== undefined)
          commands.push({ type: 'ChangeUserRoles', data: { roles: body.roles }, meta });
        if (passwordHash !== undefined)
          commands.push({ type: 'SetUserPassword', data: { passwordHash }, meta });
        if (body.active === false)
          commands.push({ type: 'DisableUser', data: { reason: body.reason ?? '' }, meta });
        if (commands.length === 0) {
          return new DomainError(
            'rule_refused',
            'nothing_changed',
            'The request changes nothing.',
            'Yêu cầu không thay đổi thông tin nào.',
          );
        }
        const events: UserEvent[] = [];
        let current = state;
        for (const command of commands) {
          const decision = decideUser(command, current, this.directory.agencies);
          if (isDomainError(decision)) return decision;
          events.push(...decision);
          current = decision.reduce(evolveUser, current);
        }
        return events;
      },
    });
    await this.directory.waitFor(result.position);
    return toUserView(this.directory.users.get(userId)!);
  }
}

function assertAllowed(error: DomainError | null): void {
  if (error) throw new DomainException(error);
}

function decideOrThrow<E>(decision: E[] | DomainError): E[] {
  if (isDomainError(decision)) throw new DomainException(decision);
  return decision;
}
