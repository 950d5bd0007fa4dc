import { vietnamDateOf, type CommandMetaInput } from '@chidao/domain';
import type { RequestContext } from './request-context';

/**
 * The meta every command carries, as the edge knows it: the actor from the token, the business
 * date the clerk gave (default: today in Vietnam) and the server time. The domain's parse
 * functions check it.
 */
export function commandMeta(ctx: RequestContext, now: Date, occurredOn?: string): CommandMetaInput {
  const receivedAt = now.toISOString();
  return { actor: ctx.actor, occurredOn: occurredOn ?? vietnamDateOf(receivedAt), receivedAt };
}
