import {
  readReminderSettings,
  type HttpGatewaySettings,
  type ReminderSettings,
  type SmtpMailSenderConfig,
} from '@chidao/reminders';

/** How reminders reach people here: the rules' numbers, the mail server, the SMS gateway. */
export interface RemindersConfig {
  readonly settings: ReminderSettings;
  /** null: no mail server; e-mail messages wait queued until one is set. */
  readonly mail: SmtpMailSenderConfig | null;
  /** null: no SMS gateway; SMS messages wait queued. */
  readonly sms: HttpGatewaySettings | null;
  /** Where links in e-mail point (the web app's address as people open it). */
  readonly publicUrl: string;
  /** The right-hand side of Message-IDs. */
  readonly mailDomain: string;
  /**
   * When the daily run goes (HH:MM, Vietnam) on working days; null: no daily run here (set
   * CHIDAO_REMINDER_AT in the one process that should run it).
   */
  readonly at: string | null;
}

const DEFAULT_SMS_TEMPLATE = '{"to": {{to}}, "text": {{text}}, "id": {{messageId}}}';

/**
 * CHIDAO_SMTP_URL (smtp:// or smtps://, a login may be in it), CHIDAO_MAIL_FROM
 * ("Name <address>"), CHIDAO_PUBLIC_URL, CHIDAO_SMS_GATEWAY_URL, CHIDAO_SMS_GATEWAY_AUTH
 * ("Header-Name: value", a secret), CHIDAO_SMS_GATEWAY_TEMPLATE, CHIDAO_REMINDER_AT (the daily
 * run's hour, off by default), and the CHIDAO_REMINDER_*
 * numbers (docs/reminders.md).
 */
export function readRemindersConfig(
  env: NodeJS.ProcessEnv,
  port: number,
): { config: RemindersConfig; problems: string[] } {
  const { settings, problems } = readReminderSettings(env);
  const publicUrl = (env.CHIDAO_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    problems.push(`CHIDAO_PUBLIC_URL="${publicUrl}" must be an http(s) address`);
  }
  const from = parseFrom(env.CHIDAO_MAIL_FROM || 'Chidao <no-reply@chidao.local>');
  if (from === null) problems.push('CHIDAO_MAIL_FROM must read "Name <address@domain>"');
  const mail =
    env.CHIDAO_SMTP_URL && from ? { url: env.CHIDAO_SMTP_URL, from, timeoutMs: 30_000 } : null;
  if (mail && !validSmtpUrl(mail.url)) {
    // Never quoted: the URL may hold a password.
    problems.push(
      'CHIDAO_SMTP_URL must be smtp://host[:port] or smtps://host[:port] (a login percent-encoded)',
    );
  }
  let sms: HttpGatewaySettings | null = null;
  if (env.CHIDAO_SMS_GATEWAY_URL) {
    const auth = env.CHIDAO_SMS_GATEWAY_AUTH ? parseHeader(env.CHIDAO_SMS_GATEWAY_AUTH) : null;
    // The value is a secret: the message names the variable, never what it holds.
    if (env.CHIDAO_SMS_GATEWAY_AUTH && auth === null) {
      problems.push('CHIDAO_SMS_GATEWAY_AUTH must read "Header-Name: value"');
    }
    sms = {
      url: env.CHIDAO_SMS_GATEWAY_URL,
      authHeader: auth,
      bodyTemplate: env.CHIDAO_SMS_GATEWAY_TEMPLATE || DEFAULT_SMS_TEMPLATE,
    };
  }
  const atText = env.CHIDAO_REMINDER_AT?.trim() || 'off';
  const at = atText === 'off' ? null : atText;
  if (at !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
    problems.push(`CHIDAO_REMINDER_AT="${at}" must be HH:MM (or off)`);
  }
  return {
    config: {
      at,
      settings,
      mail,
      sms,
      publicUrl,
      mailDomain: from?.address.split('@')[1] ?? 'chidao.local',
    },
    problems,
  };
}

function parseFrom(text: string): { name: string; address: string } | null {
  const match = /^\s*(.*?)\s*<([^<>\s@]+@[^<>\s@]+)>\s*$/.exec(text);
  return match ? { name: match[1], address: match[2] } : null;
}

function parseHeader(text: string): { name: string; value: string } | null {
  const at = text.indexOf(':');
  const name = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  return at > 0 && /^[A-Za-z0-9-]+$/.test(name) && value ? { name, value } : null;
}

function validSmtpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}
