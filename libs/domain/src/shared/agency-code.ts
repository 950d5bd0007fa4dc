import { DomainError } from './domain-error';

/**
 * The code of an agency in the register (`STTTT`, `SO-TTTT`, `UBND-HUONG-SON`, `VP.UBND`):
 * upper-case ASCII letters and digits, with single `-`, `_` or `.` separators inside.
 * ASCII only, because the code names event streams (`agency-<CODE>`) and appears in URLs.
 */
type AgencyCode = string & { readonly __agencyCode: unique symbol };

const AGENCY_CODE_MIN_LENGTH = 2;
const AGENCY_CODE_MAX_LENGTH = 32;

type AgencyCodeProblem =
  | 'not_text'
  | 'empty'
  | 'too_short'
  | 'too_long'
  | 'bad_character'
  | 'separator_at_edge'
  | 'double_separator';

const SEPARATORS = '-_.';
const ALLOWED = /^[A-Z0-9]$/;

const HINT_EN = 'use upper-case letters A–Z and digits, joined by single "-", "_" or "."';
const HINT_VI = 'chỉ dùng chữ in hoa không dấu A–Z và chữ số, nối bằng một dấu "-", "_" hoặc "."';

function invalid(
  value: unknown,
  reason: AgencyCodeProblem,
  en: string,
  vi: string,
  extra: Record<string, unknown> = {},
): DomainError {
  return new DomainError(
    'invalid_input',
    'invalid_agency_code',
    `Invalid agency code "${String(value)}": ${en}; ${HINT_EN} (e.g. SO-TTTT).`,
    `Mã cơ quan, đơn vị "${String(value)}" không hợp lệ: ${vi}; ${HINT_VI} (ví dụ SO-TTTT).`,
    { value, reason, ...extra },
  );
}

export function parseAgencyCode(value: unknown): AgencyCode | DomainError {
  if (typeof value !== 'string') {
    return invalid(value, 'not_text', 'not a text', 'không phải chuỗi ký tự');
  }
  const code = value.trim().toUpperCase();
  if (code === '') return invalid(value, 'empty', 'it is empty', 'chưa nhập mã');
  // Characters first: "the character Đ is not allowed" helps more than "too long".
  for (const char of code) {
    if (!ALLOWED.test(char) && !SEPARATORS.includes(char)) {
      const shown = /\s/.test(char) ? 'space' : char;
      return invalid(
        value,
        'bad_character',
        `the character "${shown}" is not allowed`,
        `không được dùng ký tự "${shown === 'space' ? 'dấu cách' : shown}"`,
        { character: char },
      );
    }
  }
  if (SEPARATORS.includes(code[0]) || SEPARATORS.includes(code[code.length - 1])) {
    return invalid(
      value,
      'separator_at_edge',
      'it starts or ends with a separator',
      'mã không được bắt đầu hoặc kết thúc bằng dấu nối',
    );
  }
  if (/[-_.]{2}/.test(code)) {
    return invalid(
      value,
      'double_separator',
      'two separators in a row',
      'có hai dấu nối liền nhau',
    );
  }
  if (code.length < AGENCY_CODE_MIN_LENGTH) {
    return invalid(
      value,
      'too_short',
      `shorter than ${AGENCY_CODE_MIN_LENGTH} characters`,
      `ngắn hơn ${AGENCY_CODE_MIN_LENGTH} ký tự`,
    );
  }
  if (code.length > AGENCY_CODE_MAX_LENGTH) {
    return invalid(
      value,
      'too_long',
      `longer than ${AGENCY_CODE_MAX_LENGTH} characters`,
      `dài quá ${AGENCY_CODE_MAX_LENGTH} ký tự`,
      { length: code.length },
    );
  }
  return code as AgencyCode;
}

export const isAgencyCode = (value: unknown): value is AgencyCode =>
  typeof value === 'string' && parseAgencyCode(value) === value;

/** Builds a code known to be valid (tests, seed data); throws otherwise. */
export function agencyCode(value: string): AgencyCode {
  const parsed = parseAgencyCode(value);
  if (parsed instanceof DomainError) throw new Error(parsed.message);
  return parsed;
}
