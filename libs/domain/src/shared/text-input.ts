import { DomainError } from './domain-error';

/**
 * What free text a command may carry, for every writer (HTTP, CLI, imports, bench): the text is
 * NFC (a decomposed "ệ" typed on a Mac is stored as the one character a Windows clerk types, so
 * searches and duplicates see one spelling), trimmed, and free of characters that no clerk types
 * but that break what is built from the text or hide what it says:
 * - control characters (NUL, BEL, ESC, vertical tab, DEL, C1): not valid in the XML of a
 *   .docx or .xlsx, and invisible on screen; tab and line breaks are text, not controls;
 * - lone surrogates: half a character, which no encoder can write as UTF-8;
 * - bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): they make
 *   a text display in another order than it is stored ("Trojan source");
 * - noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
 * A text made only of spaces and invisible characters (zero-width spaces, joiners, fillers)
 * counts as blank, as spaces alone do.
 */

/** A title or name: shown on one line, so line breaks and tabs become single spaces. */
export type TextShape = 'line' | 'multiline';

export type TextProblem = 'control_character' | 'lone_surrogate' | 'bidi_control' | 'noncharacter';

// Tab, line feed and carriage return are allowed everywhere (single-line fields fold them).
// Matching control characters is this pattern's purpose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const NONCHARACTER =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{10FFFE}\u{10FFFF}]/u;
// Spaces, default-ignorable characters (ZWSP, ZWJ, soft hyphen, BOM, Hangul fillers, variation
// selectors…) and the braille blank, which renders as nothing and is used to fake a title.
const INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;
// Format characters (ZWSP, BOM, joiners) at either end carry nothing and are trimmed too.
const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

const CHECKS: readonly [TextProblem, RegExp][] = [
  ['lone_surrogate', LONE_SURROGATE],
  ['control_character', CONTROL],
  ['bidi_control', BIDI_CONTROL],
  ['noncharacter', NONCHARACTER],
];

/** What the field is called, for the message: `{ field: 'title', en: 'Title', vi: 'Trích yếu' }`. */
export interface FieldLabel {
  readonly field: string;
  readonly en: string;
  readonly vi: string;
}

const PROBLEM_TEXT: Record<TextProblem, { en: string; vi: string }> = {
  control_character: { en: 'a control character', vi: 'ký tự điều khiển' },
  lone_surrogate: { en: 'a broken character (lone surrogate)', vi: 'ký tự bị lỗi mã hóa' },
  bidi_control: {
    en: 'a character that reverses the direction of text',
    vi: 'ký tự đảo chiều hiển thị văn bản',
  },
  noncharacter: { en: 'a character that is not text', vi: 'ký tự không phải chữ' },
};

/**
 * The text in its stored form, null when it is blank (or not a text), or the refusal naming
 * the field by its label and the first bad character by its code point.
 */
export function cleanText(
  value: unknown,
  shape: TextShape,
  label: FieldLabel,
): string | null | DomainError {
  if (typeof value !== 'string') return null;
  for (const [problem, pattern] of CHECKS) {
    const match = pattern.exec(value);
    if (match) return badText(label, problem, match[0], value.indexOf(match[0]));
  }
  const normal = value.normalize('NFC');
  const text = (shape === 'line' ? normal.replace(/\s+/g, ' ') : normal).replace(EDGES, '');
  return INVISIBLE.test(text) ? null : text;
}

function badText(label: FieldLabel, problem: TextProblem, char: string, index: number) {
  const codePoint = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = PROBLEM_TEXT[problem];
  return new DomainError(
    'invalid_input',
    'invalid_text',
    `${label.en} contains ${what.en} (${codePoint}, character ${index + 1}); retype it or paste it as plain text.`,
    `Trường "${label.vi}" có ${what.vi} (${codePoint}, ở ký tự thứ ${index + 1}); hãy gõ lại hoặc dán dưới dạng văn bản thuần.`,
    { field: label.field, problem, codePoint, index },
  );
}
