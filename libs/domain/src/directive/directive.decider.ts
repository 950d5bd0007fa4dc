import type { Decider } from '../shared/decider';
import { eventGuard } from '../shared/domain-event';
import { STREAMS } from '../streams';
import type { DirectiveCommand } from './directive.commands';
import { decideDirective } from './directive.decide';
import { DIRECTIVE_EVENT_SCHEMA_VERSIONS, type DirectiveEvent } from './directive.events';
import { evolveDirective } from './directive.evolve';
import { initialDirectiveState, type DirectiveState } from './directive.state';

/** A directive event of this code: a known type at its current schema version. */
export const isDirectiveEvent = eventGuard<DirectiveEvent>(DIRECTIVE_EVENT_SCHEMA_VERSIONS);

export const directiveDecider: Decider<DirectiveCommand, DirectiveState, DirectiveEvent> = {
  initialState: initialDirectiveState,
  decide: decideDirective,
  evolve: evolveDirective,
  isEvent: isDirectiveEvent,
  stream: STREAMS.directive,
};
