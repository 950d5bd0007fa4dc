/**
 * The `directives` read model: one DirectiveState per directive, folded by the domain's
 * evolveDirective, with the columns a directive list filters and sorts on.
 */
import {
  evolveDirective,
  initialDirectiveState,
  isDirectiveEvent,
  type DirectiveState,
} from '@chidao/domain';
import type { RecordedEvent } from '@chidao/event-store';
import { sourceOf, withSource } from '../fingerprint';
import { defineProjection } from '../projection';
import { searchText } from './search-text';

/** The directive a directive event is about; null for any other event. */
function directiveIdOf(event: RecordedEvent): string | null {
  return isDirectiveEvent(event) && event.data.directiveId !== '' ? event.data.directiveId : null;
}

/** evolveDirective over the log; an event before DirectiveRegistered starts from nothing. */
function evolveDirectiveDocument(
  doc: DirectiveState | null,
  event: RecordedEvent,
): DirectiveState | null {
  if (!isDirectiveEvent(event)) return doc;
  const next = evolveDirective(doc ?? initialDirectiveState, event);
  // A correction or revocation of a directive never registered leaves no document.
  return next.status === 'none' ? doc : next;
}

const directiveSearchText = (d: DirectiveState): string =>
  searchText(`${d.reference?.text ?? ''} ${d.title}`);

const directiveSortKey = (d: DirectiveState): string => `${d.issuedOn ?? ''}|${d.directiveId}`;

export const directiveListProjection = defineProjection<DirectiveState>({
  name: 'directives',
  // Bump when evolveDirective changes (the fingerprint covers the text of the wrappers here).
  version: 2,
  // Directive events live in their `directive-<id>` stream only (the `directive-key-*` streams
  // carry DirectiveReferenceReserved and DirectiveReferenceReleased, which idOf ignores).
  partitionedBy: 'stream',
  documents: {
    idOf: withSource(
      (event) => directiveIdOf(event),
      `${sourceOf(directiveIdOf)}\n${sourceOf(isDirectiveEvent)}`,
    ),
    evolve: withSource(
      (doc, event) => evolveDirectiveDocument(doc, event),
      `${sourceOf(evolveDirectiveDocument)}\n${sourceOf(evolveDirective)}`,
    ),
  },
  columns: [
    {
      name: 'reference_text',
      type: 'text',
      of: (d) => d.reference?.text ?? null,
      index: true,
    },
    { name: 'issued_on', type: 'text', of: (d) => d.issuedOn, index: true },
    { name: 'assigning_agency', type: 'text', of: (d) => d.assigningAgency, index: true },
    { name: 'kind', type: 'text', of: (d) => d.kind, index: true },
    { name: 'programme_year', type: 'integer', of: (d) => d.programmeYear, index: true },
    { name: 'status', type: 'text', of: (d) => d.status },
    {
      name: 'search',
      type: 'text',
      of: withSource(
        (d: DirectiveState) => directiveSearchText(d),
        `${sourceOf(directiveSearchText)}\n${sourceOf(searchText)}`,
      ),
    },
    {
      name: 'sort_key',
      type: 'text',
      of: withSource((d: DirectiveState) => directiveSortKey(d), sourceOf(directiveSortKey)),
      index: true,
    },
  ],
});
