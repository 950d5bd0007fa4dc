import type { Actor } from './actor';

/**
 * Everything a command carries besides its own fields: who acts, the business date they give
 * (`occurredOn`, may be in the past, never in the future) and the server time it arrived.
 */
export interface CommandMeta {
  readonly actor: Actor;
  /** YYYY-MM-DD in Vietnam time. */
  readonly occurredOn: string;
  /** ISO-8601 instant of the server clock when the command was received. */
  readonly receivedAt: string;
}

export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly meta: CommandMeta;
}
