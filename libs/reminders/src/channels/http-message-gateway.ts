/**
 * SMS and Zalo-style messages through a province's HTTP gateway: one POST per message, the body
 * from the deployment's template, retried with back-off inside one send when the gateway is
 * down, slow or busy. The gateway's secret (the auth header's value) is never logged and never
 * put in an error: errors reach the task's history and the logs.
 */
import { setTimeout as realSleep } from 'node:timers/promises';
import { isDomainError, parsePhoneNumber, phoneNumberKind } from '@chidao/domain';
import {
  DeliveryError,
  type OutgoingShortMessage,
  type ShortMessageGateway,
} from '../reminder.types';
import {
  compileMessageTemplate,
  type MessageBodyFormat,
  type MessageTemplate,
} from './message-template';

/** How `{{to}}` is written: `+84912345678`, `84912345678` or `0912345678`, as the gateway's API wants. */
export type PhoneNumberFormat = 'e164' | 'digits' | 'national';

export interface GatewayRetrySettings {
  /** Attempts in one send, the first included (3). */
  readonly attempts: number;
  /** Wait after the first failure; doubled after each next one (1 s). */
  readonly initialBackoffMs: number;
  /** The longest back-off (30 s). */
  readonly maxBackoffMs: number;
  /** Share of each back-off taken off at random, 0–1, so senders do not retry in step (0.2). */
  readonly jitter: number;
  /** The longest wait a Retry-After header obtains (60 s). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_GATEWAY_RETRY: GatewayRetrySettings = {
  attempts: 3,
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  jitter: 0.2,
  maxRetryAfterMs: 60_000,
};

/** A retry about to wait, for logs and metrics; the reason never holds the secret. */
export interface GatewayRetry {
  readonly messageId: string;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly reason: string;
  readonly delayMs: number;
}

export interface HttpGatewaySettings {
  /** Where messages are POSTed, http or https; credentials go in `authHeader`, not here. */
  readonly url: string;
  /** E.g. `{ name: 'Authorization', value: 'Bearer …' }`; the value is a secret. */
  readonly authHeader?: { readonly name: string; readonly value: string } | null;
  /** The body, with {{to}}, {{text}} and optionally {{messageId}} (see message-template.ts). */
  readonly bodyTemplate: string;
  /** JSON (default) or an HTML form. */
  readonly bodyFormat?: MessageBodyFormat;
  readonly phoneNumberFormat?: PhoneNumberFormat;
  /** One attempt's limit, answer and body included (10 s). */
  readonly timeoutMs?: number;
  /** Carries the messageId so a resent message is the same one to the gateway; null for none. */
  readonly idempotencyHeader?: string | null;
  readonly retry?: Partial<GatewayRetrySettings>;
  /** Waits between attempts (real timers); tests inject one that records. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter (Math.random). */
  readonly random?: () => number;
  readonly onRetry?: (retry: GatewayRetry) => void;
}

/** A gateway refusal or failure, with the HTTP status when there was an answer. */
export class GatewayDeliveryError extends DeliveryError {
  constructor(
    message: string,
    retryable: boolean,
    /** The last answer's status; null for a timeout, a network failure or no request sent. */
    readonly status: number | null,
    /** Requests sent in this send. */
    readonly attempts: number,
  ) {
    super(message, retryable);
  }
}

type AttemptOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string }
  | {
      readonly kind: 'failed';
      readonly status: number | null;
      readonly reason: string;
      readonly retryAfterMs: number | null;
    };

// Statuses that say "not now" rather than "never": Request Timeout, Too Early, Too Many Requests.
const TEMPORARY_CLIENT_STATUSES = new Set([408, 425, 429]);
const SNIPPET_LENGTH = 200;
// Enough of a refusal's body to show 200 characters of it; the rest is not read.
const SNIPPET_BYTES = 4_096;
// RFC 9110 token, and a field value as fetch accepts it (Latin-1, no line breaks or NUL).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;

export class HttpMessageGateway implements ShortMessageGateway {
  private readonly url: URL;
  private readonly template: MessageTemplate;
  private readonly retry: GatewayRetrySettings;
  private readonly timeoutMs: number;
  private readonly idempotencyHeader: string | null;
  private readonly phoneNumberFormat: PhoneNumberFormat;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly onRetry: ((retry: GatewayRetry) => void) | null;
  // The auth header and the texts never to show (its value, its token part): in #private
  // fields, which neither JSON.stringify nor util.inspect print, should the gateway be logged.
  readonly #authHeader: { readonly name: string; readonly value: string } | null;
  readonly #secrets: readonly string[];

  /** Checks the settings; throws naming what is wrong (never quoting the secret). */
  constructor(settings: HttpGatewaySettings) {
    this.url = gatewayUrl(settings.url);
    this.template = compileMessageTemplate(settings.bodyTemplate, settings.bodyFormat ?? 'json');
    this.retry = retrySettings(settings.retry);
    this.timeoutMs = positive(settings.timeoutMs ?? 10_000, 'timeoutMs');
    this.idempotencyHeader =
      settings.idempotencyHeader === undefined ? 'Idempotency-Key' : settings.idempotencyHeader;
    if (this.idempotencyHeader !== null && !HEADER_NAME.test(this.idempotencyHeader)) {
      throw new Error('The idempotency header name is not a valid HTTP header name.');
    }
    const auth = settings.authHeader ?? null;
    if (auth !== null) {
      if (!HEADER_NAME.test(auth.name)) {
        throw new Error('The auth header name is not a valid HTTP header name.');
      }
      if (auth.value === '' || !HEADER_VALUE.test(auth.value)) {
        throw new Error(
          'The auth header value is empty or not a valid HTTP header value (line breaks, or characters outside Latin-1).',
        );
      }
    }
    this.#authHeader = auth === null ? null : { name: auth.name, value: auth.value };
    this.#secrets = secretsOf(auth?.value ?? null);
    this.onRetry = settings.onRetry ?? null;
    this.phoneNumberFormat = settings.phoneNumberFormat ?? 'e164';
    this.sleep = settings.sleep ?? ((ms) => realSleep(ms));
    this.random = settings.random ?? Math.random;
  }

  /** Where, for logs and errors: the origin only, since a path or query may hold a key. */
  get label(): string {
    return `message gateway ${this.url.origin}`;
  }

  async send(message: OutgoingShortMessage): Promise<void> {
    const to = this.recipient(message.to);
    if (!message.messageId || !HEADER_VALUE.test(message.messageId)) {
      throw new GatewayDeliveryError(
        `Message id ${JSON.stringify(message.messageId)} cannot be sent in an HTTP header.`,
        false,
        null,
        0,
      );
    }
    const body = this.template.render({ to, text: message.text, messageId: message.messageId });
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(body, message.messageId);
      if (outcome.kind === 'delivered') return;
      if (outcome.kind === 'refused') {
        throw new GatewayDeliveryError(
          `The ${this.label} refused the message (${outcome.reason}).`,
          false,
          outcome.status,
          attempt,
        );
      }
      if (attempt >= this.retry.attempts) {
        throw new GatewayDeliveryError(
          `The ${this.label} failed ${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}; the last: ${outcome.reason}.`,
          true,
          outcome.status,
          attempt,
        );
      }
      const delayMs =
        outcome.retryAfterMs === null
          ? this.backoff(attempt)
          : Math.min(outcome.retryAfterMs, this.retry.maxRetryAfterMs);
      this.onRetry?.({
        messageId: message.messageId,
        attempt,
        reason: outcome.reason,
        delayMs,
      });
      await this.sleep(delayMs);
    }
  }

  /** The number as the gateway wants it; a number no SMS reaches is refused for good. */
  private recipient(to: string): string {
    const phone = parsePhoneNumber(to);
    if (isDomainError(phone)) {
      throw new GatewayDeliveryError(phone.message, false, null, 0);
    }
    if (phoneNumberKind(phone) !== 'mobile') {
      throw new GatewayDeliveryError(
        `${phone} is a landline number: short messages go to mobile numbers only.`,
        false,
        null,
        0,
      );
    }
    switch (this.phoneNumberFormat) {
      case 'e164':
        return phone;
      case 'digits':
        return phone.slice(1);
      case 'national':
        return `0${phone.slice(3)}`;
    }
  }

  private async attempt(body: string, messageId: string): Promise<AttemptOutcome> {
    const headers: Record<string, string> = {
      'content-type': this.template.contentType,
      accept: 'application/json, text/plain;q=0.9, */*;q=0.8',
    };
    if (this.idempotencyHeader !== null) headers[this.idempotencyHeader] = messageId;
    const auth = this.#authHeader;
    if (auth !== null) headers[auth.name] = auth.value;

    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers,
        body,
        // A redirect would resend the message (and the auth header) elsewhere: refused below.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { kind: 'failed', status: null, reason: this.failureOf(error), retryAfterMs: null };
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      // Delivered once the status is in: the body is not waited for, since a body that times
      // out would otherwise make a delivered message look failed, and be sent twice.
      response.body?.cancel().catch(() => undefined);
      return { kind: 'delivered' };
    }
    const snippet = await this.snippetOf(response);
    const redirect = status >= 300 && status < 400 ? ' (a redirect: set the URL it points to)' : '';
    const reason = `HTTP ${status}${redirect}${snippet === '' ? '' : `: ${snippet}`}`;
    if (status >= 500 || TEMPORARY_CLIENT_STATUSES.has(status)) {
      return {
        kind: 'failed',
        status,
        reason,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()),
      };
    }
    return { kind: 'refused', status, reason };
  }

  /** A timeout or a network failure in words, with the system's code. */
  private failureOf(error: unknown): string {
    // Read by shape, not instanceof: fetch's errors may come from another realm (a test VM).
    const { name, cause } = (error ?? {}) as { name?: unknown; cause?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') {
      return `no answer within ${this.timeoutMs} ms`;
    }
    const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
    const detail = typeof message === 'string' ? message : String(error);
    return this.redact(
      `connection failed (${typeof code === 'string' ? code : 'no code'}: ${detail})`,
    );
  }

  /** The start of a refusal's body, readable on one line, without the secret. */
  private async snippetOf(response: Response): Promise<string> {
    const reader = response.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      while (size < SNIPPET_BYTES) {
        const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (done || !value) break;
        chunks.push(value);
        size += value.byteLength;
      }
    } catch {
      // A body cut off or too slow: what arrived is enough.
    } finally {
      reader.cancel().catch(() => undefined);
    }
    const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, SNIPPET_BYTES));
    const oneLine = this.redact(this.redact(text).replace(/\s+/g, ' '))
      .replace(/[\p{Cc}\p{Cf}\uFFFD]/gu, '')
      .trim();
    const characters = [...oneLine];
    return characters.length <= SNIPPET_LENGTH
      ? oneLine
      : `${characters.slice(0, SNIPPET_LENGTH - 1).join('')}…`;
  }

  private redact(text: string): string {
    return this.#secrets.reduce((result, secret) => result.split(secret).join('[hidden]'), text);
  }

  /** Exponential back-off from the attempt that failed, less a random share. */
  private backoff(attempt: number): number {
    const { initialBackoffMs, maxBackoffMs, jitter } = this.retry;
    const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** (attempt - 1));
    return Math.round(base * (1 - jitter * this.random()));
  }
}

/**
 * Retry-After in seconds or as an HTTP date, in milliseconds from now; null when absent or
 * not understood.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  // An HTTP date names a day and a month in letters; Date.parse alone takes "-5" as a year.
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function gatewayUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('The message gateway URL is not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The message gateway URL must be http or https, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(
      'The message gateway URL holds a user name or password: put the credentials in the auth header.',
    );
  }
  return url;
}

function retrySettings(given: Partial<GatewayRetrySettings> = {}): GatewayRetrySettings {
  const retry = { ...DEFAULT_GATEWAY_RETRY, ...given };
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    throw new Error('retry.attempts must be a whole number of at least 1.');
  }
  nonNegative(retry.initialBackoffMs, 'retry.initialBackoffMs');
  nonNegative(retry.maxBackoffMs, 'retry.maxBackoffMs');
  nonNegative(retry.maxRetryAfterMs, 'retry.maxRetryAfterMs');
  if (retry.maxBackoffMs < retry.initialBackoffMs) {
    throw new Error('retry.maxBackoffMs must be at least retry.initialBackoffMs.');
  }
  if (!(retry.jitter >= 0 && retry.jitter <= 1)) {
    throw new Error('retry.jitter must be between 0 and 1.');
  }
  return retry;
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be above 0.`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new Error(`${name} must be 0 or more.`);
  return value;
}

/**
 * The auth value, and its credentials without the scheme (`Bearer abc…` → `abc…`): a gateway
 * may echo either in an error body.
 */
function secretsOf(value: string | null): string[] {
  if (value === null) return [];
  const parts = value.trim().split(/\s+/);
  const credentials = parts.length > 1 ? parts.slice(1).join(' ') : null;
  return [value, ...(credentials !== null && credentials.length >= 4 ? [credentials] : [])];
}
