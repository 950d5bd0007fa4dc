import type { Command } from '../shared/command';

export type RegisterDirective = Command<
  'RegisterDirective',
  {
    directiveId: string;
    /** Number and symbol as printed, e.g. '24/CTr-UBND'. */
    reference: string;
    /** YYYY-MM-DD, not in the future. */
    issuedOn: string;
    /** Issuing body, e.g. 'UBND tỉnh Hà Tĩnh'. */
    issuer: string;
    title: string;
    summary?: string | null;
  }
>;

/** Omitted fields stay as they are; an empty or null summary clears it. */
export type CorrectDirectiveDetails = Command<
  'CorrectDirectiveDetails',
  { title?: string; summary?: string | null }
>;

export type RevokeDirective = Command<'RevokeDirective', { reason: string }>;

export type DirectiveCommand = RegisterDirective | CorrectDirectiveDetails | RevokeDirective;
