import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@chidao/domain';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';

/** Who is calling and in which chain of messages; recorded in every event's metadata. */
export interface RequestContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly clientIp: string | undefined;
  /** The Idempotency-Key the command runs under: recorded so a retry can find its events. */
  readonly idempotencyKey?: string;
}

/** The caller as request logs name it (ActorLogInterceptor). */
export interface ActorLogFields {
  readonly userId: string;
  readonly username: string | null;
  readonly roles: Actor['roles'];
  readonly agency: string | null;
}

export type AuthenticatedRequest = Request & {
  actor?: Actor;
  correlationId?: string;
  actorLog?: ActorLogFields;
  /** The login session the bearer token belongs to (none for an identity provider's token). */
  sessionId?: string;
  /** Set by IdempotencyInterceptor once it holds the key's claim. */
  idempotencyKey?: string;
};

export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  if (!request.actor) throw new Error('No authenticated actor on the request');
  const header = request.header('x-correlation-id');
  // Without one of its own, a chain starts with the request: its events carry the request id
  // the logs show.
  request.correlationId ??=
    header && /^[\w-]{1,100}$/.test(header)
      ? header
      : typeof request.id === 'string'
        ? request.id
        : randomUUID();
  return {
    actor: request.actor,
    correlationId: request.correlationId,
    clientIp: request.ip,
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
  };
}

/** Injects the RequestContext of the authenticated caller. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
