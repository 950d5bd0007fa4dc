/**
 * The HTTP message gateway against a real HTTP server on loopback, scripted per test: what
 * arrives (body, headers), and what the gateway does with each kind of answer. Waits between
 * attempts go through an injected sleep that records them, so no test waits for real back-off.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  DeliveryError,
  GatewayDeliveryError,
  HttpMessageGateway,
  retryAfterMs,
  type GatewayRetry,
  type HttpGatewaySettings,
  type OutgoingShortMessage,
} from '../src';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** How the server answers one request; `hold` never answers. */
type Reply = ((request: Received, response: http.ServerResponse) => void) | 'hold';

const answer =
  (status: number, body = '', headers: Record<string, string> = {}): Reply =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    response.end(body);
  };

/** A gateway on 127.0.0.1: answers from a script (then 200), and keeps what it received. */
class Receiver {
  readonly received: Received[] = [];
  private readonly script: Reply[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen: Received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.received.push(seen);
      this.waiters.splice(0).forEach((wake) => wake());
      const reply = this.script.shift() ?? answer(200, '{"status":"accepted"}');
      if (reply !== 'hold') reply(seen, response);
    });
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  answers(...replies: Reply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Resolves once `count` requests have arrived; fails after the deadline. */
  async waitForRequests(count: number, deadlineMs = 5_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.received.length} requests, not ${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const SECRET = 'Bearer sk_live_9f8e7d6c5b4a3210';
const TOKEN = 'sk_live_9f8e7d6c5b4a3210';
const JSON_TEMPLATE =
  '{"to": "{{to}}", "text": {{text}}, "ref": "chidao-{{messageId}}", "brandname": "UBND TINH"}';

const message = (overrides: Partial<OutgoingShortMessage> = {}): OutgoingShortMessage => ({
  messageId: 'rem-2027-03-01-T42-overdue-1@chidao',
  to: '0912 345 678',
  text: 'UBND tỉnh đôn đốc: nhiệm vụ "Báo cáo quý I" đã quá hạn 3 ngày.',
  ...overrides,
});

let receiver: Receiver;
let waits: number[];
let retries: GatewayRetry[];

beforeEach(async () => {
  receiver = await new Receiver().start();
  waits = [];
  retries = [];
});
afterEach(() => receiver.close());

function gateway(settings: Partial<HttpGatewaySettings> = {}): HttpMessageGateway {
  return new HttpMessageGateway({
    url: `${receiver.url}/api/sms/send?channel=sms`,
    authHeader: { name: 'Authorization', value: SECRET },
    bodyTemplate: JSON_TEMPLATE,
    timeoutMs: 2_000,
    retry: { attempts: 3, initialBackoffMs: 100, maxBackoffMs: 1_000, jitter: 0 },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    onRetry: (retry) => retries.push(retry),
    ...settings,
  });
}

/** The error a send ends with; fails the test if it was delivered. */
async function failure(send: Promise<void>): Promise<GatewayDeliveryError> {
  const error = await send.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GatewayDeliveryError)) {
    throw new Error(`expected a GatewayDeliveryError, got ${String(error)}`);
  }
  expect(error).toBeInstanceOf(DeliveryError);
  return error;
}

describe('HttpMessageGateway: what the gateway receives', () => {
  it('POSTs valid JSON with the values substituted, even quotes, line breaks, controls and Vietnamese', async () => {
    const text =
      'Đôn đốc: nhiệm vụ "Báo cáo quý I/2027" (04/CTr-UBND)\nHạn: 31/3/2027\r\n\tC:\\bao-cao \u0007 ✓ 🚩';
    await gateway().send(message({ text }));

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/sms/send?channel=sms');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request.body)).toEqual({
      to: '+84912345678',
      text,
      ref: 'chidao-rem-2027-03-01-T42-overdue-1@chidao',
      brandname: 'UBND TINH',
    });
  });

  it('sends the auth header and the message id as the idempotency key', async () => {
    await gateway().send(message());
    const { headers } = receiver.received[0];
    expect(headers.authorization).toBe(SECRET);
    expect(headers['idempotency-key']).toBe('rem-2027-03-01-T42-overdue-1@chidao');
  });

  it('takes another idempotency header, or none, and no auth header', async () => {
    await gateway({ idempotencyHeader: 'X-Request-Id', authHeader: null }).send(message());
    await gateway({ idempotencyHeader: null }).send(message());
    expect(receiver.received[0].headers['x-request-id']).toBe(message().messageId);
    expect(receiver.received[0].headers.authorization).toBeUndefined();
    expect(receiver.received[0].headers['idempotency-key']).toBeUndefined();
    expect(receiver.received[1].headers['idempotency-key']).toBeUndefined();
  });

  it('sends a form when the template is one, with the number as the gateway wants it', async () => {
    const text = 'Nhiệm vụ "A&B" = 100%\nhạn 31/3';
    await gateway({
      bodyFormat: 'form',
      bodyTemplate: 'Phone={{to}}&Content={{text}}&RequestId={{messageId}}&SmsType=2',
      phoneNumberFormat: 'national',
    }).send(message({ text }));
    const [request] = receiver.received;
    expect(request.headers['content-type']).toBe(
      'application/x-www-form-urlencoded; charset=utf-8',
    );
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      Phone: '0912345678',
      Content: text,
      RequestId: message().messageId,
      SmsType: '2',
    });
  });

  it('writes the number without the plus when asked', async () => {
    await gateway({ phoneNumberFormat: 'digits' }).send(message({ to: '+84 983 456 789' }));
    expect(JSON.parse(receiver.received[0].body).to).toBe('84983456789');
  });

  it('refuses, without a request, a number that is not a Vietnamese mobile', async () => {
    for (const to of ['0912 345', '+1 202 555 0123', '024 3823 4567']) {
      const error = await failure(gateway().send(message({ to })));
      expect(error.retryable).toBe(false);
      expect(error.attempts).toBe(0);
    }
    expect(receiver.received).toHaveLength(0);
  });
});

describe('HttpMessageGateway: answers and retries', () => {
  it('gateway answering 500 then 200: delivered on the second attempt, with the same key', async () => {
    receiver.answers(answer(500, 'Internal Server Error'), answer(200, '{"code":0}'));
    await gateway().send(message());

    expect(receiver.received).toHaveLength(2);
    const keys = receiver.received.map((request) => request.headers['idempotency-key']);
    expect(keys).toEqual([message().messageId, message().messageId]);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    expect(waits).toEqual([100]);
    expect(retries).toEqual([
      {
        messageId: message().messageId,
        attempt: 1,
        reason: 'HTTP 500: Internal Server Error',
        delayMs: 100,
      },
    ]);
  });

  it.each([408, 425, 502, 503, 504])('retries a %i', async (status) => {
    receiver.answers(answer(status));
    await gateway().send(message());
    expect(receiver.received).toHaveLength(2);
  });

  it('backs off exponentially up to the cap, then gives up retryable', async () => {
    receiver.answers(...Array.from({ length: 5 }, () => answer(503, 'Service Unavailable')));
    const error = await failure(
      gateway({ retry: { attempts: 5, initialBackoffMs: 100, maxBackoffMs: 300, jitter: 0 } }).send(
        message(),
      ),
    );
    expect(waits).toEqual([100, 200, 300, 300]);
    expect(receiver.received).toHaveLength(5);
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(5);
    expect(error.message).toBe(
      `The message gateway ${receiver.url} failed 5 attempts; the last: HTTP 503: Service Unavailable.`,
    );
  });

  it('takes a random share off each back-off (jitter)', async () => {
    receiver.answers(answer(500), answer(500));
    await gateway({
      retry: { attempts: 3, initialBackoffMs: 1_000, maxBackoffMs: 10_000, jitter: 0.2 },
      random: () => 0.5,
    }).send(message());
    expect(waits).toEqual([900, 1_800]);
  });

  it('honours Retry-After on a 429, within the cap', async () => {
    receiver.answers(
      answer(429, 'Too Many Requests', { 'retry-after': '2' }),
      answer(429, 'Too Many Requests', { 'retry-after': '3600' }),
    );
    await gateway({
      retry: {
        attempts: 3,
        initialBackoffMs: 100,
        maxBackoffMs: 1_000,
        jitter: 0,
        maxRetryAfterMs: 5_000,
      },
    }).send(message());
    expect(waits).toEqual([2_000, 5_000]);
    expect(receiver.received).toHaveLength(3);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();
    receiver.answers(answer(503, '', { 'retry-after': inThirtySeconds }));
    await gateway({ retry: { maxRetryAfterMs: 60_000 } }).send(message());
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(25_000);
    expect(waits[0]).toBeLessThanOrEqual(30_000);
  });

  it('a gateway that never answers: each attempt times out, then a retryable error', async () => {
    receiver.answers('hold', 'hold', 'hold');
    const started = Date.now();
    const error = await failure(gateway({ timeoutMs: 200 }).send(message()));
    await receiver.waitForRequests(3);

    expect(receiver.received).toHaveLength(3);
    expect(error.retryable).toBe(true);
    expect(error.status).toBeNull();
    expect(error.attempts).toBe(3);
    expect(error.message).toBe(
      `The message gateway ${receiver.url} failed 3 attempts; the last: no answer within 200 ms.`,
    );
    expect(waits).toEqual([100, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 200 - 50);
  });

  it('a 2xx whose body never ends is delivered, not waited for and sent again', async () => {
    receiver.answers((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":');
    });
    await gateway({ timeoutMs: 300 }).send(message());
    expect(receiver.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('400: refused at once, one request, with the status and the start of the body', async () => {
    receiver.answers(answer(400, '{"error":"Invalid phone number","code":"E_PHONE"}'));
    const error = await failure(gateway().send(message()));
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      `The message gateway ${receiver.url} refused the message (HTTP 400: {"error":"Invalid phone number","code":"E_PHONE"}).`,
    );
    expect(receiver.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it.each([401, 403, 404, 413, 422])('%i is refused at once', async (status) => {
    receiver.answers(answer(status));
    const error = await failure(gateway().send(message()));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`HTTP ${status})`);
    expect(receiver.received).toHaveLength(1);
  });

  it('quotes at most 200 characters of the body, on one line, without control characters', async () => {
    const body = `Lỗi:\u0000\u001b[31m tin nhắn\r\nbị từ chối\u202e ${'x'.repeat(1_000)}`;
    receiver.answers(answer(422, body));
    const error = await failure(gateway().send(message()));
    const snippet = error.message.slice(
      error.message.indexOf('HTTP 422: ') + 'HTTP 422: '.length,
      -').'.length,
    );
    expect([...snippet].length).toBeLessThanOrEqual(200);
    expect(snippet).toMatch(/^Lỗi:\[31m tin nhắn bị từ chối x+…$/);
    expect(snippet).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });

  it('does not follow a redirect (it would resend the message and the key elsewhere)', async () => {
    receiver.answers(answer(307, '', { location: '/elsewhere' }));
    const error = await failure(gateway().send(message()));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('HTTP 307 (a redirect');
    expect(receiver.received.map((request) => request.url)).toEqual(['/api/sms/send?channel=sms']);
  });

  it('a gateway that is down (connection refused) is retryable', async () => {
    const url = receiver.url;
    await receiver.close();
    const error = await failure(gateway({ url }).send(message()));
    expect(error.retryable).toBe(true);
    expect(error.status).toBeNull();
    expect(error.attempts).toBe(3);
    expect(error.message).toContain('connection failed (ECONNREFUSED');
    receiver = await new Receiver().start(); // for afterEach
  });
});

describe('HttpMessageGateway: the secret', () => {
  /** A gateway that echoes the request's headers back, as some do in their errors. */
  const echo =
    (status: number): Reply =>
    (request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: TOKEN, error: 'denied', yourHeaders: request.headers }));
    };

  it('never appears in an error, whatever the failure', async () => {
    const errors: Error[] = [];
    receiver.answers(echo(401));
    errors.push(await failure(gateway().send(message())));
    receiver.answers(echo(500), echo(502), echo(503));
    errors.push(await failure(gateway().send(message())));
    receiver.answers('hold', 'hold', 'hold');
    errors.push(await failure(gateway({ timeoutMs: 100 }).send(message())));
    const url = receiver.url;
    await receiver.close();
    errors.push(await failure(gateway({ url }).send(message())));
    receiver = await new Receiver().start();

    expect(errors[0].message).toContain('[hidden]');
    for (const error of errors) {
      expect(error.message).not.toContain(TOKEN);
      expect(String(error.stack)).not.toContain(TOKEN);
    }
    for (const retry of retries) expect(retry.reason).not.toContain(TOKEN);
    expect(retries.length).toBeGreaterThan(0);
  });

  it('is not printed when the gateway itself is logged', () => {
    const logged = gateway();
    expect(inspect(logged, { depth: 5, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
  });

  it('never appears in a settings error', () => {
    const bad = (value: string) => () => gateway({ authHeader: { name: 'Authorization', value } });
    for (const value of [`${SECRET}\r\nX-Injected: 1`, `${SECRET}€`, `${SECRET}\u0000`]) {
      expect(bad(value)).toThrow('The auth header value is empty or not a valid HTTP header value');
      try {
        bad(value)();
      } catch (error) {
        expect((error as Error).message).not.toContain(TOKEN);
      }
    }
    expect(() => gateway({ authHeader: { name: 'Author ization', value: SECRET } })).toThrow(
      'The auth header name is not a valid HTTP header name.',
    );
  });
});

describe('HttpMessageGateway: settings', () => {
  it.each([
    [{ url: 'not a url' }, 'The message gateway URL is not a URL.'],
    [{ url: 'ftp://sms.example.vn/send' }, 'must be http or https'],
    [
      { url: `https://user:${TOKEN}@sms.example.vn/send` },
      'put the credentials in the auth header',
    ],
    [{ bodyTemplate: '{"to": {{to}}, "text": {{text}}' }, 'not valid JSON'],
    [
      { bodyTemplate: '{"to": {{to}}, "text": {{text}}, "x": {{sender}}}' },
      'unknown placeholder {{sender}}',
    ],
    [{ bodyTemplate: '{"to": {{to}}}' }, 'no {{text}} placeholder'],
    [{ idempotencyHeader: 'Idempotency Key' }, 'idempotency header name'],
    [{ timeoutMs: 0 }, 'timeoutMs must be above 0'],
    [{ retry: { attempts: 0 } }, 'retry.attempts'],
    [{ retry: { jitter: 2 } }, 'retry.jitter'],
    [{ retry: { initialBackoffMs: 500, maxBackoffMs: 100 } }, 'retry.maxBackoffMs'],
  ] as Array<[Partial<HttpGatewaySettings>, string]>)('refuses %j', (settings, problem) => {
    expect(() => gateway(settings)).toThrow(problem);
  });

  it('names the gateway by its origin only (a path or query may hold a key)', () => {
    const named = gateway({ url: 'https://sms.example.vn/api/send?key=abc' });
    expect(named.label).toBe('message gateway https://sms.example.vn');
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2027-03-01T02:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Mon, 01 Mar 2027 02:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 01 Mar 2027 01:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
