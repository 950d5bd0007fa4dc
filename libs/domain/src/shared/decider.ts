import type { Command } from './command';
import { DomainError, isDomainError, type Decision } from './domain-error';
import type { DomainEvent } from './domain-event';
import type { StreamCategory } from './stream-category';

/**
 * An aggregate as one object (Emmett's Decider): where it starts, what a command decides, how an
 * event changes it, which events are its own, and which streams hold it. Repositories, tests and
 * the demo writer load and decide through it, so no caller folds or names streams by hand.
 * `Context` is what a rule must look up beyond the aggregate's own stream (the agency register).
 */
export interface Decider<C extends Command, S, E extends DomainEvent, Context = void> {
  readonly initialState: S;
  readonly decide: (command: C, state: S, context: Context) => Decision<E>;
  /** Never refuses: the log is the truth. */
  readonly evolve: (state: S, event: E) => S;
  /** Whether an event of the log is one of this aggregate's. */
  readonly isEvent: (event: DomainEvent) => event is E;
  readonly stream: StreamCategory;
}

/** The state after the aggregate's own events among `events`, from the initial state. */
export const foldWith = <S, E extends DomainEvent>(
  decider: Pick<Decider<never, S, E, never>, 'initialState' | 'evolve' | 'isEvent'>,
  events: Iterable<DomainEvent>,
): S => {
  let state = decider.initialState;
  for (const event of events) if (decider.isEvent(event)) state = decider.evolve(state, event);
  return state;
};

/**
 * Several commands as one change (a form that renames and moves an agency): each is decided on
 * the state the previous ones left, and the first refusal refuses them all.
 */
export function decideInTurn<C extends Command, S, E extends DomainEvent, Context>(
  decider: Decider<C, S, E, Context>,
  commands: readonly C[],
  state: S,
  context: Context,
): Decision<E> {
  const events: E[] = [];
  let current = state;
  for (const command of commands) {
    const decision = decider.decide(command, current, context);
    if (isDomainError(decision)) return decision;
    events.push(...decision);
    current = decision.reduce(decider.evolve, current);
  }
  return events;
}

/**
 * A change made of several commands as they arrive (a form that renames and moves an agency):
 * a change of nothing is refused; each command is parsed, then all are decided in turn.
 */
export function decideChange<C extends Command, S, E extends DomainEvent, Context>(
  decider: Decider<C, S, E, Context>,
  parse: (input: unknown) => C | DomainError,
  inputs: readonly unknown[],
  state: S,
  context: Context,
): Decision<E> {
  if (inputs.length === 0) {
    return new DomainError(
      'rule_refused',
      'nothing_changed',
      'The request changes nothing.',
      'Yêu cầu không thay đổi thông tin nào.',
    );
  }
  const commands: C[] = [];
  for (const input of inputs) {
    const command = parse(input);
    if (isDomainError(command)) return command;
    commands.push(command);
  }
  return decideInTurn(decider, commands, state, context);
}
