import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@chidao/domain';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';

/** Who is calling and in which chain of messages; recorded in every event's metadata. */
export interface RequestContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly clientIp: string | undefined;
}

export type AuthenticatedRequest = Request & { actor?: Actor; correlationId?: string };

export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  if (!request.actor) throw new Error('No authenticated actor on the request');
  const header = request.header('x-correlation-id');
  request.correlationId ??= header && /^[\w-]{1,100}$/.test(header) ? header : randomUUID();
  return { actor: request.actor, correlationId: request.correlationId, clientIp: request.ip };
}

/** Injects the RequestContext of the authenticated caller. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
