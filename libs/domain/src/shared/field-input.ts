/**
 * Small readers for the fields of a command as it arrives: each answers the value in its checked
 * form or a DomainError made by the aggregate's own factory, so every aggregate names the field
 * the way its clerks know it.
 */
import { DomainError } from './domain-error';

/** Makes the error for a field that is not what it must be (`expectedEn`/`expectedVi`). */
type InvalidField = (field: string, expectedEn: string, expectedVi: string) => DomainError;

/** Free text is kept trimmed; blank counts as absent. */
export function trimmedText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** Identifiers are kept exactly as given (they match other systems); only emptiness is refused. */
export function requiredId(
  value: unknown,
  field: string,
  invalid: InvalidField,
): string | DomainError {
  if (typeof value === 'string' && trimmedText(value) !== null) return value;
  return invalid(field, 'a non-empty text is required', 'bắt buộc phải nhập');
}

/**
 * The id of what a command creates (a task, a directive, a deadline request): ids are
 * compared without regard to letter case, so the new one is kept lower-case (`T-1` and `t-1`
 * are the same task, refused the second time). Ids already in the log are read as they are.
 */
export function newId(value: unknown, field: string, invalid: InvalidField): string | DomainError {
  const id = requiredId(value, field, invalid);
  if (id instanceof DomainError) return id;
  // Spaces, controls, format and unassigned characters make two ids look the same.
  if (/[\s\p{C}]/u.test(id)) {
    return invalid(
      field,
      'no spaces, control or invisible characters',
      'không được chứa dấu cách, ký tự điều khiển hay ký tự ẩn',
    );
  }
  return canonicalId(id);
}

/** The form an id is stored and compared in. */
export const canonicalId = (id: string): string => id.normalize('NFC').toLowerCase();

export function idList(
  value: unknown,
  field: string,
  invalid: InvalidField,
): string[] | DomainError {
  if (!Array.isArray(value) || !value.every((item) => trimmedText(item) !== null)) {
    return invalid(field, 'a list of non-empty texts', 'phải là danh sách các giá trị không rỗng');
  }
  return [...(value as string[])];
}

export function requiredBoolean(
  value: unknown,
  field: string,
  invalid: InvalidField,
): boolean | DomainError {
  return typeof value === 'boolean'
    ? value
    : invalid(field, 'true or false', 'phải là có hoặc không');
}

/** One of a fixed list of values. */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  invalid: InvalidField,
  expected: { en: string; vi: string },
): T | DomainError {
  return (allowed as readonly unknown[]).includes(value)
    ? (value as T)
    : invalid(field, expected.en, expected.vi);
}
