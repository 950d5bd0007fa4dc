/**
 * Text search without diacritics: "ke hoach" finds "Kế hoạch". Stored columns and query text go
 * through the same function, so the two always agree.
 */

/**
 * Lower case, Vietnamese diacritics removed (NFD then combining marks dropped; đ/Đ → d), runs of
 * whitespace collapsed to one space, trimmed. Other characters are kept as they are.
 */
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a query, normalized; empty when the query has none. */
export function searchWords(query: string): string[] {
  const normalized = searchText(query);
  return normalized === '' ? [] : normalized.split(' ');
}

/**
 * A LIKE pattern for one normalized word. The document query has no ESCAPE clause, so `%` and `_`
 * in the word become `_` (any one character): the pattern finds a superset, and callers check
 * the exact words in code.
 */
export const containsPattern = (word: string): string => `%${word.replace(/[%_]/g, '_')}%`;

/** `|A|B|`: a list stored in one text column, searchable with LIKE '%|A|%'. */
export const barList = (values: readonly string[]): string =>
  values.length === 0 ? '|' : `|${values.join('|')}|`;
