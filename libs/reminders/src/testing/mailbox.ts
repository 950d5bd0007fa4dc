/**
 * The mail a test sent, read back from the real mail server .ci/mail.sh runs: Postfix takes
 * mail for any address of the test domain on loopback and Dovecot serves every mailbox over
 * IMAP with one password. Each test sends to addresses of its own (uniqueAddress), so suites
 * and workers running at once never see each other's mail.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describeNotRun } from '@chidao/event-store/testing';
import { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject } from 'mailparser';

export interface TestMailServer {
  /** CHIDAO_TEST_SMTP_URL, e.g. smtp://127.0.0.1:25: no TLS, no login from loopback. */
  readonly smtpUrl: string;
  /** CHIDAO_TEST_IMAP_URL, e.g. imap://127.0.0.1:143: the login is the full address. */
  readonly imapUrl: string;
  /** CHIDAO_TEST_MAIL_PASSWORD: every mailbox's password (default chidao-test). */
  readonly password: string;
  /**
   * CHIDAO_TEST_MAIL_DOMAIN (default chidao.test): any local part is delivered. Postfix
   * refuses recipients of refused.<domain> for good (550) and of busy.<domain> for now (450).
   */
  readonly domain: string;
}

const variable = (env: NodeJS.ProcessEnv, name: string): string | null => {
  const value = env[name]?.trim();
  return value ? value : null;
};

/** The mail server the environment names, or null when CHIDAO_TEST_SMTP_URL is not set. */
export function testMailServer(env: NodeJS.ProcessEnv = process.env): TestMailServer | null {
  const smtpUrl = variable(env, 'CHIDAO_TEST_SMTP_URL');
  if (smtpUrl === null) return null;
  const imapUrl = variable(env, 'CHIDAO_TEST_IMAP_URL');
  if (imapUrl === null) {
    throw new Error(
      'CHIDAO_TEST_SMTP_URL is set but not CHIDAO_TEST_IMAP_URL: `.ci/mail.sh env` prints both',
    );
  }
  return {
    smtpUrl,
    imapUrl,
    password: variable(env, 'CHIDAO_TEST_MAIL_PASSWORD') ?? 'chidao-test',
    domain: variable(env, 'CHIDAO_TEST_MAIL_DOMAIN') ?? 'chidao.test',
  };
}

const NOT_RUN =
  'mail suites not run: set CHIDAO_TEST_SMTP_URL and CHIDAO_TEST_IMAP_URL ' +
  '(`sudo .ci/mail.sh start && eval "$(.ci/mail.sh env)"`); .ci/run does';

/** `describe` when a test mail server is configured; otherwise a test that says why it did not run. */
export function describeWithMailServer(name: string, body: (server: TestMailServer) => void): void {
  const server = testMailServer();
  if (server) describe(name, () => body(server));
  else describeNotRun(name, NOT_RUN);
}

const localPart = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

/** An address of the test domain no other test uses, e.g. `digest-m1x2y3-1a2b3c4d@chidao.test`. */
export const uniqueAddress = (server: TestMailServer, prefix = 'test'): string =>
  `${localPart(prefix)}@${server.domain}`;

/** An address the server refuses for good at RCPT TO (550). */
export const refusedAddress = (server: TestMailServer, prefix = 'test'): string =>
  `${localPart(prefix)}@refused.${server.domain}`;

/** An address the server refuses for now at RCPT TO (450). */
export const deferredAddress = (server: TestMailServer, prefix = 'test'): string =>
  `${localPart(prefix)}@busy.${server.domain}`;

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

/** One delivered message, parsed. */
export interface ReceivedMail {
  /** The IMAP UID: order of arrival in the mailbox. */
  readonly uid: number;
  /** The Message-ID header without angle brackets, as OutgoingEmail.messageId. */
  readonly messageId: string;
  readonly from: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  /** Decoded (UTF-8). */
  readonly subject: string;
  /** The text/plain part ('' when none). */
  readonly text: string;
  /** The text/html part ('' when none). */
  readonly html: string;
  /** Every header by lower-case name, unfolded; of repeated ones (Received) the topmost. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface WaitOptions {
  /** Give up after this long (default 20 000 ms): the error says how many did arrive. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const POLL_MS = 100;

/** The mailbox of one address on the test server. */
export class TestMailbox {
  constructor(
    private readonly server: TestMailServer,
    readonly address: string,
  ) {}

  /** The messages delivered so far, in order of arrival. */
  async list(): Promise<ReceivedMail[]> {
    return this.session((client) => fetchAll(client));
  }

  /**
   * Waits until at least `count` messages were delivered and returns all of them, polling IMAP
   * until the deadline. More than `count` can be there: to check that nothing came twice, use
   * settled().
   */
  async waitFor(count: number, options: WaitOptions = {}): Promise<ReceivedMail[]> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return this.session(async (client) => {
      for (;;) {
        const status = await client.status('INBOX', { messages: true });
        const arrived = status ? (status.messages ?? 0) : 0;
        if (arrived >= count) return fetchAll(client);
        if (Date.now() >= deadline) {
          throw new Error(`${this.address}: ${arrived} of ${count} messages arrived in time`);
        }
        await delay(POLL_MS);
      }
    });
  }

  /**
   * Every message the server took for this address so far, once none is left on its way: waits
   * until Postfix's queue (`postqueue -j`, so the server must run on this machine) holds
   * nothing for the address, then lists the mailbox. Postfix answers a sender only once the
   * message is in its queue, and leaves the queue only once Dovecot saved it, so after every
   * send of a test has returned the list is exact: a message sent twice shows twice.
   */
  async settled(options: WaitOptions = {}): Promise<ReceivedMail[]> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    // Two clean looks in a row: a deferred message moving back to the active queue can slip
    // between the directories one look reads.
    let clean = 0;
    while (clean < 2) {
      const queued = await queuedFor(this.address);
      clean = queued === 0 ? clean + 1 : 0;
      if (clean === 0) {
        if (Date.now() >= deadline) {
          throw new Error(`${this.address}: ${queued} messages still in Postfix's queue`);
        }
        await delay(POLL_MS);
      }
    }
    return this.list();
  }

  /** Deletes every message, so the next test of this address starts from none. */
  async empty(): Promise<void> {
    await this.session(async (client) => {
      const mailbox = await client.mailboxOpen('INBOX');
      if (mailbox.exists > 0) await client.messageDelete('1:*');
      await client.mailboxClose();
    });
  }

  private async session<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const url = new URL(this.server.imapUrl);
    const secure = url.protocol === 'imaps:';
    const client = new ImapFlow({
      host: url.hostname,
      port: url.port === '' ? (secure ? 993 : 143) : Number(url.port),
      secure,
      auth: { user: this.address, pass: this.server.password },
      logger: false,
      disableAutoIdle: true,
    });
    // A connection dropped between commands is reported by the command that fails; without a
    // listener the 'error' event would end the test process.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

async function fetchAll(client: ImapFlow): Promise<ReceivedMail[]> {
  const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
  if (mailbox.exists === 0) return [];
  const messages = await client.fetchAll('1:*', { uid: true, source: true });
  const parsed = await Promise.all(
    messages.map(async (message) => {
      if (!message.source) throw new Error(`message ${message.uid}: the server sent no source`);
      return parseMail(message.uid, message.source);
    }),
  );
  return parsed.sort((a, b) => a.uid - b.uid);
}

async function parseMail(uid: number, source: Buffer): Promise<ReceivedMail> {
  const mail = await simpleParser(source);
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    if (key in headers) continue;
    headers[key] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return {
    uid,
    messageId: (mail.messageId ?? '').replace(/^<(.*)>$/, '$1'),
    from: addresses(mail.from),
    to: addresses(mail.to),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    headers,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) =>
    object.value.map((entry) => ({ name: entry.name, address: entry.address ?? '' })),
  );
}

const run = promisify(execFile);

/** How many messages in Postfix's queues have `address` among their recipients. */
async function queuedFor(address: string): Promise<number> {
  let output: string;
  try {
    const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/usr/bin` };
    ({ stdout: output } = await run('postqueue', ['-j'], { env }));
  } catch (error) {
    throw new Error(
      `reading Postfix's queue (postqueue -j) failed: settled() needs the mail server on this machine (${String(error)})`,
    );
  }
  const wanted = address.toLowerCase();
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { recipients?: { address?: string }[] })
    .filter((entry) => (entry.recipients ?? []).some((r) => r.address?.toLowerCase() === wanted))
    .length;
}
