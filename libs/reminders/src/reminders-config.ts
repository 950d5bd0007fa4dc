import { isDomainError } from '@chidao/domain';
import { parseHolidayList } from '@chidao/reporting';
import type { HttpGatewaySettings } from './channels/http-message-gateway';
import type { SmtpMailSenderConfig } from './channels/smtp-mail-sender';
import { readReminderSettings } from './reminder-config';
import type { ReminderSettings } from './reminder.types';

/**
 * How reminders reach people here: the rules' numbers, the working days, the mail server, the
 * SMS gateway. Read alike by the API and the reporting process (one environment file serves
 * both); the one with CHIDAO_REMINDER_AT set runs the day and sends.
 */
export interface RemindersConfig {
  /** The deployment's defaults (CHIDAO_REMINDER_*); per assigning body they may be overridden. */
  readonly settings: ReminderSettings;
  /** Holidays besides Vietnam's fixed ones (CHIDAO_HOLIDAYS: YYYY-MM-DD or MM-DD, comma-separated). */
  readonly holidays: readonly string[];
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
 * run's hour, off by default), CHIDAO_HOLIDAYS and the CHIDAO_REMINDER_* numbers
 * (docs/reminders.md). Problems come back one line each naming the variable, never quoting a
 * secret, for the caller's ConfigError.
 *
 * `defaultPublicUrl`: the web app's address when CHIDAO_PUBLIC_URL is unset (the API: itself);
 * null where no default is right (the reporting process is not the web app), so a process that
 * sends e-mail must be told where the links go.
 */
export function readRemindersConfig(
  env: NodeJS.ProcessEnv,
  options: { readonly defaultPublicUrl: string | null },
): { config: RemindersConfig; problems: string[] } {
  const { settings, problems } = readReminderSettings(env);
  const holidays = parseHolidayList(env.CHIDAO_HOLIDAYS ?? '');
  if (isDomainError(holidays)) problems.push(`CHIDAO_HOLIDAYS: ${holidays.message}`);
  const atText = env.CHIDAO_REMINDER_AT?.trim() || 'off';
  const at = atText === 'off' ? null : atText;
  if (at !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
    problems.push(`CHIDAO_REMINDER_AT="${at}" must be HH:MM (or off)`);
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
  const publicUrl = (env.CHIDAO_PUBLIC_URL || options.defaultPublicUrl || '').replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    problems.push(`CHIDAO_PUBLIC_URL="${publicUrl}" must be an http(s) address`);
  } else if (!publicUrl && at !== null && mail !== null) {
    problems.push(
      'CHIDAO_PUBLIC_URL is required where reminders are sent by e-mail (CHIDAO_REMINDER_AT and ' +
        "CHIDAO_SMTP_URL set): the web app's address, for the links in the mail",
    );
  }
  return {
    config: {
      at,
      settings,
      holidays: isDomainError(holidays) ? [] : holidays,
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
