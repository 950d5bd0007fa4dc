import type { DomainEvent } from '../shared/domain-event';
import type { DirectiveKind, DocumentReference } from '../shared/document-reference';

export type DirectiveRegistered = DomainEvent<
  'DirectiveRegistered',
  {
    directiveId: string;
    /** The parsed number and symbol, in canonical form. */
    reference: DocumentReference;
    kind: DirectiveKind;
    /** YYYY-MM-DD, the date printed on the document. */
    issuedOn: string;
    /** Issuing body as written, e.g. 'UBND tỉnh Hà Tĩnh'. */
    issuer: string;
    title: string;
    summary: string | null;
    /** The year a framework programme (CTr) is for: the year it was issued; null otherwise. */
    programmeYear: number | null;
    /** Uniqueness key (issuer, year, number, symbol), see `documentKey`. */
    documentKey: string;
    /** The body the registering actor acts for; permissions to correct or revoke follow it. */
    assigningAgency: string | null;
  }
>;

/** Carries the title and summary in force after the correction, and which of them changed. */
export type DirectiveDetailsCorrected = DomainEvent<
  'DirectiveDetailsCorrected',
  {
    directiveId: string;
    title: string;
    summary: string | null;
    changed: ('title' | 'summary')[];
  }
>;

export type DirectiveRevoked = DomainEvent<
  'DirectiveRevoked',
  { directiveId: string; reason: string }
>;

/**
 * Registered in error (another body's document, a wrong number): kept in the log, out of
 * tracking, and its number released so the rightful registration can proceed.
 */
export type DirectiveWithdrawn = DomainEvent<
  'DirectiveWithdrawn',
  { directiveId: string; reason: string }
>;

export type DirectiveEvent =
  DirectiveRegistered | DirectiveDetailsCorrected | DirectiveRevoked | DirectiveWithdrawn;

export const DIRECTIVE_EVENT_SCHEMA_VERSIONS: Record<DirectiveEvent['type'], number> = {
  DirectiveRegistered: 1,
  DirectiveDetailsCorrected: 1,
  DirectiveRevoked: 1,
  DirectiveWithdrawn: 1,
};
