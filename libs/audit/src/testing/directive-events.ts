/**
 * Directive histories for tests, decided by the domain's own decideDirective: the events are
 * exactly what the API would append for the same commands.
 */
import {
  decideDirective,
  foldDirective,
  isDirectiveEvent,
  isDomainError,
  parseDirectiveCommand,
  type Actor,
  type CommandInput,
  type DirectiveCommand,
  type DirectiveEvent,
  type DomainEvent,
} from '@chidao/domain';

/** The tracking office's clerk, who enters and corrects directives. */
export const DIRECTIVE_CLERK: Actor = {
  userId: 'user-tracker',
  roles: ['tracker'],
  agency: 'UBND-TINH',
};

/** What `command` decides on the directive its `history` folds to; throws on a refusal. */
export function directiveEvents(
  input: CommandInput<DirectiveCommand['type']>,
  history: readonly DomainEvent[] = [],
): DirectiveEvent[] {
  const command = parseDirectiveCommand(input);
  if (isDomainError(command)) throw new Error(command.message);
  const decided = decideDirective(command, foldDirective(history.filter(isDirectiveEvent)));
  if (isDomainError(decided)) throw new Error(decided.message);
  return decided;
}
