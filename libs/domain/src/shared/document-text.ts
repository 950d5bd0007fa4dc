/**
 * Text on its way into a document Chidao writes (.docx, .xlsx, CSV). New input is refused at the
 * edge, but the log keeps whatever older versions accepted, and documents are built from it: a
 * NUL or a lone surrogate makes the XML inside a .docx or .xlsx invalid (Word and Excel refuse the
 * file), and a bidi override makes a title read differently from what it holds.
 */

/**
 * What no document carries: C0 controls but tab, line feed and carriage return (illegal in XML
 * 1.0), DEL and C1 controls, the non-characters U+FFFE and U+FFFF, lone surrogates, and the
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shown where an unsafe character was, so a reader sees that the log held something there. */
const REPLACEMENT = '\uFFFD';

/** The text with every unsafe character replaced by U+FFFD: the one filter for every writer. */
export function documentText(text: string): string {
  return text.replace(UNSAFE, REPLACEMENT);
}

/**
 * A copy of plain data (a report snapshot, a letterhead) with documentText applied to every
 * string in it, keys excepted: what the document writers take in, whatever the log held.
 */
export function documentSafe<T>(value: T): T {
  if (typeof value === 'string') return documentText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => documentSafe(item)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, documentSafe(item)]),
    ) as T;
  }
  return value;
}

/**
 * Compact JSON whose unsafe characters are written as \u escapes: the same value for whoever
 * parses it (hashes still check), nothing unsafe for whoever reads it in a spreadsheet.
 */
export function documentJson(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A cell of a CSV or .xlsx Chidao writes. Spreadsheet programs read a cell that starts with
 * `=`, `+`, `-` or `@` as a formula, and skip a leading tab or carriage return before looking
 * (OWASP "CSV injection"): a leading apostrophe makes any of them plain text.
 */
export function spreadsheetCell(text: string): string {
  const safe = documentText(text);
  return /^[=+\-@\t\r]/.test(safe) ? `'${safe}` : safe;
}
