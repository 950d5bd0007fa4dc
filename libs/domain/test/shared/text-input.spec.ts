import { DomainError } from '../../src/shared/domain-error';
import { canonicalId, newId } from '../../src/shared/field-input';
import { cleanText, type TextShape } from '../../src/shared/text-input';

const LABEL = { field: 'title', en: 'The title', vi: 'Nội dung nhiệm vụ' };
const clean = (value: unknown, shape: TextShape = 'line') => cleanText(value, shape, LABEL);

describe('cleanText: free text as every writer stores it', () => {
  it.each([
    ['NUL', 'Kế hoạch\u0000', 'control_character', 'U+0000'],
    ['BEL', 'Kế\u0007 hoạch', 'control_character', 'U+0007'],
    ['ESC', '\u001b[31mĐỏ', 'control_character', 'U+001B'],
    ['a vertical tab', 'Dòng 1\u000bDòng 2', 'control_character', 'U+000B'],
    ['a form feed', 'Trang\u000c', 'control_character', 'U+000C'],
    ['DEL', 'Xóa\u007f', 'control_character', 'U+007F'],
    ['a C1 control (NEL)', 'Dòng\u0085', 'control_character', 'U+0085'],
    ['a lone high surrogate', 'Lỗi \ud83d', 'lone_surrogate', 'U+D83D'],
    ['a lone low surrogate', '\ude00 lỗi', 'lone_surrogate', 'U+DE00'],
    ['a right-to-left override', 'Hợp đồng \u202egnỏđ 01', 'bidi_control', 'U+202E'],
    ['a left-to-right isolate', '\u2066x\u2069', 'bidi_control', 'U+2066'],
    ['a right-to-left mark', 'a\u200fb', 'bidi_control', 'U+200F'],
    ['a noncharacter', 'a\uffffb', 'noncharacter', 'U+FFFF'],
  ])('refuses %s, naming the field by its label and the character', (_what, value, problem, cp) => {
    for (const shape of ['line', 'multiline'] as const) {
      const refused = clean(value, shape) as DomainError;
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        kind: 'invalid_input',
        code: 'invalid_text',
        details: { field: 'title', problem, codePoint: cp },
      });
      expect(refused.messageVi).toMatch(/^Trường "Nội dung nhiệm vụ" có /);
      expect(refused.messageVi).toContain(cp);
    }
  });

  it('stores decomposed Vietnamese composed (NFC)', () => {
    const decomposed = 'Kế hoạch'.normalize('NFD');
    expect(decomposed).not.toBe('Kế hoạch');
    expect(clean(decomposed)).toBe('Kế hoạch');
    expect(clean(decomposed, 'multiline')).toBe('Kế hoạch');
  });

  it('keeps line breaks and tabs in multi-line fields, folds them on one line in the others', () => {
    expect(clean('  Dòng 1\r\n\tDòng 2\n', 'multiline')).toBe('Dòng 1\r\n\tDòng 2');
    expect(clean('  Dòng 1\r\n\tDòng 2\n', 'line')).toBe('Dòng 1 Dòng 2');
  });

  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a byte-order mark and spaces', '\ufeff  '],
    ['Hangul fillers', '\u3164\u115f'],
    ['a braille blank', '\u2800'],
    ['joiners and soft hyphens', '\u200d\u200c\u00ad\u2060'],
    ['spaces', '   '],
  ])('counts a text of only %s as blank', (_what, value) => {
    expect(clean(value)).toBeNull();
    expect(clean(value, 'multiline')).toBeNull();
  });

  it('trims invisible characters at the edges and keeps those inside (emoji sequences)', () => {
    expect(clean('\u200bKế hoạch\ufeff')).toBe('Kế hoạch');
    expect(clean('Gia đình 👨‍👩‍👧')).toBe('Gia đình 👨‍👩‍👧');
  });

  it('answers null for what is not a text', () => {
    expect(clean(5)).toBeNull();
    expect(clean(undefined)).toBeNull();
  });
});

describe('newId: the ids of what a command creates', () => {
  const invalid = (field: string, en: string, vi: string) =>
    new DomainError('invalid_input', 'invalid_field', en, vi, { field });

  it('keeps them lower-case, so two spellings are one id', () => {
    expect(newId('T-1', 'taskId', invalid)).toBe('t-1');
    expect(newId('t-1', 'taskId', invalid)).toBe('t-1');
    expect(newId('A0B1C2D3-0000-4000-8000-00000000000F', 'taskId', invalid)).toBe(
      'a0b1c2d3-0000-4000-8000-00000000000f',
    );
    expect(canonicalId('ABC')).toBe('abc');
  });

  it.each([
    ['a space', 't 1'],
    ['a control character', 't\u00001'],
    ['a zero-width space', 't\u200b1'],
    ['blank', '  '],
  ])('refuses %s', (_what, value) => {
    expect(newId(value, 'taskId', invalid)).toBeInstanceOf(DomainError);
  });
});
