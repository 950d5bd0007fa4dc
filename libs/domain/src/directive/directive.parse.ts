import { checkBusinessDate } from '../shared/calendar-date';
import { parseCommandEnvelope, type CommandInput } from '../shared/command';
import { isDomainError, type DomainError } from '../shared/domain-error';
import { parseDocumentReference } from '../shared/document-reference';
import { canonicalId } from '../shared/field-input';
import { cleanText, type FieldLabel, type TextShape } from '../shared/text-input';
import { DIRECTIVE_COMMAND_TYPES, type DirectiveCommand } from './directive.commands';
import {
  DIRECTIVE_ISSUER_MAX_LENGTH,
  DIRECTIVE_SUMMARY_MAX_LENGTH,
  DIRECTIVE_TITLE_MAX_LENGTH,
  directiveErrors,
} from './directive.errors';

/**
 * Turns a directive command as it arrives into one decideDirective can trust: the number and
 * symbol parsed, dates real and not in the future, texts on one line and within their limits.
 */
export function parseDirectiveCommand<T extends DirectiveCommand['type']>(
  input: CommandInput<T>,
): Extract<DirectiveCommand, { type: T }> | DomainError;
export function parseDirectiveCommand(input: unknown): DirectiveCommand | DomainError;
export function parseDirectiveCommand(input: unknown): DirectiveCommand | DomainError {
  const envelope = parseCommandEnvelope(input, DIRECTIVE_COMMAND_TYPES, {
    en: 'directive',
    vi: 'văn bản chỉ đạo',
  });
  if (isDomainError(envelope)) return envelope;
  const { type, meta, data: d } = envelope;
  switch (type) {
    case 'RegisterDirective': {
      const directiveId =
        typeof d.directiveId === 'string' ? canonicalId(d.directiveId.trim()) : '';
      if (!directiveId) return directiveErrors.idRequired();
      const reference = parseDocumentReference(d.reference);
      if (isDomainError(reference)) return reference;
      const issuedOn = checkBusinessDate(d.issuedOn, meta.receivedAt);
      if (isDomainError(issuedOn)) {
        return issuedOn.within({ en: 'Issue date', vi: 'Ngày ban hành' }, { field: 'issuedOn' });
      }
      const issuer = text(d.issuer, 'line', LABELS.issuer);
      if (isDomainError(issuer)) return issuer;
      if (!issuer) return directiveErrors.issuerRequired();
      if (lengthOf(issuer) > DIRECTIVE_ISSUER_MAX_LENGTH) return directiveErrors.issuerTooLong();
      const title = checkTitle(d.title);
      if (isDomainError(title)) return title;
      const summary = checkSummary(d.summary ?? null);
      if (isDomainError(summary)) return summary;
      const data = { directiveId, reference, issuedOn, issuer, title, summary };
      return { type: 'RegisterDirective', data, meta };
    }
    case 'CorrectDirectiveDetails': {
      const data: { title?: string; summary?: string | null } = {};
      if (d.title !== undefined) {
        const title = checkTitle(d.title);
        if (isDomainError(title)) return title;
        data.title = title;
      }
      if (d.summary !== undefined) {
        const summary = checkSummary(d.summary);
        if (isDomainError(summary)) return summary;
        data.summary = summary;
      }
      return { type: 'CorrectDirectiveDetails', data, meta };
    }
    case 'RevokeDirective': {
      const reason = text(d.reason, 'multiline', LABELS.reason);
      if (isDomainError(reason)) return reason;
      if (!reason) return directiveErrors.reasonRequired();
      return { type: 'RevokeDirective', data: { reason }, meta };
    }
    case 'WithdrawDirective': {
      const reason = typeof d.reason === 'string' ? d.reason.normalize('NFC').trim() : '';
      if (!reason) return directiveErrors.reasonRequired();
      const openTasks = Number.isInteger(d.openTasks) ? (d.openTasks as number) : 0;
      return { type: 'WithdrawDirective', data: { reason, openTasks }, meta };
    }
  }
}

/** How the form labels the fields, for refusals of what is typed in them. */
const LABELS: Record<'issuer' | 'title' | 'summary' | 'reason', FieldLabel> = {
  issuer: { field: 'issuer', en: 'The issuing body', vi: 'Cơ quan ban hành' },
  title: { field: 'title', en: 'The title', vi: 'Trích yếu' },
  summary: { field: 'summary', en: 'The summary', vi: 'Tóm tắt nội dung' },
  reason: { field: 'reason', en: 'The reason', vi: 'Lý do thu hồi' },
};

// Titles and issuers are pasted from PDFs with line breaks; one line is how they are listed
// and printed. Blank is ''.
const text = (value: unknown, shape: TextShape, label: FieldLabel) =>
  cleanText(value, shape, label) ?? '';
// Characters as a clerk counts them, not UTF-16 units.
const lengthOf = (text: string) => [...text].length;

function checkTitle(value: unknown): string | DomainError {
  const title = text(value, 'line', LABELS.title);
  if (isDomainError(title)) return title;
  if (!title) return directiveErrors.titleRequired();
  const length = lengthOf(title);
  if (length > DIRECTIVE_TITLE_MAX_LENGTH) return directiveErrors.titleTooLong(length);
  return title;
}

function checkSummary(value: unknown): string | null | DomainError {
  const summary = text(value, 'multiline', LABELS.summary);
  if (isDomainError(summary)) return summary;
  if (!summary) return null;
  const length = lengthOf(summary);
  if (length > DIRECTIVE_SUMMARY_MAX_LENGTH) return directiveErrors.summaryTooLong(length);
  return summary;
}
