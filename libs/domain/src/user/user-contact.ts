import { DomainError, isDomainError } from '../shared/domain-error';
import { isRecord } from '../shared/command';
import { parseContactChannels, type ContactChannel } from './contact-channels';
import { parseEmailAddress, type EmailAddress } from './email-address';
import { parsePhoneNumber, phoneNumberKind, type PhoneNumber } from './phone-number';

/** How a person is reached for reminders; part of the user's state. */
export interface UserContact {
  readonly email: string | null;
  /** Stored as +84…, see phone-number.ts. */
  readonly phone: string | null;
  /** What the person chose; `in_app` is always among them. */
  readonly channels: readonly ContactChannel[];
}

/** A change of contact as parsed: a field left out keeps what is there, null removes it. */
export interface ContactChange {
  readonly email?: EmailAddress | null;
  readonly phone?: PhoneNumber | null;
  readonly channels?: readonly ContactChannel[];
}

/**
 * An address as typed: null or a blank text removes it (a form sends its empty box), anything
 * else must parse, and its refusal names the field and the slip in Vietnamese.
 */
export function parseOptionalAddress<T>(
  value: unknown,
  parse: (value: unknown) => T | DomainError,
): T | null | DomainError {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return parse(value);
}

/** The fields of a ChangeUserContact as they arrive; at least the ones given must be valid. */
export function parseContactChange(data: unknown): ContactChange | DomainError {
  const d = isRecord(data) ? data : {};
  let change: ContactChange = {};
  if (d.email !== undefined) {
    const email = parseOptionalAddress(d.email, (v) => parseEmailAddress(v));
    if (isDomainError(email)) return email;
    change = { ...change, email };
  }
  if (d.phone !== undefined) {
    const phone = parseOptionalAddress(d.phone, (v) => parsePhoneNumber(v));
    if (isDomainError(phone)) return phone;
    change = { ...change, phone };
  }
  if (d.channels !== undefined) {
    const channels = parseContactChannels(d.channels);
    if (isDomainError(channels)) return channels;
    change = { ...change, channels };
  }
  return change;
}

/**
 * The contact after `change`, or why it cannot be: a channel needs its address, and SMS a mobile
 * number. A channel is checked whenever the change names it or its address (chosen now, or its
 * address removed now); a default never chosen, e-mail for someone without an address, is left
 * as it is, and senders skip a channel without its address.
 */
export function contactAfter(
  current: UserContact,
  change: ContactChange,
): UserContact | DomainError {
  const next: UserContact = {
    email: change.email === undefined ? current.email : change.email,
    phone: change.phone === undefined ? current.phone : change.phone,
    channels: change.channels ?? current.channels,
  };
  const named = (address: 'email' | 'phone') =>
    change.channels !== undefined || change[address] !== undefined;
  if (next.channels.includes('email') && next.email === null && named('email')) {
    return contactErrors.emailWithoutAddress();
  }
  if (next.channels.includes('sms') && named('phone')) {
    if (next.phone === null) return contactErrors.smsWithoutPhone();
    if (phoneNumberKind(next.phone as PhoneNumber) === 'landline') {
      return contactErrors.smsToLandline(next.phone);
    }
  }
  return next;
}

export const sameContact = (a: UserContact, b: UserContact): boolean =>
  a.email === b.email &&
  a.phone === b.phone &&
  a.channels.length === b.channels.length &&
  a.channels.every((channel) => b.channels.includes(channel));

/** A stored number as people write it: +84912345678 → 0912345678. */
const national = (phone: string) => (phone.startsWith('+84') ? `0${phone.slice(3)}` : phone);

export const contactErrors = {
  emailWithoutAddress: () =>
    new DomainError(
      'invalid_input',
      'contact_channel_without_address',
      'Reminders by e-mail need an e-mail address: enter one, or untick e-mail.',
      'Muốn nhận nhắc việc qua thư điện tử thì cần nhập địa chỉ thư điện tử; nếu không, hãy bỏ chọn Thư điện tử.',
      { field: 'email', channel: 'email' },
    ),
  smsWithoutPhone: () =>
    new DomainError(
      'invalid_input',
      'contact_channel_without_address',
      'Reminders by SMS need a mobile phone number: enter one, or untick SMS.',
      'Muốn nhận nhắc việc qua tin nhắn SMS thì cần nhập số điện thoại di động; nếu không, hãy bỏ chọn Tin nhắn SMS.',
      { field: 'phone', channel: 'sms' },
    ),
  smsToLandline: (phone: string) =>
    new DomainError(
      'invalid_input',
      'sms_needs_mobile_number',
      `${national(phone)} is a landline number and cannot receive SMS: enter a mobile number, or untick SMS.`,
      `Số ${national(phone)} là số điện thoại cố định, không nhận được tin nhắn SMS; hãy nhập số di động hoặc bỏ chọn Tin nhắn SMS.`,
      { field: 'phone', channel: 'sms' },
    ),
};
