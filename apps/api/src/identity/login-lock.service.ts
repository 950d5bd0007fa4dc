import { Inject, Injectable } from '@nestjs/common';
import { authorizeAdministration, type CommandInput, type UserCommand } from '@chidao/domain';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import { LoginThrottle } from './login-throttle';
import { runUserCommand } from './user-command.runner';
import { toUserView, type UserView } from './user.view';

// Logins are anonymous: the lock is recorded in the throttle's name, from the caller's address.
const THROTTLE_ACTOR = { userId: 'system:login-throttle', roles: [], agency: null };

/** Records an account's login lock in its stream, and lifts it for an administrator. */
@Injectable()
export class LoginLockService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
    private readonly throttle: LoginThrottle,
  ) {}

  async lock(
    userId: string,
    lock: { until: Date; failures: number },
    clientIp: string,
  ): Promise<void> {
    const ctx: RequestContext = { actor: THROTTLE_ACTOR, correlationId: randomUUID(), clientIp };
    const data = { until: lock.until.toISOString(), failures: lock.failures };
    await this.run(userId, ctx, { type: 'LockUserLogin', data, meta: this.meta(ctx) });
  }

  async unlock(userId: string, ctx: RequestContext): Promise<UserView> {
    const refusal = authorizeAdministration(ctx.actor, 'users');
    if (refusal) throw new DomainException(refusal);
    await this.run(userId, ctx, { type: 'UnlockUserLogin', data: {}, meta: this.meta(ctx) });
    const user = this.directory.users.get(userId)!;
    this.throttle.forget(LoginThrottle.accountKey(user.username));
    return toUserView(user);
  }

  private meta(ctx: RequestContext) {
    return commandMeta(ctx, this.clock.now());
  }

  private run(
    userId: string,
    ctx: RequestContext,
    input: CommandInput<UserCommand['type']>,
  ): Promise<void> {
    return runUserCommand(this.repository, this.directory, userId, ctx, input);
  }
}
