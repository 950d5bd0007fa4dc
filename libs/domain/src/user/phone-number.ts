import { DomainError } from '../shared/domain-error';
import type { FieldLabel } from '../shared/text-input';
import { contactFieldError, type ContactFieldRefusal } from './contact-field-error';

/**
 * A Vietnamese phone number in its stored form, E.164: `+84` then the national significant
 * number, 9 digits for a mobile (`+84912345678`), 10 for a landline (`+842438234567`).
 */
export type PhoneNumber = string & { readonly __phoneNumber: unique symbol };

export type PhoneNumberKind = 'mobile' | 'landline';

export type PhoneNumberProblem =
  | 'not_text'
  | 'empty'
  | 'bad_character'
  | 'foreign'
  | 'missing_prefix'
  | 'wrong_length'
  | 'unknown_prefix'
  | 'unknown_area_code'
  | 'old_mobile_number';

export const PHONE_NUMBER_LABEL: FieldLabel = {
  field: 'phone',
  en: 'Phone number',
  vi: 'Số điện thoại',
};

// Mobile prefixes allocated by the Ministry (after the 2018 move from 11 to 10 digits): the two
// digits after the 0. Strict on purpose, to catch typos; a prefix the Ministry allocates later
// is one entry here.
const MOBILE_PREFIXES = new Set([
  ...['32', '33', '34', '35', '36', '37', '38', '39'], // Viettel
  ...['52', '55', '56', '58', '59'], // Vietnamobile, Reddi, Gmobile
  ...['70', '76', '77', '78', '79'], // MobiFone
  ...['81', '82', '83', '84', '85', '86', '87', '88', '89'],
  ...['90', '91', '92', '93', '94', '96', '97', '98', '99'],
]);

// Landline area codes since 2017 (the 0 dropped): Hà Nội 24 and TP. Hồ Chí Minh 28 with 8-digit
// subscriber numbers, every other province three digits with 7; always 10 digits in all.
const AREA_CODES = new Set(
  [
    '24',
    '28',
    ...range(203, 216),
    '218',
    '219',
    '220',
    '221',
    '222',
    ...range(225, 229),
    ...range(232, 239),
    '251',
    '252',
    ...range(254, 263),
    '269',
    ...range(270, 277),
    ...range(290, 294),
    '296',
    '297',
    '299',
  ].map(String),
);

// 11-digit mobile prefixes moved to 10 digits in 2018 (old → new, without the 0).
const OLD_MOBILE_PREFIXES: Record<string, string> = {
  '120': '70',
  '121': '79',
  '122': '77',
  '126': '76',
  '128': '78',
  '123': '83',
  '124': '84',
  '125': '85',
  '127': '81',
  '129': '82',
  '162': '32',
  '163': '33',
  '164': '34',
  '165': '35',
  '166': '36',
  '167': '37',
  '168': '38',
  '169': '39',
  '186': '56',
  '188': '58',
  '199': '59',
};

// What people put between digits: spaces (also no-break), dots, dashes of every width,
// brackets around an area code or a trunk 0, and invisible characters pasted along.
const SEPARATORS = /[\s.\-\u2010-\u2015()\p{Cf}]/gu;

const EXAMPLE_EN = 'type a Vietnamese number, e.g. 0912 345 678 or 024 3823 4567';
const EXAMPLE_VI =
  'hãy nhập số điện thoại Việt Nam, ví dụ 0912 345 678 (di động) hoặc 024 3823 4567 (cố định)';

/**
 * A phone number as people type it (`0912 345 678`, `0912.345.678`, `+84 912 345 678`,
 * `84912345678`, `(024) 3823 4567`, `+84 (0) 912…`, `0084…`) in its stored form, or the
 * refusal naming the field and what is wrong, with a hint. Only Vietnamese mobile and landline
 * numbers are accepted; an 11-digit mobile number from before 2018 is refused with its new form.
 */
export function parsePhoneNumber(
  value: unknown,
  label: FieldLabel = PHONE_NUMBER_LABEL,
): PhoneNumber | DomainError {
  const refuse = (reason: PhoneNumberProblem, en: string, vi: string, extra = {}) =>
    invalid(label, value, reason, en, vi, extra);
  if (typeof value !== 'string') {
    return refuse('not_text', 'it is not a text', 'không phải chuỗi ký tự');
  }
  // Full-width digits and plus (some input methods) become ASCII.
  const compact = value.normalize('NFKC').replace(SEPARATORS, '');
  if (compact === '') {
    return new DomainError(
      'invalid_input',
      'invalid_phone_number',
      `${label.en} is required.`,
      `${label.vi} không được để trống.`,
      { field: label.field, value, reason: 'empty' },
    );
  }
  // Digits only, after one leading plus.
  const bad = /\D/u.exec(compact.replace(/^\+/, ''));
  if (bad) return badCharacter(label, value, bad[0]);

  let national: string;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const international = compact.replace(/^(\+|00)/, '');
    if (!international.startsWith('84')) {
      return refuse(
        'foreign',
        'it is not a Vietnamese number (country code +84)',
        'không phải số Việt Nam (mã quốc gia +84)',
      );
    }
    // "+84 (0) 912…": the trunk 0 written after the country code.
    national = international.slice(2).replace(/^0/, '');
  } else if (compact.startsWith('0')) {
    national = compact.slice(1);
  } else if (compact.startsWith('84') && compact.length >= 11) {
    national = compact.slice(2).replace(/^0/, '');
  } else {
    return refuse('missing_prefix', 'it must start with 0 or +84', 'phải bắt đầu bằng 0 hoặc +84');
  }

  const old = OLD_MOBILE_PREFIXES[national.slice(0, 3)];
  if (national.length === 10 && old !== undefined) {
    const renumbered = `0${old}${national.slice(3)}`;
    return refuse(
      'old_mobile_number',
      `it is an old 11-digit mobile number; since 2018 it is ${renumbered}`,
      `đây là số di động 11 chữ số cũ, từ năm 2018 đã đổi thành ${renumbered}`,
      { renumbered },
    );
  }
  const kind: PhoneNumberKind = national.startsWith('2') ? 'landline' : 'mobile';
  const length = kind === 'mobile' ? 9 : 10;
  if (national.length !== length) {
    const [en, vi] = kind === 'mobile' ? ['a mobile', 'số di động'] : ['a landline', 'số cố định'];
    return refuse(
      'wrong_length',
      `${en} number has ${length + 1} digits with the leading 0, this one ${national.length + 1}`,
      `${vi} có ${length + 1} chữ số kể cả số 0 ở đầu, số đã nhập có ${national.length + 1}`,
      { digits: national.length + 1 },
    );
  }
  if (kind === 'mobile' && !MOBILE_PREFIXES.has(national.slice(0, 2))) {
    const prefix = `0${national.slice(0, 2)}`;
    return refuse(
      'unknown_prefix',
      `${prefix} is not a Vietnamese mobile prefix`,
      `đầu số ${prefix} không phải đầu số di động tại Việt Nam`,
      { prefix },
    );
  }
  if (kind === 'landline' && !AREA_CODES.has(areaCode(national))) {
    const code = `0${areaCode(national)}`;
    return refuse(
      'unknown_area_code',
      `${code} is not a Vietnamese area code`,
      `mã vùng ${code} không có ở Việt Nam`,
      { areaCode: code },
    );
  }
  return `+84${national}` as PhoneNumber;
}

/** Mobile (can receive SMS and Zalo) or landline. */
export function phoneNumberKind(phone: PhoneNumber): PhoneNumberKind {
  return phone.startsWith('+842') ? 'landline' : 'mobile';
}

export const isPhoneNumber = (value: unknown): value is PhoneNumber =>
  typeof value === 'string' && parsePhoneNumber(value) === value;

/** Builds a number known to be valid (tests, seed data); throws otherwise. */
export function phoneNumber(value: string): PhoneNumber {
  const parsed = parsePhoneNumber(value);
  if (parsed instanceof DomainError) throw new Error(parsed.message);
  return parsed;
}

/** Hà Nội and TP. Hồ Chí Minh have two-digit area codes, every other province three. */
const areaCode = (national: string): string =>
  national.startsWith('24') || national.startsWith('28')
    ? national.slice(0, 2)
    : national.slice(0, 3);

function badCharacter(label: FieldLabel, value: string, char: string): DomainError {
  const codePoint = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const control = /\p{Cc}/u.test(char);
  const shownEn = control ? `a control character (${codePoint})` : `"${char}"`;
  const shownVi = control ? `ký tự điều khiển (${codePoint})` : `ký tự "${char}"`;
  // A list of numbers ("0912…, 0987…", "0912… / 0987…"): say that only one goes here.
  const several = ',;/'.includes(char);
  return invalid(
    label,
    value,
    'bad_character',
    several ? `${shownEn} is not a digit; enter only one number` : `${shownEn} is not a digit`,
    several
      ? `có ${shownVi} không phải chữ số; chỉ nhập một số điện thoại`
      : `có ${shownVi} không phải chữ số`,
    { character: char },
  );
}

const REFUSAL: ContactFieldRefusal = {
  code: 'invalid_phone_number',
  example: { en: EXAMPLE_EN, vi: EXAMPLE_VI },
  shownLength: 40,
};

function invalid(
  label: FieldLabel,
  value: unknown,
  reason: PhoneNumberProblem,
  en: string,
  vi: string,
  extra: Record<string, unknown>,
): DomainError {
  return contactFieldError(REFUSAL, label, value, reason, { en, vi }, extra);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
