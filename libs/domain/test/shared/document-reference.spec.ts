import { DomainError } from '../../src/shared/domain-error';
import {
  ADMINISTRATIVE_TYPE_CODES,
  DIRECTIVE_KIND_NAMES_VI,
  DIRECTIVE_KINDS,
  TYPE_CODE_NAMES_VI,
  directiveKindOf,
  documentKey,
  documentReference,
  parseDocumentReference,
  symbolOf,
  type DocumentReference,
} from '../../src/shared/document-reference';

const parsed = (text: string): DocumentReference => {
  const result = parseDocumentReference(text);
  if (result instanceof DomainError) throw new Error(`${text}: ${result.message}`);
  return result;
};

const reasonOf = (value: unknown): unknown => {
  const result = parseDocumentReference(value);
  return result instanceof DomainError ? result.details?.reason : 'accepted';
};

type Parts = Omit<DocumentReference, 'text' | 'numberText'> & { numberText?: string };

// Every number and symbol quoted in DOMAIN.md and DESIGN.md.
const EXAMPLES: [string, Parts][] = [
  ['24/CTr-UBND', { number: 24, year: null, typeCode: 'CTr', issuer: 'UBND', unit: null, form: 'administrative' }],
  ['04/CTr-UBND', { number: 4, numberText: '04', year: null, typeCode: 'CTr', issuer: 'UBND', unit: null, form: 'administrative' }],
  ['32/KH-UBND', { number: 32, year: null, typeCode: 'KH', issuer: 'UBND', unit: null, form: 'administrative' }],
  ['424/QĐ-UBND', { number: 424, year: null, typeCode: 'QĐ', issuer: 'UBND', unit: null, form: 'administrative' }],
  ['1022/TB-TU', { number: 1022, year: null, typeCode: 'TB', issuer: 'TU', unit: null, form: 'administrative' }],
  ['88/KH-BCĐ', { number: 88, year: null, typeCode: 'KH', issuer: 'BCĐ', unit: null, form: 'administrative' }],
  ['56/2016/QĐ-UBND', { number: 56, year: 2016, typeCode: 'QĐ', issuer: 'UBND', unit: null, form: 'legal' }],
  ['119/2023/NQ-HĐND', { number: 119, year: 2023, typeCode: 'NQ', issuer: 'HĐND', unit: null, form: 'legal' }],
  ['2926/UBND-TH', { number: 2926, year: null, typeCode: null, issuer: 'UBND', unit: 'TH', form: 'official_letter' }],
  ['1708/UBND-VX1', { number: 1708, year: null, typeCode: null, issuer: 'UBND', unit: 'VX1', form: 'official_letter' }],
  ['44/STTTT-CNTT&BCVT', { number: 44, year: null, typeCode: null, issuer: 'STTTT', unit: 'CNTT&BCVT', form: 'official_letter' }],
  ['05-NQ/TU', { number: 5, numberText: '05', year: null, typeCode: 'NQ', issuer: 'TU', unit: null, form: 'party' }],
  ['36-NQ/TW', { number: 36, year: null, typeCode: 'NQ', issuer: 'TW', unit: null, form: 'party' }],
  ['36-HD/VPTW', { number: 36, year: null, typeCode: 'HD', issuer: 'VPTW', unit: null, form: 'party' }],
  ['09/CT-TTg', { number: 9, numberText: '09', year: null, typeCode: 'CT', issuer: 'TTg', unit: null, form: 'administrative' }],
  ['45/2016/QĐ-TTg', { number: 45, year: 2016, typeCode: 'QĐ', issuer: 'TTg', unit: null, form: 'legal' }],
  ['42/2014/QĐ-TTg', { number: 42, year: 2014, typeCode: 'QĐ', issuer: 'TTg', unit: null, form: 'legal' }],
  ['23/2018/QĐ-TTg', { number: 23, year: 2018, typeCode: 'QĐ', issuer: 'TTg', unit: null, form: 'legal' }],
  ['09/2019/NĐ-CP', { number: 9, numberText: '09', year: 2019, typeCode: 'NĐ', issuer: 'CP', unit: null, form: 'legal' }],
  ['30/2020/NĐ-CP', { number: 30, year: 2020, typeCode: 'NĐ', issuer: 'CP', unit: null, form: 'legal' }],
]; // prettier-ignore

describe('parseDocumentReference: the documented examples', () => {
  it.each(EXAMPLES)('%s', (text, parts) => {
    const { numberText = String(parts.number), ...rest } = parts;
    expect(parsed(text)).toEqual({ text, numberText, ...rest });
  });

  it('reads subscript digits from scanned text as ordinary digits', () => {
    expect(parsed('2926/UBND-TH₁')).toEqual(parsed('2926/UBND-TH1'));
    expect(parsed('2926/UBND-TH₁').unit).toBe('TH1');
    expect(parsed('₁₂/KH-UBND').number).toBe(12);
  });

  it('keeps a leading zero as written but counts the number as an integer', () => {
    const ref = parsed('01/CTr-UBND');
    expect([ref.number, ref.numberText, ref.text]).toEqual([1, '01', '01/CTr-UBND']);
  });
});

describe('parseDocumentReference: normalising input', () => {
  it('trims surrounding spaces, including no-break spaces', () => {
    expect(parsed('  24/CTr-UBND \u00a0').text).toBe('24/CTr-UBND');
    expect(parsed('\t424/QĐ-UBND\n').text).toBe('424/QĐ-UBND');
  });

  it('joins a decomposed Đ (D + combining stroke), which NFC alone leaves apart', () => {
    expect(parsed('424/QD\u0335-UBND').text).toBe('424/QĐ-UBND');
    expect(parsed('119/2023/NQ-HD\u0336ND').issuer).toBe('HĐND');
    expect(parsed('12/qd\u0335-ubnd').typeCode).toBe('QĐ');
  });

  it('NFC-normalises before naming a bad character', () => {
    const error = parseDocumentReference('24/CTr-U\u0309BND'.normalize('NFD')) as DomainError;
    expect(error.details).toMatchObject({ reason: 'bad_character', character: 'Ủ' });
  });

  it('reads the look-alike Ð (U+00D0) left by old encodings as Đ', () => {
    expect(parsed('424/Q\u00d0-UBND').typeCode).toBe('QĐ');
  });

  it('reads dashes pasted from a word processor as hyphens', () => {
    expect(parsed('24/CTr\u2013UBND').text).toBe('24/CTr-UBND');
    expect(parsed('05\u2011NQ/TU').text).toBe('05-NQ/TU');
  });

  it.each([
    ['24/ctr-ubnd', '24/CTr-UBND', 'CTr'],
    ['24/CTR-UBND', '24/CTr-UBND', 'CTr'],
    ['424/qđ-ubnd', '424/QĐ-UBND', 'QĐ'],
    ['12/qyđ-ubnd', '12/QyĐ-UBND', 'QyĐ'],
    ['7/ttr-ubnd', '7/TTr-UBND', 'TTr'],
    ['9/ct-ttg', '9/CT-TTg', 'CT'],
    ['45/2016/qđ-TTG', '45/2016/QĐ-TTg', 'QĐ'],
    ['05-nq/tu', '05-NQ/TU', 'NQ'],
    ['2926/ubnd-th', '2926/UBND-TH', null],
  ])('canonicalises %s to %s', (input, text, typeCode) => {
    expect(parsed(input)).toMatchObject({ text, typeCode });
  });

  it('decides the type code by membership: UBND-TH is issuer and unit, CTr-UBND type and issuer', () => {
    expect(parsed('2926/UBND-TH')).toMatchObject({ typeCode: null, issuer: 'UBND', unit: 'TH' });
    expect(parsed('24/CTr-UBND')).toMatchObject({ typeCode: 'CTr', issuer: 'UBND', unit: null });
  });

  it('keeps a drafting unit after type and issuer', () => {
    expect(parsed('123/QĐ-BNN-TCCB')).toMatchObject({
      typeCode: 'QĐ',
      issuer: 'BNN',
      unit: 'TCCB',
      form: 'administrative',
      text: '123/QĐ-BNN-TCCB',
    });
  });

  it('knows every type code of Phụ lục III', () => {
    for (const code of ADMINISTRATIVE_TYPE_CODES) {
      expect(parsed(`5/${code}-UBND`)).toMatchObject({ typeCode: code, form: 'administrative' });
    }
  });

  it('does not accept a non-text value', () => {
    expect(reasonOf(24)).toBe('not_text');
    expect(reasonOf(null)).toBe('not_text');
  });
});

describe('parseDocumentReference: refusals', () => {
  const BAD: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['24 / CTr-UBND', 'contains_space'],
    ['24/CTr - UBND', 'contains_space'],
    ['Số 24/CTr-UBND', 'contains_space'],
    ['24-CTr-UBND', 'missing_slash'],
    ['CTr-UBND', 'missing_slash'],
    ['1/2/2020/QĐ-UBND', 'too_many_slashes'],
    ['05-NQ/2016/TU', 'too_many_slashes'],
    ['/CTr-UBND', 'missing_number'],
    ['24/', 'missing_symbol'],
    ['abc/CTr-UBND', 'invalid_number'],
    ['2.4/CTr-UBND', 'invalid_number'],
    ['-5/CTr-UBND', 'invalid_number'],
    ['0/CTr-UBND', 'number_not_positive'],
    ['00/CTr-UBND', 'number_not_positive'],
    ['001/CTr-UBND', 'leading_zero'],
    ['012/CTr-UBND', 'leading_zero'],
    ['12345678/CTr-UBND', 'number_too_large'],
    ['56//QĐ-UBND', 'missing_year'],
    ['56/16/QĐ-UBND', 'invalid_year'],
    ['56/1900/QĐ-UBND', 'year_out_of_range'],
    ['56/2101/QĐ-UBND', 'year_out_of_range'],
    ['24/CTr-', 'trailing_hyphen'],
    ['24/-UBND', 'leading_hyphen'],
    ['24/CTr--UBND', 'empty_symbol_part'],
    ['24/CTr-UBND.', 'bad_character'],
    ['24/CTr_UBND', 'bad_character'],
    ['24/CTr-ỦBND', 'bad_character'],
    ['24/2016-QĐ-UBND', 'symbol_part_without_letter'],
    ['24/CTr', 'missing_issuer'],
    ['56/2016/QĐ', 'missing_issuer'],
    ['2926/UBND', 'missing_unit'],
    ['05-/TU', 'missing_type_code'],
    ['01-KL/TW', 'unknown_type_code'],
    ['05-NĐ/TU', 'unknown_type_code'],
    ['80/2015/QH13', 'legal_without_type'],
    ['30/NĐ-CP', 'legal_type_without_year'],
  ];

  it.each(BAD)('refuses %j (%s)', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });

  it('refuses with a stable code and an actionable message in both languages', () => {
    const error = parseDocumentReference('24/CTr-UBND.') as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('invalid_document_reference');
    expect(error.details).toMatchObject({
      value: '24/CTr-UBND.',
      reason: 'bad_character',
      character: '.',
    });
    expect(error.message).toContain('"."');
    expect(error.messageVi).toContain('Số, ký hiệu văn bản');
    expect(error.messageVi).toContain('ký tự "."');
  });

  it('names the unknown type code', () => {
    const error = parseDocumentReference('01-KL/TW') as DomainError;
    expect(error.details).toMatchObject({ typeCode: 'KL' });
    expect(error.messageVi).toContain('"KL"');
  });

  it('documentReference throws on a bad form', () => {
    expect(() => documentReference('24')).toThrow(/"\/"/);
    expect(documentReference('24/CTr-UBND').number).toBe(24);
  });
});

describe('directive kinds', () => {
  it.each([
    ['CTr', 'programme', 'Chương trình'],
    ['KH', 'plan', 'Kế hoạch'],
    ['QĐ', 'decision', 'Quyết định'],
    ['CT', 'directive', 'Chỉ thị'],
    ['TB', 'notice', 'Thông báo'],
    ['NQ', 'resolution', 'Nghị quyết'],
    ['QC', 'regulation', 'Quy chế, quy định'],
    ['QyĐ', 'regulation', 'Quy chế, quy định'],
    ['HD', 'guidance', 'Hướng dẫn'],
    ['PA', 'scheme', 'Đề án, phương án'],
    ['ĐA', 'scheme', 'Đề án, phương án'],
    ['DA', 'project', 'Dự án'],
    ['BC', 'report', 'Báo cáo'],
    ['BB', 'minutes', 'Biên bản'],
    ['TTr', 'submission', 'Tờ trình'],
    ['CĐ', 'dispatch', 'Công điện'],
    ['GM', 'invitation', 'Giấy mời'],
    ['NĐ', 'decree', 'Nghị định'],
    ['TT', 'circular', 'Thông tư'],
    [null, 'official_letter', 'Công văn'],
  ] as const)('%s is a %s (%s)', (typeCode, kind, nameVi) => {
    expect(directiveKindOf(typeCode)).toBe(kind);
    expect(DIRECTIVE_KIND_NAMES_VI[kind]).toBe(nameVi);
  });

  it('names every kind and every type code in Vietnamese', () => {
    for (const kind of DIRECTIVE_KINDS) expect(DIRECTIVE_KIND_NAMES_VI[kind]).toBeTruthy();
    expect(TYPE_CODE_NAMES_VI.PA).toBe('Phương án');
    expect(TYPE_CODE_NAMES_VI.QyĐ).toBe('Quy định');
  });
});

describe('documentKey', () => {
  it('uses the year of issue for administrative documents, whose numbers restart every year', () => {
    const ref = parsed('24/CTr-UBND');
    expect(documentKey(ref, '2024-01-19')).toBe('UBND|2024|24|CTr-UBND');
    expect(documentKey(ref, '2025-01-10')).not.toBe(documentKey(ref, '2024-01-19'));
  });

  it('uses the symbol year for legal documents', () => {
    expect(documentKey(parsed('56/2016/QĐ-UBND'), '2016-12-30')).toBe('UBND|2016|56|QĐ-UBND');
  });

  it('treats 01 and 1 as the same number', () => {
    expect(documentKey(parsed('01/CTr-UBND'), '2024-01-05')).toBe(
      documentKey(parsed('1/CTr-UBND'), '2024-01-05'),
    );
  });

  it('keeps the forms apart', () => {
    expect(symbolOf(parsed('05-NQ/TU'))).toBe('NQ/TU');
    expect(symbolOf(parsed('2926/UBND-TH'))).toBe('UBND-TH');
    expect(documentKey(parsed('05-NQ/TU'), '2021-03-01')).toBe('TU|2021|5|NQ/TU');
    expect(documentKey(parsed('2926/UBND-TH₁'), '2021-03-01')).toBe('UBND|2021|2926|UBND-TH1');
  });
});
