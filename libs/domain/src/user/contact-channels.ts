import { DomainError } from '../shared/domain-error';

/** How a person may be reminded: by e-mail, by SMS, and always in the app. */
export const CONTACT_CHANNELS = ['email', 'sms', 'in_app'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * What a user wants before choosing: e-mail (used once they have an address) and the app. Users
 * created before contact details existed replay with it.
 */
export const DEFAULT_CONTACT_CHANNELS: readonly ContactChannel[] = ['email', 'in_app'];

/** The list in the app cannot be switched off: it is where every reminder is kept. */
export const ALWAYS_ON_CHANNEL: ContactChannel = 'in_app';

export const isContactChannel = (value: unknown): value is ContactChannel =>
  typeof value === 'string' && (CONTACT_CHANNELS as readonly string[]).includes(value);

const CHANNEL_WORDS: Readonly<Record<ContactChannel, { en: string; vi: string }>> = {
  email: { en: 'e-mail', vi: 'thư điện tử' },
  sms: { en: 'SMS', vi: 'tin nhắn SMS' },
  in_app: { en: 'in the app', vi: 'trong ứng dụng' },
};

/** A channel as a sentence says it: "thư điện tử", "tin nhắn SMS". */
export const channelWords = (channel: ContactChannel): { en: string; vi: string } =>
  CHANNEL_WORDS[channel];

/**
 * The channels as chosen, in their stored form: known ones only, each once, in the order of
 * CONTACT_CHANNELS, with the app always among them (leaving it out is not refused: the box is
 * shown ticked and cannot be unticked).
 */
export function parseContactChannels(value: unknown): ContactChannel[] | DomainError {
  if (!Array.isArray(value)) {
    return new DomainError(
      'invalid_input',
      'invalid_contact_channels',
      'The reminder channels must be a list.',
      'Kênh nhận nhắc việc phải là một danh sách.',
      { field: 'channels' },
    );
  }
  const items = value as unknown[];
  const at = items.findIndex((item) => !isContactChannel(item));
  if (at >= 0) {
    const unknown = items[at];
    // A text as typed (cut), anything else by what it is: never "[object Object]".
    const shown = typeof unknown === 'string' ? unknown.slice(0, 40) : typeof unknown;
    return new DomainError(
      'invalid_input',
      'invalid_contact_channels',
      `Unknown reminder channel "${shown}"; choose e-mail, SMS or in the app.`,
      `Kênh nhận nhắc việc "${shown}" không hợp lệ; chọn thư điện tử, tin nhắn SMS hoặc trong ứng dụng.`,
      { field: 'channels', channel: unknown },
    );
  }
  const chosen = new Set<ContactChannel>([...(items as ContactChannel[]), ALWAYS_ON_CHANNEL]);
  return CONTACT_CHANNELS.filter((channel) => chosen.has(channel));
}
