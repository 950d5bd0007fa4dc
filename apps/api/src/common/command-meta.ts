import { vietnamDateOf, type CommandMeta } from '@chidao/domain';
import type { RequestContext } from './request-context';

/** The meta every domain command carries; the business date defaults to today in Vietnam. */
export function commandMeta(ctx: RequestContext, now: Date, occurredOn?: string): CommandMeta {
  const receivedAt = now.toISOString();
  return { actor: ctx.actor, occurredOn: occurredOn ?? vietnamDateOf(receivedAt), receivedAt };
}
