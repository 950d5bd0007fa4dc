import { eventsOn } from '../shared/domain-event';
import { checkBusinessDate, dateParts } from '../shared/calendar-date';
import { DomainError, type Decision } from '../shared/domain-error';
import { directiveKindOf, documentKey, parseDocumentReference } from '../shared/document-reference';
import type { DirectiveCommand, RegisterDirective } from './directive.commands';
import {
  DIRECTIVE_ISSUER_MAX_LENGTH,
  DIRECTIVE_SUMMARY_MAX_LENGTH,
  DIRECTIVE_TITLE_MAX_LENGTH,
  directiveErrors,
} from './directive.errors';
import type { DirectiveEvent, DirectiveRegistered } from './directive.events';
import type { DirectiveState } from './directive.state';

export function decideDirective(
  command: DirectiveCommand,
  state: DirectiveState,
): Decision<DirectiveEvent> {
  const occurredOn = checkBusinessDate(command.meta.occurredOn, command.meta.receivedAt);
  if (occurredOn instanceof DomainError) return occurredOn;
  const event = eventsOn<DirectiveEvent>(occurredOn);

  if (command.type === 'RegisterDirective') {
    if (state.status !== 'none') {
      return directiveErrors.alreadyRegistered(state.reference?.text ?? state.directiveId);
    }
    const data = registration(command, occurredOn);
    if (data instanceof DomainError) return data;
    return [event('DirectiveRegistered', data)];
  }

  if (state.status === 'none') return directiveErrors.notFound();
  if (state.status === 'revoked') return directiveErrors.revoked();
  const { directiveId } = state;

  switch (command.type) {
    case 'CorrectDirectiveDetails': {
      let title = state.title;
      if (command.data.title !== undefined) {
        const checked = checkTitle(command.data.title);
        if (checked instanceof DomainError) return checked;
        title = checked;
      }
      let summary = state.summary;
      if (command.data.summary !== undefined) {
        const checked = checkSummary(command.data.summary);
        if (checked instanceof DomainError) return checked;
        summary = checked;
      }
      const changed: ('title' | 'summary')[] = [];
      if (title !== state.title) changed.push('title');
      if (summary !== state.summary) changed.push('summary');
      if (changed.length === 0) return directiveErrors.unchanged();
      return [event('DirectiveDetailsCorrected', { directiveId, title, summary, changed })];
    }
    case 'RevokeDirective': {
      const reason = command.data.reason.normalize('NFC').trim();
      if (!reason) return directiveErrors.reasonRequired();
      return [event('DirectiveRevoked', { directiveId, reason })];
    }
  }
}

function registration(
  command: RegisterDirective,
  occurredOn: string,
): DirectiveRegistered['data'] | DomainError {
  const { data } = command;
  const directiveId = data.directiveId.trim();
  if (!directiveId) return directiveErrors.idRequired();
  const reference = parseDocumentReference(data.reference);
  if (reference instanceof DomainError) return reference;
  const issuedOn = checkBusinessDate(data.issuedOn, command.meta.receivedAt);
  if (issuedOn instanceof DomainError) {
    return issuedOn.within({ en: 'Issue date', vi: 'Ngày ban hành' }, { field: 'issuedOn' });
  }
  if (issuedOn > occurredOn) return directiveErrors.issuedAfterEntry(issuedOn, occurredOn);
  const issueYear = dateParts(issuedOn).year;
  if (reference.year !== null && reference.year !== issueYear) {
    return directiveErrors.symbolYearMismatch(reference.text, reference.year, issuedOn);
  }
  const issuer = singleLine(data.issuer);
  if (!issuer) return directiveErrors.issuerRequired();
  if (lengthOf(issuer) > DIRECTIVE_ISSUER_MAX_LENGTH) return directiveErrors.issuerTooLong();
  const title = checkTitle(data.title);
  if (title instanceof DomainError) return title;
  const summary = checkSummary(data.summary ?? null);
  if (summary instanceof DomainError) return summary;
  return {
    directiveId,
    reference,
    kind: directiveKindOf(reference.typeCode),
    issuedOn,
    issuer,
    title,
    summary,
    programmeYear: reference.typeCode === 'CTr' ? issueYear : null,
    documentKey: documentKey(reference, issuedOn),
    assigningAgency: command.meta.actor.agency,
  };
}

// Titles are pasted from PDFs with line breaks; one line is how they are listed and printed.
const singleLine = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
// Characters as a clerk counts them, not UTF-16 units.
const lengthOf = (text: string) => [...text].length;

function checkTitle(value: string): string | DomainError {
  const title = singleLine(value);
  if (!title) return directiveErrors.titleRequired();
  const length = lengthOf(title);
  if (length > DIRECTIVE_TITLE_MAX_LENGTH) return directiveErrors.titleTooLong(length);
  return title;
}

function checkSummary(value: string | null): string | null | DomainError {
  const summary = value === null ? '' : value.normalize('NFC').trim();
  if (!summary) return null;
  const length = lengthOf(summary);
  if (length > DIRECTIVE_SUMMARY_MAX_LENGTH) return directiveErrors.summaryTooLong(length);
  return summary;
}
