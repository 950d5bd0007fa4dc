/**
 * Directive histories for tests, decided by the domain's own decideDirective: the events are
 * exactly what the API would append for the same commands.
 */
import {
  decideDirective,
  foldDirective,
  isDomainError,
  type Actor,
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
  command: DirectiveCommand,
  history: readonly DomainEvent[] = [],
): DirectiveEvent[] {
  const decided = decideDirective(command, foldDirective(history as DirectiveEvent[]));
  if (isDomainError(decided)) throw new Error(decided.message);
  return decided;
}
