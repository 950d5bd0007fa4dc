/**
 * E-mail through an SMTP server (the province's mail server) with nodemailer. Each send opens
 * its own connection, so a server that went away and came back needs nothing from us.
 */
import type {
  NodemailerError,
  SMTPSentMessageInfo,
  SMTPTransportOptions,
  Transporter,
} from 'nodemailer';
import { DeliveryError, type MailSender, type OutgoingEmail } from '../reminder.types';

export interface SmtpMailSenderConfig {
  /**
   * `smtp://host[:port]` (plain, upgraded with STARTTLS when the server offers it; port 587 by
   * default) or `smtps://host[:port]` (TLS from the first byte; port 465 by default). A login
   * may be given in the URL (`smtp://user:password@host`, percent-encoded) or below.
   */
  readonly url: string;
  /** Login, overriding the URL's. */
  readonly user?: string;
  readonly password?: string;
  /** Who the mail is from, e.g. { name: 'Văn phòng UBND tỉnh', address: 'nhacviec@…' }. */
  readonly from: { readonly name: string; readonly address: string };
  /** Milliseconds allowed to connect, for the greeting and for each reply; default 30 000. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** An addr-spec without brackets, as Message-ID's id-left "@" id-right (RFC 5322). */
const MESSAGE_ID = /^[^\s<>@]+@[^\s<>@]+$/;

export class SmtpMailSender implements MailSender {
  private readonly options: SMTPTransportOptions;
  private transport: Transporter<SMTPSentMessageInfo> | null = null;
  private readonly from: { name: string; address: string };

  constructor(config: SmtpMailSenderConfig) {
    // Checked now, so a bad configuration stops the start; nodemailer is loaded at the first
    // mail (it adds ~0,1 s to a start that sends none).
    this.options = transportOptions(config);
    this.from = { name: config.from.name, address: config.from.address };
  }

  private async transporter(): Promise<Transporter<SMTPSentMessageInfo>> {
    if (this.transport === null) {
      const { createTransport } = await import('nodemailer');
      this.transport ??= createTransport(this.options);
    }
    return this.transport;
  }

  /**
   * Hands the message to the server. The Message-ID is the one given: sending the same
   * message twice (a resend after a crash) delivers two copies with the same Message-ID, which
   * mail clients show as one. SMTP cannot do better: the server's "250 queued" reply can be lost
   * after it took the message.
   */
  async send(mail: OutgoingEmail): Promise<void> {
    if (!MESSAGE_ID.test(mail.messageId)) {
      throw new DeliveryError(`Mã thư (Message-ID) không hợp lệ: "${mail.messageId}"`, false);
    }
    if (mail.to.length === 0) throw new DeliveryError('Thư không có người nhận', false);
    let info: SMTPSentMessageInfo;
    try {
      const transport = await this.transporter();
      info = await transport.sendMail({
        from: this.from,
        to: mail.to.map((person) => ({ name: person.name, address: person.address })),
        subject: mail.subject,
        messageId: `<${mail.messageId}>`,
        text: mail.text,
        html: mail.html,
        // Automatic mail (RFC 3834): out-of-office replies are not sent back to it.
        headers: { 'Auto-Submitted': 'auto-generated' },
        xMailer: false,
        // Bodies are text, never paths or URLs for nodemailer to read.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (error) {
      throw deliveryError(error);
    }
    // Some recipients refused, others took it: trying again would send the others a second
    // copy, so this is a failure not to retry, which names who did not get it.
    if (info.rejected.length > 0) {
      const refusals = (info.rejectedErrors ?? []).map((error) => error.response).filter(Boolean);
      throw new DeliveryError(
        `Máy chủ thư không nhận thư cho ${info.rejected.join(', ')}` +
          (refusals.length > 0 ? ` (${refusals.join('; ')})` : '') +
          `; đã nhận cho ${info.accepted.join(', ')}`,
        false,
      );
    }
  }

  close(): Promise<void> {
    this.transport?.close();
    return Promise.resolve();
  }
}

function transportOptions(config: SmtpMailSenderConfig): SMTPTransportOptions {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    // Not quoted: a login may be in it.
    throw new Error('The SMTP URL is not a URL: use smtp://host:port or smtps://host:port');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP URL "${redact(url)}": use smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (url.hostname === '') throw new Error(`SMTP URL "${redact(url)}" names no host`);
  const secure = url.protocol === 'smtps:';
  const user = config.user ?? decoded(url.username, 'login');
  const password = config.password ?? decoded(url.password, 'password');
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new Error(`SMTP timeout ${timeout}: a whole number of milliseconds above 0`);
  }
  return {
    // An IPv6 literal comes bracketed in a URL; sockets want it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    auth: user === '' ? undefined : { user, pass: password },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
}

const redact = (url: URL): string =>
  url.password === '' ? url.href : url.href.replace(`:${url.password}@`, ':***@');

/**
 * Whether to try again later. What would be refused again is not retried: a permanent (5xx)
 * refusal of the recipients or of the message, a message too large, an address that cannot be
 * put in an envelope. Everything else is about the server or the way to it (refused, timed out,
 * 4xx, login or TLS failing, the sender address refused): the message waits until that is
 * fixed, nothing lost.
 */
function retryable(failure: NodemailerError): boolean {
  if (failure.permanent === true && (failure.command === 'RCPT TO' || failure.command === 'DATA')) {
    return false;
  }
  if (failure.responseCode === 552) return false;
  if (failure.code === 'EMESSAGE' && failure.responseCode === undefined) return false;
  if (failure.code === 'EENVELOPE' && failure.command === 'API') return false;
  return true;
}

function deliveryError(error: unknown): DeliveryError {
  const failure = error as NodemailerError;
  const again = retryable(failure);
  if (failure.responseCode !== undefined) {
    const refused = failure.rejected?.length ? ` (${failure.rejected.join(', ')})` : '';
    return new DeliveryError(
      `Máy chủ thư không nhận thư${refused}: ${failure.response ?? failure.responseCode}`,
      again,
    );
  }
  const cause = failure.originalCode ?? failure.code;
  return new DeliveryError(
    `Không gửi được thư${cause ? ` (${cause})` : ''}: ${failure.message ?? String(error)}`,
    again,
  );
}

/** A URL's login or password as typed; a stray % is refused by name, never quoted. */
function decoded(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`The SMTP URL's ${what} is not percent-encoded: write % as %25`);
  }
}
