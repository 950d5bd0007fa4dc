import type { CalendarDate } from '../shared/calendar-date';
import type { Command } from '../shared/command';
import type { DocumentReference } from '../shared/document-reference';

/** Commands of the Directive aggregate, as parseDirectiveCommand returns them. */
export type RegisterDirective = Command<
  'RegisterDirective',
  {
    directiveId: string;
    /** Number and symbol, parsed from the text as printed, e.g. '24/CTr-UBND'. */
    reference: DocumentReference;
    /** Not in the future. */
    issuedOn: CalendarDate;
    /** Issuing body on one line, e.g. 'UBND tỉnh Hà Tĩnh'. */
    issuer: string;
    title: string;
    summary: string | null;
  }
>;

/** Absent fields stay as they are; a null summary clears it. */
export type CorrectDirectiveDetails = Command<
  'CorrectDirectiveDetails',
  { title?: string; summary?: string | null }
>;

export type RevokeDirective = Command<'RevokeDirective', { reason: string }>;

/** `openTasks`: how many of its tasks are not cancelled, counted by the caller from the tasks. */
export type WithdrawDirective = Command<'WithdrawDirective', { reason: string; openTasks: number }>;

export type DirectiveCommand =
  RegisterDirective | CorrectDirectiveDetails | RevokeDirective | WithdrawDirective;

export const DIRECTIVE_COMMAND_TYPES: readonly DirectiveCommand['type'][] = [
  'RegisterDirective',
  'CorrectDirectiveDetails',
  'RevokeDirective',
  'WithdrawDirective',
];
