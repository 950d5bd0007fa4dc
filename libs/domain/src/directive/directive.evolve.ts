import type { DirectiveEvent } from './directive.events';
import { initialDirectiveState, type DirectiveState } from './directive.state';

export function evolveDirective(state: DirectiveState, event: DirectiveEvent): DirectiveState {
  switch (event.type) {
    case 'DirectiveRegistered':
      return { ...initialDirectiveState, ...event.data, status: 'active' };
    case 'DirectiveDetailsCorrected':
      return { ...state, title: event.data.title, summary: event.data.summary };
    case 'DirectiveRevoked':
      return { ...state, status: 'revoked', revokedReason: event.data.reason };
    case 'DirectiveWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnReason: event.data.reason };
    default:
      return state;
  }
}

export const foldDirective = (events: readonly DirectiveEvent[]): DirectiveState =>
  events.reduce(evolveDirective, initialDirectiveState);
