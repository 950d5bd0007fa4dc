/**
 * The `directives` read model: one DirectiveState per directive, folded by the domain's
 * evolveDirective, with the columns a directive list filters and sorts on.
 */
import {
  DIRECTIVE_EVENT_SCHEMA_VERSIONS,
  evolveDirective,
  initialDirectiveState,
  type DirectiveEvent,
  type DirectiveState,
} from '@chidao/domain';
import type { StoredEvent } from '@chidao/event-store';
import { sourceOf, withSource } from '../fingerprint';
import { defineProjection } from '../projection';
import { searchText } from './search-text';

/** A directive event this code understands (type and schema version), for the directive it names. */
export function directiveIdOf(event: StoredEvent): string | null {
  if (!Object.prototype.hasOwnProperty.call(DIRECTIVE_EVENT_SCHEMA_VERSIONS, event.type)) {
    return null;
  }
  const type = event.type as DirectiveEvent['type'];
  if (event.schemaVersion !== DIRECTIVE_EVENT_SCHEMA_VERSIONS[type]) return null;
  const id = (event.data as { directiveId?: unknown } | null)?.directiveId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** evolveDirective over stored events; an event before DirectiveRegistered starts from nothing. */
export function evolveDirectiveDocument(
  doc: DirectiveState | null,
  event: StoredEvent,
): DirectiveState | null {
  const next = evolveDirective(doc ?? initialDirectiveState, event as unknown as DirectiveEvent);
  // A correction or revocation of a directive never registered leaves no document.
  return next.status === 'none' ? doc : next;
}

export const directiveSearchText = (d: DirectiveState): string =>
  searchText(`${d.reference?.text ?? ''} ${d.title}`);

export const directiveSortKey = (d: DirectiveState): string =>
  `${d.issuedOn ?? ''}|${d.directiveId}`;

export const directiveListProjection = defineProjection<DirectiveState>({
  name: 'directives',
  // Bump when evolveDirective changes (the fingerprint covers the text of the wrappers here).
  version: 1,
  // Directive events live in their `directive-<id>` stream only (the `directive-key-*` streams
  // carry DirectiveReferenceReserved, which idOf ignores).
  partitionedBy: 'stream',
  documents: {
    idOf: withSource(
      (event) => directiveIdOf(event),
      `${sourceOf(directiveIdOf)}\n${JSON.stringify(DIRECTIVE_EVENT_SCHEMA_VERSIONS)}`,
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
