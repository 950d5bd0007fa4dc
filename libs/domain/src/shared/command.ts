import { isRole, type Actor } from './actor';
import { checkBusinessDate, type CalendarDate } from './calendar-date';
import { DomainError } from './domain-error';

/**
 * Everything a command carries besides its own fields: who acts, the business date they give
 * (`occurredOn`, may be in the past, never in the future) and the server time it arrived.
 */
export interface CommandMeta {
  readonly actor: Actor;
  /** Vietnam calendar day, checked: never after the day of `receivedAt`. */
  readonly occurredOn: CalendarDate;
  /** ISO-8601 instant of the server clock when the command was received. */
  readonly receivedAt: string;
}

/** A command as a parse function returns it: typed and checked, ready for decide. */
export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly meta: CommandMeta;
}

/** The meta as the edge builds it (HTTP from the token and the body, the CLI, an import). */
export interface CommandMetaInput {
  readonly actor: Actor;
  readonly occurredOn: string;
  readonly receivedAt: string;
}

/**
 * A command as it arrives from outside: nothing about it is trusted until a parse function
 * (parseTaskCommand, parseDirectiveCommand, …) has checked it.
 */
export interface CommandInput<T extends string = string> {
  readonly type: T;
  readonly data?: unknown;
  readonly meta: CommandMetaInput;
}

const invalidMeta = (part: string) =>
  new DomainError(
    'invalid_input',
    'invalid_command',
    `The command's ${part} is missing or malformed.`,
    'Yêu cầu thiếu thông tin người thực hiện hoặc thời điểm gửi.',
    { part },
  );

/** Checks the meta the edge built: a known actor, a real server instant, a business date not after it. */
export function parseCommandMeta(value: unknown): CommandMeta | DomainError {
  if (!isRecord(value)) return invalidMeta('meta');
  const actor = parseActor(value.actor);
  if (actor === null) return invalidMeta('actor');
  const { occurredOn, receivedAt } = value;
  if (typeof receivedAt !== 'string' || Number.isNaN(Date.parse(receivedAt))) {
    return invalidMeta('receivedAt');
  }
  const on = checkBusinessDate(occurredOn, receivedAt);
  if (on instanceof DomainError) return on;
  return { actor, occurredOn: on, receivedAt };
}

/** The actor a command's meta names, or null when it is not one. */
export function parseActor(value: unknown): Actor | null {
  if (
    !isRecord(value) ||
    typeof value.userId !== 'string' ||
    value.userId === '' ||
    !Array.isArray(value.roles) ||
    !value.roles.every(isRole) ||
    (value.agency !== null && typeof value.agency !== 'string')
  ) {
    return null;
  }
  return { userId: value.userId, roles: value.roles.filter(isRole), agency: value.agency };
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A command's data as a caller writes it before parsing: dates as plain `YYYY-MM-DD` text. */
export type DataInput<D> = {
  readonly [K in keyof D]:
    Exclude<D[K], CalendarDate> | (CalendarDate extends D[K] ? string : never);
};

/** What every parse function reads first: a known type, the checked meta, the data object. */
export interface CommandEnvelope<T extends string> {
  readonly type: T;
  readonly meta: CommandMeta;
  /** Empty when the command came without one: commands without fields need none. */
  readonly data: Record<string, unknown>;
}

export function parseCommandEnvelope<T extends string>(
  input: unknown,
  types: readonly T[],
  aggregate: { readonly en: string; readonly vi: string },
): CommandEnvelope<T> | DomainError {
  const type = isRecord(input) ? input.type : input;
  if (!isRecord(input) || !(types as readonly unknown[]).includes(type)) {
    return unknownCommand(type, aggregate);
  }
  const meta = parseCommandMeta(input.meta);
  if (meta instanceof DomainError) return meta;
  return { type: type as T, meta, data: isRecord(input.data) ? input.data : {} };
}

/** A command of no type the aggregate knows (a program's mistake, or a forged request). */
export const unknownCommand = (
  type: unknown,
  aggregate: { readonly en: string; readonly vi: string },
): DomainError =>
  new DomainError(
    'invalid_input',
    'unknown_command',
    `Unknown ${aggregate.en} command "${String(type)}".`,
    `Thao tác "${String(type)}" không được hỗ trợ đối với ${aggregate.vi}.`,
    { type },
  );
