import { documentJson, documentSafe, documentText, spreadsheetCell } from '../../src';

/** What an older log may hold in a title: every character a document must not carry. */
const HOSTILE = [
  '\u0000', // NUL
  '\u0007', // BEL
  '\u001B', // ESC
  '\u000B', // vertical tab
  '\u000C', // form feed
  '\u007F', // DEL
  '\u0085', // a C1 control
  '\uD800', // lone high surrogate
  '\uDC00', // lone low surrogate
  '\u202E', // right-to-left override
  '\u2066', // left-to-right isolate
  '\uFFFF', // non-character
];

// XML 1.0 Char: what may appear in word/document.xml or an .xlsx's sheets.
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('documentText', () => {
  it('replaces each unsafe character with U+FFFD and keeps the rest', () => {
    for (const char of HOSTILE) {
      expect(documentText(`Báo cáo${char}quý II`)).toBe('Báo cáo\uFFFDquý II');
    }
  });

  it('keeps Vietnamese, emoji (surrogate pairs), tabs and line breaks', () => {
    const text = 'Triển khai chữ ký số 🇻🇳\tđợt 1\r\nđợt 2\n';
    expect(documentText(text)).toBe(text);
  });

  it('leaves nothing XML forbids, whatever it is given', () => {
    let all = '';
    for (let code = 0; code <= 0xffff; code += 1) all += String.fromCharCode(code);
    expect(XML_ILLEGAL.test(documentText(all))).toBe(false);
  });
});

describe('documentSafe', () => {
  it('applies documentText to every string of plain data, numbers and dates as they are', () => {
    const date = new Date('2024-06-30T00:00:00Z');
    const safe = documentSafe({
      title: 'A\u0000',
      n: 3,
      none: null,
      at: date,
      list: [{ name: '\u202Eb' }, 'c\uD800'],
    });
    expect(safe).toEqual({
      title: 'A\uFFFD',
      n: 3,
      none: null,
      at: date,
      list: [{ name: '\uFFFDb' }, 'c\uFFFD'],
    });
  });
});

describe('documentJson', () => {
  it('escapes what documentText replaces, so parsing gives back the data as stored', () => {
    const data = { title: HOSTILE.join('') + ' tiêu đề' };
    const json = documentJson(data);
    expect(XML_ILLEGAL.test(json)).toBe(false);
    expect(json).not.toMatch(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe('spreadsheetCell', () => {
  it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x")'])(
    'makes %j text with a leading apostrophe',
    (cell) => {
      expect(spreadsheetCell(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves other text alone, and filters unsafe characters first', () => {
    expect(spreadsheetCell('Sở Tài chính')).toBe('Sở Tài chính');
    expect(spreadsheetCell('24/CTr-UBND')).toBe('24/CTr-UBND');
    expect(spreadsheetCell('')).toBe('');
    // A NUL before the `=` does not hide it: the cell starts with U+FFFD, which is no formula.
    expect(spreadsheetCell('\u0000=1')).toBe('\uFFFD=1');
    expect(spreadsheetCell('=\u0007')).toBe("'=\uFFFD");
  });
});
