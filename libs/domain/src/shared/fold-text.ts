/**
 * Text as people match it by eye: lower case, Vietnamese diacritics removed (NFD then combining
 * marks dropped; đ/Đ → d), runs of whitespace collapsed to one space, trimmed. "Sở TT&TT" and
 * "so tt&tt" fold the same; punctuation is kept (callers that ignore it use `compactText`).
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded, with everything but letters and digits removed: "Sở TT-TT" → "sotttt". */
export const compactText = (value: string): string => foldText(value).replace(/[^a-z0-9]/g, '');
