import { DomainError } from '../shared/domain-error';
import type { FieldLabel } from '../shared/text-input';
import { contactFieldError, type ContactFieldRefusal } from './contact-field-error';

/** An e-mail address in its stored form: trimmed, the domain lower-case. */
export type EmailAddress = string & { readonly __emailAddress: unique symbol };

export type EmailAddressProblem =
  | 'not_text'
  | 'empty'
  | 'too_long'
  | 'control_character'
  | 'space'
  | 'not_ascii'
  | 'no_at'
  | 'several_at'
  | 'empty_local_part'
  | 'local_part_too_long'
  | 'bad_character'
  | 'misplaced_dot'
  | 'empty_domain'
  | 'no_dot_in_domain'
  | 'bad_domain';

export const EMAIL_ADDRESS_LABEL: FieldLabel = {
  field: 'email',
  en: 'E-mail address',
  vi: 'Địa chỉ thư điện tử',
};

/** RFC 5321: a path holds at most 256 octets, the brackets included; a local part 64. */
const MAX_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// The characters of a dot-atom (RFC 5322 atext and the dot); quoted local parts are not taken:
// nobody types them, and many mail servers refuse them.
const LOCAL_CHARACTER = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/;
const DOMAIN_CHARACTER = /[a-z0-9.-]/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// The last label names a top-level domain: letters (vn, com, gov), or an IDN in its xn-- form.
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

const EXAMPLE_EN = 'e.g. nguyenvana@sotttt.gov.vn';
const EXAMPLE_VI = 'ví dụ nguyenvana@sotttt.gov.vn';

/**
 * An e-mail address as typed or pasted, in its stored form, or the refusal naming the field and
 * what is wrong. One address only, ASCII only (an address with Vietnamese letters is a typing
 * slip far more often than a real internationalised mailbox, which few province servers take).
 */
export function parseEmailAddress(
  value: unknown,
  label: FieldLabel = EMAIL_ADDRESS_LABEL,
): EmailAddress | DomainError {
  const refuse = (reason: EmailAddressProblem, en: string, vi: string, extra = {}) =>
    invalid(label, value, reason, en, vi, extra);
  if (typeof value !== 'string') {
    return refuse('not_text', 'it is not a text', 'không phải chuỗi ký tự');
  }
  // Full-width "＠" and letters from some input methods become ASCII; pasted invisible
  // characters at the ends go.
  const address = value.normalize('NFKC').replace(EDGES, '');
  if (address === '') {
    return new DomainError(
      'invalid_input',
      'invalid_email_address',
      `${label.en} is required.`,
      `${label.vi} không được để trống.`,
      { field: label.field, value, reason: 'empty' },
    );
  }
  if (/\s/.test(address)) {
    // "Nguyễn Văn A <a@x.vn>" or "a@x.vn b@y.vn": a name or a second address along.
    return refuse(
      'space',
      'it contains a space; enter only one address, without a name',
      'có dấu cách; chỉ nhập một địa chỉ, không kèm họ tên',
    );
  }
  const control = /[\p{Cc}\p{Cf}]/u.exec(address);
  if (control) {
    const codePoint = `U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return refuse(
      'control_character',
      `it contains an invisible or control character (${codePoint})`,
      `có ký tự ẩn hoặc ký tự điều khiển (${codePoint}); hãy gõ lại địa chỉ`,
      { codePoint },
    );
  }
  const foreign = /[^\x20-\x7E]/u.exec(address);
  if (foreign) {
    return refuse(
      'not_ascii',
      `it contains "${foreign[0]}"; an address has no accented letters`,
      `có ký tự "${foreign[0]}"; địa chỉ thư điện tử không dùng chữ có dấu`,
      { character: foreign[0] },
    );
  }
  const at = address.split('@').length - 1;
  if (at === 0) {
    return refuse('no_at', 'the "@" is missing', 'thiếu ký tự "@"');
  }
  if (at > 1) {
    return refuse(
      'several_at',
      'it has more than one "@"; enter only one address',
      'có nhiều hơn một ký tự "@"; chỉ nhập một địa chỉ',
    );
  }
  if (address.length > MAX_LENGTH) {
    return refuse(
      'too_long',
      `it is longer than ${MAX_LENGTH} characters`,
      `dài quá ${MAX_LENGTH} ký tự`,
      { length: address.length },
    );
  }
  const [local, rawDomain] = address.split('@') as [string, string];
  const domain = rawDomain.toLowerCase();

  if (local === '') {
    return refuse('empty_local_part', 'nothing before the "@"', 'thiếu phần tên trước ký tự "@"');
  }
  if (local.length > MAX_LOCAL_LENGTH) {
    return refuse(
      'local_part_too_long',
      `the part before the "@" is longer than ${MAX_LOCAL_LENGTH} characters`,
      `phần trước ký tự "@" dài quá ${MAX_LOCAL_LENGTH} ký tự`,
    );
  }
  const badLocal = [...local].find((char) => !LOCAL_CHARACTER.test(char));
  if (badLocal !== undefined) return badCharacter(label, value, badLocal);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return refuse(
      'misplaced_dot',
      'the part before the "@" starts or ends with a dot, or has two dots in a row',
      'phần trước ký tự "@" không được bắt đầu, kết thúc bằng dấu chấm hay có hai dấu chấm liền nhau',
    );
  }

  if (domain === '') {
    return refuse('empty_domain', 'nothing after the "@"', 'thiếu tên miền sau ký tự "@"');
  }
  const badDomain = [...domain].find((char) => !DOMAIN_CHARACTER.test(char));
  if (badDomain !== undefined) return badCharacter(label, value, badDomain);
  if (!domain.includes('.')) {
    return refuse(
      'no_dot_in_domain',
      `the domain "${domain}" has no dot (e.g. gmail.com)`,
      `tên miền "${domain}" thiếu dấu chấm (ví dụ gmail.com, sotttt.gov.vn)`,
    );
  }
  const labels = domain.split('.');
  if (!labels.every((part) => DOMAIN_LABEL.test(part)) || !TOP_LEVEL.test(labels.at(-1)!)) {
    return refuse(
      'bad_domain',
      `the domain "${domain}" is not a domain name`,
      `tên miền "${domain}" không đúng dạng`,
    );
  }
  return `${local}@${domain}` as EmailAddress;
}

export const isEmailAddress = (value: unknown): value is EmailAddress =>
  typeof value === 'string' && parseEmailAddress(value) === value;

/** Builds an address known to be valid (tests, seed data); throws otherwise. */
export function emailAddress(value: string): EmailAddress {
  const parsed = parseEmailAddress(value);
  if (parsed instanceof DomainError) throw new Error(parsed.message);
  return parsed;
}

function badCharacter(label: FieldLabel, value: string, char: string): DomainError {
  // A comma or semicolon: a list of addresses, or a comma typed for a dot ("gmail,com").
  const hintEn = ',;'.includes(char) ? '; enter only one address, with dots' : '';
  const hintVi = ',;'.includes(char) ? '; chỉ nhập một địa chỉ, dùng dấu chấm' : '';
  return invalid(
    label,
    value,
    'bad_character',
    `the character "${char}" is not allowed${hintEn}`,
    `không được dùng ký tự "${char}"${hintVi}`,
    { character: char },
  );
}

const REFUSAL: ContactFieldRefusal = {
  code: 'invalid_email_address',
  example: { en: EXAMPLE_EN, vi: EXAMPLE_VI },
  shownLength: 60,
};

function invalid(
  label: FieldLabel,
  value: unknown,
  reason: EmailAddressProblem,
  en: string,
  vi: string,
  extra: Record<string, unknown>,
): DomainError {
  return contactFieldError(REFUSAL, label, value, reason, { en, vi }, extra);
}
