import { DomainError } from '../shared/domain-error';
import type { FieldLabel } from '../shared/text-input';

/** How a contact field (e-mail, phone) says what is wrong and shows a good example. */
export interface ContactFieldRefusal {
  readonly code: string;
  readonly example: { readonly en: string; readonly vi: string };
  /** Characters of the typed value the message quotes before cutting it. */
  readonly shownLength: number;
}

/** The refusal of a contact field: its label, the value as typed, why, and an example. */
export function contactFieldError(
  refusal: ContactFieldRefusal,
  label: FieldLabel,
  value: unknown,
  reason: string,
  why: { readonly en: string; readonly vi: string },
  extra: Record<string, unknown>,
): DomainError {
  const shown = quoted(value, refusal.shownLength);
  return new DomainError(
    'invalid_input',
    refusal.code,
    `${label.en} "${shown}" is not valid: ${why.en}; ${refusal.example.en}.`,
    `${label.vi} "${shown}" không hợp lệ: ${why.vi}; ${refusal.example.vi}.`,
    { field: label.field, value, reason, ...extra },
  );
}

/** The value as the message quotes it: controls made visible, cut when long. */
function quoted(value: unknown, max: number): string {
  const text = String(value)
    .trim()
    .replace(/\p{Cc}/gu, '\uFFFD');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
