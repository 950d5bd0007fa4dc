/** One thing wrong with one cell, as the dry run lists it for the person to fix. */
export interface ImportProblem {
  /** The sheet and row as the spreadsheet shows them. */
  readonly sheet: string;
  readonly row: number;
  /** The column's heading in the file, or null for a problem about the whole row. */
  readonly column: string | null;
  /** The cell's value as written (cut to 200 characters). */
  readonly value: string | null;
  /** What is wrong and how to fix it, in Vietnamese; and in English. */
  readonly vi: string;
  readonly en: string;
  /** A warning is shown but does not stop the import (a title cut off with "…"). */
  readonly severity: 'error' | 'warning';
  /** An agency name nothing matched (or that fits several): the table of names to map once. */
  readonly unmatchedAgency?: {
    readonly text: string;
    readonly field: 'leadAgency' | 'supportAgencies';
  };
}

/** A cell's value as the problem list quotes it. */
export function shownValue(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text =
    value instanceof Date
      ? `${String(value.getUTCDate()).padStart(2, '0')}/${String(value.getUTCMonth() + 1).padStart(2, '0')}/${value.getUTCFullYear()}`
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
