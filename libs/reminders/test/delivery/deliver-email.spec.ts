/**
 * E-mail delivery through the real Postfix, read back over IMAP: the digest as people get it,
 * exactly once over several runs, a crash between sending and recording (a second copy with the
 * same Message-ID, one outcome in the log), the server unreachable then back (through a loopback
 * relay the test closes, so the shared Postfix keeps running), and a permanent refusal.
 */
import { SmtpMailSender } from '../../src';
import {
  TestMailbox,
  describeWithMailServer,
  refusedAddress,
  uniqueAddress,
  type TestMailServer,
} from '@chidao/reminders/testing';
import { DeliveryBench, TcpRelay, queuedMessage } from './support';

const NOW = new Date('2026-12-07T01:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const FROM = { name: 'Văn phòng UBND tỉnh', address: 'nhacviec@chidao.test' };

describeWithMailServer('deliverDueMessages by e-mail', (server: TestMailServer) => {
  let bench: DeliveryBench;
  let mail: SmtpMailSender;

  beforeEach(async () => {
    bench = await new DeliveryBench().open();
    mail = new SmtpMailSender({ url: server.smtpUrl, from: FROM, timeoutMs: 10_000 });
  });
  afterEach(async () => {
    await mail.close();
    await bench.close();
  });

  it('delivers a person’s digest once over two runs: recipient, subject, text and HTML with task links, Message-ID', async () => {
    const address = uniqueAddress(server, 'digest');
    const message = await bench.queue(queuedMessage({ channel: 'email', address }));
    expect(await bench.deliver({ mail }, NOW)).toEqual({
      delivered: 1,
      failed: 0,
      gaveUp: 0,
      waiting: 0,
    });
    expect(await bench.deliver({ mail }, later(1))).toMatchObject({ delivered: 0 });

    const received = await new TestMailbox(server, address).settled();
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got.to).toEqual([{ name: '', address }]);
    expect(got.from).toEqual([FROM]);
    expect(got.subject).toBe(message.subject);
    expect(got.messageId).toBe(`${message.messageId}@chidao.test`);
    expect(got.text).toContain('đã quá hạn 8 ngày');
    expect(got.text).toContain('https://chidao.example/tasks/task-1');
    expect(got.text).toContain('https://chidao.example/tasks/task-2');
    expect(got.html).toContain('<a href="https://chidao.example/tasks/task-1">');
    expect(got.html).toContain('<a href="https://chidao.example/tasks/task-2">');
    expect(got.html).toContain('giải ngân &lt;vốn&gt; &amp; đầu tư');
    expect((await bench.events(message.messageId)).map((event) => event.type)).toEqual([
      'ReminderMessageQueued',
      'ReminderMessageDelivered',
    ]);
  });

  it('resends after a crash between sending and recording, with the same Message-ID, and records one outcome', async () => {
    const address = uniqueAddress(server, 'crash');
    const message = await bench.queue(queuedMessage({ channel: 'email', address }));
    const killed = new Error('process killed after sending');
    await expect(
      bench.deliver(
        {
          mail,
          faultInjection: {
            afterSend: () => {
              throw killed;
            },
          },
        },
        NOW,
      ),
    ).rejects.toBe(killed);
    expect(await bench.doc(message.messageId)).toMatchObject({ status: 'queued', attempts: 0 });

    expect(await bench.deliver({ mail }, later(1))).toMatchObject({ delivered: 1 });
    const received = await new TestMailbox(server, address).settled();
    expect(received.map((got) => got.messageId)).toEqual([
      `${message.messageId}@chidao.test`,
      `${message.messageId}@chidao.test`,
    ]);
    const events = await bench.events(message.messageId);
    expect(events.filter((event) => event.type === 'ReminderMessageDelivered')).toHaveLength(1);
    expect(await bench.deliver({ mail }, later(2))).toMatchObject({ delivered: 0 });
  });

  it('keeps messages queued while the SMTP server is unreachable and sends them once it is back', async () => {
    const smtp = new URL(server.smtpUrl);
    const relay = await new TcpRelay(smtp.hostname, Number(smtp.port || 25)).open();
    const relayed = new SmtpMailSender({
      url: `smtp://127.0.0.1:${relay.port}`,
      from: FROM,
      timeoutMs: 10_000,
    });
    try {
      const address = uniqueAddress(server, 'down');
      const message = await bench.queue(queuedMessage({ channel: 'email', address }));
      await relay.close();

      expect(await bench.deliver({ mail: relayed }, NOW)).toEqual({
        delivered: 0,
        failed: 1,
        gaveUp: 0,
        waiting: 0,
      });
      const failed = await bench.doc(message.messageId);
      expect(failed).toMatchObject({
        status: 'queued',
        attempts: 1,
        nextAttemptAt: '2026-12-07T01:01:00.000Z',
      });
      expect(failed.lastError).toMatch(/ECONNREFUSED/);

      await relay.open();
      // Before its next attempt: still waits, though the server is back.
      expect(await bench.deliver({ mail: relayed }, later(0.5))).toMatchObject({ delivered: 0 });
      expect(await bench.deliver({ mail: relayed }, later(2))).toMatchObject({ delivered: 1 });
      const received = await new TestMailbox(server, address).settled();
      expect(received.map((got) => got.messageId)).toEqual([`${message.messageId}@chidao.test`]);
      expect(await bench.doc(message.messageId)).toMatchObject({
        status: 'delivered',
        attempts: 2,
      });
    } finally {
      await relayed.close();
      await relay.close();
    }
  });

  it('gives up at once on a permanent refusal, with the server’s answer as the reason', async () => {
    const message = await bench.queue(
      queuedMessage({ channel: 'email', address: refusedAddress(server, 'gone') }),
    );
    expect(await bench.deliver({ mail }, NOW)).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 1,
      waiting: 0,
    });
    const doc = await bench.doc(message.messageId);
    expect(doc).toMatchObject({ status: 'given_up', attempts: 1, nextAttemptAt: null });
    expect(doc.lastError).toMatch(/550/);
    expect(await bench.deliver({ mail }, later(120))).toMatchObject({ gaveUp: 0, failed: 0 });
  });
});
