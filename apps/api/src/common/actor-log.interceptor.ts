import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import { DirectoryService } from '../directory/directory.service';
import type { ActorLogFields, AuthenticatedRequest } from './request-context';

/**
 * Adds the caller (`actor`: user id, username, roles, agency) to every line logged for the
 * request from here on, and to its last line. Runs after the guard, first of the interceptors.
 */
@Injectable()
export class ActorLogInterceptor implements NestInterceptor {
  constructor(
    private readonly directory: DirectoryService,
    private readonly log: PinoLogger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.actor && !request.actorLog) {
      const { userId, roles, agency } = request.actor;
      const username = this.directory.users.get(userId)?.username ?? null;
      const actorLog: ActorLogFields = { userId, username, roles, agency };
      request.actorLog = actorLog;
      this.log.assign({ actor: actorLog });
    }
    return next.handle();
  }
}
