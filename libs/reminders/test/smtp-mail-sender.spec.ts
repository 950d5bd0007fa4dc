import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { DeliveryError, SmtpMailSender, type OutgoingEmail } from '@chidao/reminders';
import {
  TestMailbox,
  deferredAddress,
  describeWithMailServer,
  refusedAddress,
  uniqueAddress,
  type TestMailServer,
} from '@chidao/reminders/testing';

const FROM = { name: 'Văn phòng UBND tỉnh', address: 'nhacviec@chidao.test' };

const SUBJECT = 'Nhắc việc ngày 07/12/2026: 2 nhiệm vụ sắp đến hạn, 1 nhiệm vụ quá hạn';
const TEXT = [
  'Kính gửi Sở Tài chính,',
  '',
  '- Nhiệm vụ "Báo cáo tình hình giải ngân vốn đầu tư công" (32/KH-UBND) đến hạn ngày 10/12/2026.',
  '- Nhiệm vụ "Rà soát thủ tục hành chính" (424/QĐ-UBND) đã quá hạn 8 ngày.',
].join('\n');
const HTML =
  '<p>Kính gửi Sở Tài chính,</p><ul>' +
  '<li><a href="https://chidao.example/tasks/t-1">Báo cáo tình hình giải ngân vốn đầu tư công</a> — đến hạn ngày 10/12/2026</li>' +
  '<li><a href="https://chidao.example/tasks/t-2">Rà soát thủ tục hành chính</a> — quá hạn 8 ngày</li></ul>';

const newMessageId = (): string => `reminder-${randomBytes(8).toString('hex')}@chidao.test`;

const digest = (to: OutgoingEmail['to'], messageId = newMessageId()): OutgoingEmail => ({
  messageId,
  to,
  subject: SUBJECT,
  text: TEXT,
  html: HTML,
});

/** The DeliveryError `sending` fails with; fails the test when it succeeds or throws another. */
async function failure(sending: Promise<void>): Promise<DeliveryError> {
  const error = await sending.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DeliveryError))
    throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

/** A loopback port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SmtpMailSender configuration', () => {
  it.each([
    ['http://127.0.0.1:25', /use smtp:\/\/ or smtps:\/\//],
    ['mail.example.vn:25', /use smtp:\/\/ or smtps:\/\//],
    ['127.0.0.1:25', /is not a URL/],
    ['not a url', /is not a URL/],
  ])('refuses the URL %s', (url, message) => {
    expect(() => new SmtpMailSender({ url, from: FROM })).toThrow(message);
  });

  it('keeps a password out of its complaint', () => {
    expect(() => new SmtpMailSender({ url: 'imap://user:secret@host', from: FROM })).toThrow(
      'imap://user:***@host',
    );
  });

  it('refuses a timeout that is not a positive whole number of milliseconds', () => {
    expect(() => new SmtpMailSender({ url: 'smtp://127.0.0.1', from: FROM, timeoutMs: 0 })).toThrow(
      /timeout/,
    );
  });
});

describeWithMailServer(
  'SmtpMailSender through Postfix, read back over IMAP',
  (server: TestMailServer) => {
    let sender: SmtpMailSender;
    beforeAll(() => {
      sender = new SmtpMailSender({ url: server.smtpUrl, from: FROM, timeoutMs: 10_000 });
    });
    afterAll(() => sender.close());

    it('delivers to every recipient the Vietnamese subject, the text and HTML parts and the Message-ID given', async () => {
      const lead = uniqueAddress(server, 'lead');
      const head = uniqueAddress(server, 'head');
      const mail = digest([
        { name: 'Nguyễn Thị Hương', address: lead },
        { name: 'Trần Văn Đức', address: head },
      ]);

      await sender.send(mail);

      for (const address of [lead, head]) {
        const [received, ...more] = await new TestMailbox(server, address).waitFor(1);
        expect(more).toEqual([]);
        expect(received.messageId).toBe(mail.messageId);
        expect(received.subject).toBe(SUBJECT);
        expect(received.from).toEqual([FROM]);
        expect(received.to).toEqual([
          { name: 'Nguyễn Thị Hương', address: lead },
          { name: 'Trần Văn Đức', address: head },
        ]);
        expect(received.text.trim()).toBe(TEXT);
        expect(received.html).toContain(
          '<a href="https://chidao.example/tasks/t-2">Rà soát thủ tục hành chính</a>',
        );
        expect(received.headers['content-type']).toMatch(/^multipart\/alternative/);
        // Out-of-office replies are not sent back to automatic mail.
        expect(received.headers['auto-submitted']).toBe('auto-generated');
      }
    });

    // What the reminders outbox relies on: a resend after a crash between "sent" and "recorded"
    // is a second copy with the same Message-ID, which mail clients show as one message.
    it('sending the same message twice delivers two copies with the same Message-ID', async () => {
      const address = uniqueAddress(server, 'resend');
      const mail = digest([{ name: 'Lê Minh Tâm', address }]);

      await sender.send(mail);
      await sender.send(mail);

      const received = await new TestMailbox(server, address).settled();
      expect(received.map((message) => message.messageId)).toEqual([
        mail.messageId,
        mail.messageId,
      ]);
    });

    it('delivers each message once: two different messages are two in the mailbox, no more', async () => {
      const address = uniqueAddress(server, 'once');
      await sender.send(digest([{ name: 'Phạm Thu Trang', address }]));
      await sender.send(digest([{ name: 'Phạm Thu Trang', address }]));

      const received = await new TestMailbox(server, address).settled();
      expect(received).toHaveLength(2);
      expect(new Set(received.map((message) => message.messageId)).size).toBe(2);
    });

    it('empties a mailbox between tests', async () => {
      const address = uniqueAddress(server, 'empty');
      const mailbox = new TestMailbox(server, address);
      await sender.send(digest([{ name: 'Võ Quốc Bảo', address }]));
      await mailbox.waitFor(1);

      await mailbox.empty();

      expect(await mailbox.list()).toEqual([]);
      const second = digest([{ name: 'Võ Quốc Bảo', address }]);
      await sender.send(second);
      expect((await mailbox.waitFor(1)).map((message) => message.messageId)).toEqual([
        second.messageId,
      ]);
    });

    it('a recipient refused for good (550) fails, not to be retried', async () => {
      const address = refusedAddress(server);

      const error = await failure(sender.send(digest([{ name: 'Không tồn tại', address }])));

      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/^Máy chủ thư không nhận thư/);
      expect(error.message).toContain(address);
      expect(error.message).toContain('550');
    });

    it('a recipient refused for now (450) fails, to be retried', async () => {
      const error = await failure(
        sender.send(digest([{ name: 'Bận', address: deferredAddress(server) }])),
      );

      expect(error.retryable).toBe(true);
      expect(error.message).toContain('450');
    });

    it('some recipients refused: the others get the message, and the failure is not retried (no second copy to them)', async () => {
      const accepted = uniqueAddress(server, 'partial');
      const refused = refusedAddress(server);

      const error = await failure(
        sender.send(
          digest([
            { name: 'Đặng Văn Hải', address: accepted },
            { name: 'Không tồn tại', address: refused },
          ]),
        ),
      );

      expect(error.retryable).toBe(false);
      expect(error.message).toContain(refused);
      expect(await new TestMailbox(server, accepted).waitFor(1)).toHaveLength(1);
    });

    it('a Message-ID that is not id@domain is refused before sending, not to be retried', async () => {
      const address = uniqueAddress(server, 'bad-id');
      for (const messageId of ['<x@chidao.test>', 'no-at-sign', 'a b@chidao.test']) {
        const error = await failure(sender.send(digest([{ name: 'A', address }], messageId)));
        expect(error.retryable).toBe(false);
      }
      expect(await new TestMailbox(server, address).settled()).toEqual([]);
    });
  },
);

// No mail server needed: loopback ports with nothing, or something mute, behind them.
describe('SmtpMailSender when the server cannot be reached', () => {
  const address = 'someone@chidao.test';

  it('connection refused (nothing listens on the port): retryable', async () => {
    const port = await closedPort();
    const sender = new SmtpMailSender({
      url: `smtp://127.0.0.1:${port}`,
      from: FROM,
      timeoutMs: 5_000,
    });
    try {
      const error = await failure(sender.send(digest([{ name: 'A', address }])));
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('ECONNREFUSED');
    } finally {
      await sender.close();
    }
  });

  describe('a server that takes the connection and never greets', () => {
    let mute: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      mute = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    });

    it('times out: retryable', async () => {
      const { port } = mute.address() as AddressInfo;
      const sender = new SmtpMailSender({
        url: `smtp://127.0.0.1:${port}`,
        from: FROM,
        timeoutMs: 300,
      });
      try {
        const started = Date.now();
        const error = await failure(sender.send(digest([{ name: 'A', address }])));
        expect(error.retryable).toBe(true);
        expect(error.message).toContain('ETIMEDOUT');
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await sender.close();
      }
    });
  });
});
