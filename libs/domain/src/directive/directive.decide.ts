import { eventsOn } from '../shared/domain-event';
import { dateParts } from '../shared/calendar-date';
import type { Decision } from '../shared/domain-error';
import { directiveKindOf, documentKey } from '../shared/document-reference';
import type { DirectiveCommand } from './directive.commands';
import { directiveErrors } from './directive.errors';
import type { DirectiveEvent } from './directive.events';
import type { DirectiveState } from './directive.state';

/**
 * The rules of a directive, on a command from parseDirectiveCommand: registered once, dated no
 * later than it is entered, a legal document's symbol year its year of issue, no change once
 * revoked, and none at all once withdrawn (registered in error), which needs no open task.
 */
export function decideDirective(
  command: DirectiveCommand,
  state: DirectiveState,
): Decision<DirectiveEvent> {
  const occurredOn = command.meta.occurredOn;
  const event = eventsOn<DirectiveEvent>(occurredOn);

  if (command.type === 'RegisterDirective') {
    if (state.status !== 'none') {
      return directiveErrors.alreadyRegistered(state.reference?.text ?? state.directiveId);
    }
    const { reference, issuedOn } = command.data;
    if (issuedOn > occurredOn) return directiveErrors.issuedAfterEntry(issuedOn, occurredOn);
    const issueYear = dateParts(issuedOn).year;
    if (reference.year !== null && reference.year !== issueYear) {
      return directiveErrors.symbolYearMismatch(reference.text, reference.year, issuedOn);
    }
    return [
      event('DirectiveRegistered', {
        ...command.data,
        kind: directiveKindOf(reference.typeCode),
        programmeYear: reference.typeCode === 'CTr' ? issueYear : null,
        documentKey: documentKey(reference, issuedOn),
        assigningAgency: command.meta.actor.agency,
      }),
    ];
  }

  if (state.status === 'none') return directiveErrors.notFound();
  if (state.status === 'withdrawn') return directiveErrors.withdrawn();
  const { directiveId } = state;
  // A squatter could revoke its own wrong entry to keep the number: withdrawal still applies.
  if (command.type === 'WithdrawDirective') {
    const { reason, openTasks } = command.data;
    if (openTasks > 0) return directiveErrors.withdrawalWithTasks(openTasks);
    return [event('DirectiveWithdrawn', { directiveId, reason })];
  }
  if (state.status === 'revoked') return directiveErrors.revoked();

  switch (command.type) {
    case 'CorrectDirectiveDetails': {
      const title = command.data.title ?? state.title;
      const summary = command.data.summary === undefined ? state.summary : command.data.summary;
      const changed: ('title' | 'summary')[] = [];
      if (title !== state.title) changed.push('title');
      if (summary !== state.summary) changed.push('summary');
      if (changed.length === 0) return directiveErrors.unchanged();
      return [event('DirectiveDetailsCorrected', { directiveId, title, summary, changed })];
    }
    case 'RevokeDirective':
      return [event('DirectiveRevoked', { directiveId, reason: command.data.reason })];
  }
}
