import type { CalendarDate } from './calendar-date';
import { DomainError } from './domain-error';

/**
 * The number and symbol of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục III), the
 * way tasks name their source: `24/CTr-UBND`, `56/2016/QĐ-UBND`, `2926/UBND-TH`, `05-NQ/TU`.
 */

/** Type codes of administrative documents (Phụ lục III), in their canonical spelling. */
// prettier-ignore
export const ADMINISTRATIVE_TYPE_CODES = [
  'NQ', 'QĐ', 'CT', 'QC', 'QyĐ', 'TB', 'HD', 'CTr', 'KH', 'PA', 'ĐA', 'DA', 'BC', 'BB', 'TTr', 'CĐ', 'GM',
] as const;

/**
 * Legal normative types outside Phụ lục III that only occur with a year in the symbol
 * (`30/2020/NĐ-CP`, `01/2024/TT-BTTTT`); DOMAIN.md cites such documents as sources too.
 */
const LEGAL_ONLY_TYPE_CODES = ['NĐ', 'TT'] as const;

type AdministrativeTypeCode = (typeof ADMINISTRATIVE_TYPE_CODES)[number];
export type TypeCode = AdministrativeTypeCode | (typeof LEGAL_ONLY_TYPE_CODES)[number];

export type DocumentForm = 'administrative' | 'legal' | 'official_letter' | 'party';

export interface DocumentReference {
  /** Canonical form: NFC, canonical type code spelling, upper-case symbols (except `TTg`). */
  readonly text: string;
  readonly number: number;
  /** The number as written, keeping a leading zero (`01`). */
  readonly numberText: string;
  /** The year inside the symbol (legal documents only). */
  readonly year: number | null;
  readonly typeCode: TypeCode | null;
  /** Abbreviation of the issuing body or title: `UBND`, `HĐND`, `TU`, `TTg`. */
  readonly issuer: string;
  /** Drafting unit (official letters), or a further part after the issuer. */
  readonly unit: string | null;
  readonly form: DocumentForm;
}

type DocumentReferenceProblem =
  | 'not_text'
  | 'empty'
  | 'contains_space'
  | 'missing_slash'
  | 'too_many_slashes'
  | 'missing_number'
  | 'invalid_number'
  | 'number_not_positive'
  | 'leading_zero'
  | 'number_too_large'
  | 'missing_year'
  | 'invalid_year'
  | 'year_out_of_range'
  | 'missing_symbol'
  | 'bad_character'
  | 'leading_hyphen'
  | 'trailing_hyphen'
  | 'empty_symbol_part'
  | 'symbol_part_without_letter'
  | 'missing_type_code'
  | 'unknown_type_code'
  | 'missing_issuer'
  | 'missing_unit'
  | 'legal_without_type'
  | 'legal_type_without_year';

const MIN_SYMBOL_YEAR = 1945;
const MAX_SYMBOL_YEAR = 2100;
// Provincial offices reach five digits a year; seven leaves room without accepting nonsense.
const MAX_NUMBER_DIGITS = 7;

const BY_UPPER = new Map<string, TypeCode>(
  [...ADMINISTRATIVE_TYPE_CODES, ...LEGAL_ONLY_TYPE_CODES].map((code) => [
    code.toUpperCase(),
    code,
  ]),
);
const isAdministrative = (code: TypeCode): code is AdministrativeTypeCode =>
  (ADMINISTRATIVE_TYPE_CODES as readonly string[]).includes(code);

const EXAMPLES = '24/CTr-UBND, 56/2016/QĐ-UBND, 2926/UBND-TH, 05-NQ/TU';

function invalid(
  value: unknown,
  reason: DocumentReferenceProblem,
  en: string,
  vi: string,
  extra: Record<string, unknown> = {},
): DomainError {
  return new DomainError(
    'invalid_input',
    'invalid_document_reference',
    `Invalid document number and symbol "${String(value)}": ${en}. Enter it as printed, e.g. ${EXAMPLES}.`,
    `Số, ký hiệu văn bản "${String(value)}" không hợp lệ: ${vi}. Nhập đúng như trên văn bản, ví dụ ${EXAMPLES}.`,
    { value, reason, ...extra },
  );
}

/**
 * Input arrives typed, pasted from Word or from OCR: decomposed Đ, en dashes, the look-alike
 * Ð (U+00D0, left by old Vietnamese encodings) and subscript digits (`TH₁`) mean the same symbol.
 * Unicode has no canonical decomposition of Đ, so NFC alone does not join D + combining stroke.
 */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/D[\u0335\u0336]/g, 'Đ')
    .replace(/d[\u0335\u0336]/g, 'đ')
    .replace(/[\u2080-\u2089]/g, (d) => String(d.charCodeAt(0) - 0x2080))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u00D0/g, 'Đ')
    .replace(/\u00F0/g, 'đ')
    .trim();
}

const lookupType = (text: string): TypeCode | undefined => BY_UPPER.get(text.toUpperCase());
const canonicalIssuer = (text: string): string => {
  const upper = text.toUpperCase();
  return upper === 'TTG' ? 'TTg' : upper;
};

export function parseDocumentReference(value: unknown): DocumentReference | DomainError {
  if (typeof value !== 'string') {
    return invalid(value, 'not_text', 'not a text', 'không phải chuỗi ký tự');
  }
  const text = normalise(value);
  if (text === '') return invalid(value, 'empty', 'it is empty', 'chưa nhập số, ký hiệu');
  if (/\s/.test(text)) {
    return invalid(value, 'contains_space', 'it contains spaces', 'có dấu cách ở giữa');
  }
  const slashParts = text.split('/');
  if (slashParts.length === 1) {
    return invalid(
      value,
      'missing_slash',
      'no "/" between the number and the symbol',
      'thiếu dấu "/" giữa số và ký hiệu',
    );
  }
  if (slashParts.length > 3) {
    return invalid(value, 'too_many_slashes', 'too many "/"', 'có quá nhiều dấu "/"');
  }
  const [head, ...rest] = slashParts;
  const symbolText = rest[rest.length - 1];
  if (head === '') return invalid(value, 'missing_number', 'no number', 'thiếu số văn bản');
  if (symbolText === '') {
    return invalid(value, 'missing_symbol', 'no symbol after "/"', 'thiếu ký hiệu sau dấu "/"');
  }

  const party = /^(\d+)-(.*)$/.exec(head);
  const numberText = party ? party[1] : head;
  const number = checkNumber(value, numberText);
  if (number instanceof DomainError) return number;

  const parts = splitSymbol(value, symbolText);
  if (parts instanceof DomainError) return parts;

  if (party) {
    if (slashParts.length === 3) {
      return invalid(
        value,
        'too_many_slashes',
        'a Party document has one "/" (e.g. 05-NQ/TU)',
        'văn bản của Đảng chỉ có một dấu "/" (ví dụ 05-NQ/TU)',
      );
    }
    const typeText = party[2];
    if (typeText === '') {
      return invalid(
        value,
        'missing_type_code',
        'no type code after the number',
        'thiếu chữ viết tắt tên loại văn bản sau số',
      );
    }
    const typeCode = lookupType(typeText);
    if (!typeCode || !isAdministrative(typeCode)) return unknownType(value, typeText);
    return build(numberText, number, null, typeCode, parts, 'party');
  }

  if (slashParts.length === 3) {
    const year = checkYear(value, rest[0]);
    if (year instanceof DomainError) return year;
    const typeCode = lookupType(parts[0]);
    if (!typeCode) {
      return invalid(
        value,
        'legal_without_type',
        `a legal document's symbol starts with its type code, not "${parts[0]}"`,
        `ký hiệu văn bản quy phạm pháp luật phải bắt đầu bằng tên loại văn bản, không phải "${parts[0]}"`,
        { part: parts[0] },
      );
    }
    if (parts.length < 2) return missingIssuer(value);
    return build(numberText, number, year, typeCode, parts.slice(1), 'legal');
  }

  const typeCode = lookupType(parts[0]);
  if (typeCode && !isAdministrative(typeCode)) {
    return invalid(
      value,
      'legal_type_without_year',
      `a ${typeCode} carries its year in the symbol (e.g. 30/2020/NĐ-CP)`,
      `văn bản loại ${typeCode} phải có năm trong ký hiệu (ví dụ 30/2020/NĐ-CP)`,
      { typeCode },
    );
  }
  if (typeCode) {
    if (parts.length < 2) return missingIssuer(value);
    return build(numberText, number, null, typeCode, parts.slice(1), 'administrative');
  }
  if (parts.length < 2) {
    return invalid(
      value,
      'missing_unit',
      `"${parts[0]}" is not a known type code, and an official letter names its drafting unit (e.g. 2926/UBND-TH)`,
      `"${parts[0]}" không phải tên loại văn bản, còn công văn phải có đơn vị soạn thảo (ví dụ 2926/UBND-TH)`,
      { part: parts[0] },
    );
  }
  return build(numberText, number, null, null, parts, 'official_letter');
}

function build(
  numberText: string,
  number: number,
  year: number | null,
  typeCode: TypeCode | null,
  issuerAndUnit: readonly string[],
  form: DocumentForm,
): DocumentReference {
  const issuer = canonicalIssuer(issuerAndUnit[0]);
  const unit = issuerAndUnit.length > 1 ? issuerAndUnit.slice(1).join('-').toUpperCase() : null;
  const reference = { number, numberText, year, typeCode, issuer, unit, form };
  return { text: formatDocumentReference(reference), ...reference };
}

/** The canonical text of a reference's parts. */
function formatDocumentReference(ref: Omit<DocumentReference, 'text'>): string {
  const who = ref.unit === null ? ref.issuer : `${ref.issuer}-${ref.unit}`;
  switch (ref.form) {
    case 'party':
      return `${ref.numberText}-${ref.typeCode}/${who}`;
    case 'legal':
      return `${ref.numberText}/${ref.year}/${ref.typeCode}-${who}`;
    case 'administrative':
      return `${ref.numberText}/${ref.typeCode}-${who}`;
    case 'official_letter':
      return `${ref.numberText}/${who}`;
  }
}

/** The symbol without number and year: `CTr-UBND`, `QĐ-UBND` (of 56/2016/QĐ-UBND), `NQ/TU`. */
export function symbolOf(ref: DocumentReference): string {
  const who = ref.unit === null ? ref.issuer : `${ref.issuer}-${ref.unit}`;
  if (ref.form === 'party') return `${ref.typeCode}/${who}`;
  return ref.typeCode === null ? who : `${ref.typeCode}-${who}`;
}

/**
 * The uniqueness key (issuer, year, number, symbol). Administrative numbers restart every
 * year, so the year is the symbol's own for legal documents and the year of issue otherwise.
 */
export function documentKey(ref: DocumentReference, issuedOn: CalendarDate | string): string {
  const year = ref.year ?? Number(issuedOn.slice(0, 4));
  return `${ref.issuer}|${year}|${ref.number}|${symbolOf(ref)}`;
}

function checkNumber(value: unknown, numberText: string): number | DomainError {
  if (!/^\d+$/.test(numberText)) {
    return invalid(
      value,
      'invalid_number',
      `the number "${numberText}" is not a positive whole number`,
      `số "${numberText}" không phải số nguyên dương`,
      { number: numberText },
    );
  }
  const number = Number(numberText);
  if (number === 0) {
    return invalid(value, 'number_not_positive', 'the number is zero', 'số văn bản bằng 0');
  }
  // Only numbers under 10 carry a leading zero, and only one (`01`, never `001` or `012`).
  if (numberText.startsWith('0') && numberText.length !== 2) {
    return invalid(
      value,
      'leading_zero',
      `only numbers under 10 may carry one leading zero (e.g. 01), not "${numberText}"`,
      `chỉ số nhỏ hơn 10 mới được ghi thêm một số 0 ở đầu (ví dụ 01), không ghi "${numberText}"`,
      { number: numberText },
    );
  }
  if (numberText.length > MAX_NUMBER_DIGITS) {
    return invalid(
      value,
      'number_too_large',
      `the number has more than ${MAX_NUMBER_DIGITS} digits`,
      `số văn bản dài quá ${MAX_NUMBER_DIGITS} chữ số`,
      { number: numberText },
    );
  }
  return number;
}

function checkYear(value: unknown, yearText: string): number | DomainError {
  if (yearText === '') {
    return invalid(
      value,
      'missing_year',
      'nothing between the two "/"',
      'thiếu năm giữa hai dấu "/"',
    );
  }
  if (!/^\d{4}$/.test(yearText)) {
    return invalid(
      value,
      'invalid_year',
      `the year "${yearText}" is not four digits`,
      `năm "${yearText}" phải có đủ bốn chữ số`,
      { year: yearText },
    );
  }
  const year = Number(yearText);
  if (year < MIN_SYMBOL_YEAR || year > MAX_SYMBOL_YEAR) {
    return invalid(
      value,
      'year_out_of_range',
      `the year ${year} is outside ${MIN_SYMBOL_YEAR}–${MAX_SYMBOL_YEAR}`,
      `năm ${year} nằm ngoài khoảng ${MIN_SYMBOL_YEAR}–${MAX_SYMBOL_YEAR}`,
      { year },
    );
  }
  return year;
}

/** Splits the symbol at `-` and checks every part: letters, digits and `&` (CNTT&BCVT). */
function splitSymbol(value: unknown, symbol: string): string[] | DomainError {
  for (const char of symbol) {
    if (!/[A-Za-z0-9Đđ&-]/.test(char)) {
      return invalid(
        value,
        'bad_character',
        `the character "${char}" is not allowed in a symbol`,
        `ký hiệu không được chứa ký tự "${char}"`,
        { character: char },
      );
    }
  }
  if (symbol.startsWith('-')) {
    return invalid(
      value,
      'leading_hyphen',
      'the symbol starts with "-"',
      'ký hiệu bắt đầu bằng dấu "-"',
    );
  }
  if (symbol.endsWith('-')) {
    return invalid(
      value,
      'trailing_hyphen',
      'the symbol ends with "-"',
      'ký hiệu kết thúc bằng dấu "-"',
    );
  }
  const parts = symbol.split('-');
  if (parts.includes('')) {
    return invalid(
      value,
      'empty_symbol_part',
      'two "-" in a row leave an empty part',
      'có hai dấu "-" liền nhau',
    );
  }
  const digitsOnly = parts.find((part) => !/[A-Za-zĐđ]/.test(part));
  if (digitsOnly !== undefined) {
    return invalid(
      value,
      'symbol_part_without_letter',
      `the symbol part "${digitsOnly}" has no letter (is the year misplaced?)`,
      `phần ký hiệu "${digitsOnly}" không có chữ cái (có ghi nhầm vị trí năm không?)`,
      { part: digitsOnly },
    );
  }
  return parts;
}

const unknownType = (value: unknown, typeText: string) =>
  invalid(
    value,
    'unknown_type_code',
    `"${typeText}" is not a document type code (${ADMINISTRATIVE_TYPE_CODES.join(', ')})`,
    `"${typeText}" không phải chữ viết tắt tên loại văn bản (${ADMINISTRATIVE_TYPE_CODES.join(', ')})`,
    { typeCode: typeText },
  );

const missingIssuer = (value: unknown) =>
  invalid(
    value,
    'missing_issuer',
    'no issuing body after the type code (e.g. CTr-UBND)',
    'thiếu chữ viết tắt tên cơ quan ban hành sau tên loại văn bản (ví dụ CTr-UBND)',
  );

/** Parses a reference known to be valid (tests, seed data); throws otherwise. */
export function documentReference(value: string): DocumentReference {
  const parsed = parseDocumentReference(value);
  if (parsed instanceof DomainError) throw new Error(parsed.message);
  return parsed;
}

// ── Kinds of directive ─────────────────────────────────────────────────────────────────────

// prettier-ignore
export const DIRECTIVE_KINDS = [
  'resolution', 'decision', 'directive', 'regulation', 'notice', 'guidance', 'programme', 'plan',
  'scheme', 'project', 'report', 'minutes', 'submission', 'dispatch', 'invitation',
  'official_letter', 'decree', 'circular',
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

const KIND_OF_TYPE: Record<TypeCode, DirectiveKind> = {
  NQ: 'resolution',
  QĐ: 'decision',
  CT: 'directive',
  QC: 'regulation',
  QyĐ: 'regulation',
  TB: 'notice',
  HD: 'guidance',
  CTr: 'programme',
  KH: 'plan',
  // Phương án and đề án both set out a scheme to be carried out; dự án is a project.
  PA: 'scheme',
  ĐA: 'scheme',
  DA: 'project',
  BC: 'report',
  BB: 'minutes',
  TTr: 'submission',
  CĐ: 'dispatch',
  GM: 'invitation',
  NĐ: 'decree',
  TT: 'circular',
};

/** The kind of directive a type code names; no type code means an official letter (công văn). */
export const directiveKindOf = (typeCode: TypeCode | null): DirectiveKind =>
  typeCode === null ? 'official_letter' : KIND_OF_TYPE[typeCode];

export const DIRECTIVE_KIND_NAMES_VI: Record<DirectiveKind, string> = {
  resolution: 'Nghị quyết',
  decision: 'Quyết định',
  directive: 'Chỉ thị',
  regulation: 'Quy chế, quy định',
  notice: 'Thông báo',
  guidance: 'Hướng dẫn',
  programme: 'Chương trình',
  plan: 'Kế hoạch',
  scheme: 'Đề án, phương án',
  project: 'Dự án',
  report: 'Báo cáo',
  minutes: 'Biên bản',
  submission: 'Tờ trình',
  dispatch: 'Công điện',
  invitation: 'Giấy mời',
  official_letter: 'Công văn',
  decree: 'Nghị định',
  circular: 'Thông tư',
};

/** The exact Vietnamese name of each type code, where a kind groups two (QC, QyĐ; PA, ĐA). */
export const TYPE_CODE_NAMES_VI: Record<TypeCode, string> = {
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  QC: 'Quy chế',
  QyĐ: 'Quy định',
  TB: 'Thông báo',
  HD: 'Hướng dẫn',
  CTr: 'Chương trình',
  KH: 'Kế hoạch',
  PA: 'Phương án',
  ĐA: 'Đề án',
  DA: 'Dự án',
  BC: 'Báo cáo',
  BB: 'Biên bản',
  TTr: 'Tờ trình',
  CĐ: 'Công điện',
  GM: 'Giấy mời',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
};
