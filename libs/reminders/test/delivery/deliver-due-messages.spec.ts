/**
 * The delivery worker on a real SQLite log with the real `reminder_messages` projection, and a
 * real HTTP gateway on loopback for SMS. The clock is injected: back-off is waited out by
 * passing a later `now`, never by sleeping.
 */
import { createMetrics } from '@chidao/observability';
import { HttpMessageGateway } from '../../src';
import { DeliveryBench, GatewayServer, queuedMessage } from './support';

const NOW = new Date('2026-12-07T01:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const gatewayFor = (server: GatewayServer, attempts = 3) =>
  new HttpMessageGateway({
    url: server.url,
    bodyTemplate: '{"to": {{to}}, "text": {{text}}, "id": {{messageId}}}',
    retry: { attempts },
    sleep: () => Promise.resolve(),
  });

describe('deliverDueMessages', () => {
  let bench: DeliveryBench;
  let gateway: GatewayServer;

  beforeEach(async () => {
    bench = await new DeliveryBench().open();
    gateway = await new GatewayServer().start();
  });
  afterEach(async () => {
    await gateway.close();
    await bench.close();
  });

  it('records in-app messages delivered at once, by system:reminders, in queued order', async () => {
    const first = await bench.queue(queuedMessage());
    const second = await bench.queue(queuedMessage());
    expect(await bench.deliver({}, NOW)).toEqual({
      delivered: 2,
      failed: 0,
      gaveUp: 0,
      waiting: 0,
    });
    for (const message of [first, second]) {
      const events = await bench.events(message.messageId);
      expect(events.map((event) => event.type)).toEqual([
        'ReminderMessageQueued',
        'ReminderMessageDelivered',
      ]);
      expect(events[1]).toMatchObject({
        data: { messageId: message.messageId, attempt: 1 },
        metadata: { actor: 'system:reminders' },
        occurredOn: '2026-12-07',
      });
      expect(await bench.doc(message.messageId)).toMatchObject({ status: 'delivered' });
    }
    const [a, b] = await Promise.all(
      [first, second].map(async (m) => (await bench.events(m.messageId))[1].position),
    );
    expect(a).toBeLessThan(b);
    // Nothing left: a second run does nothing.
    expect(await bench.deliver({}, later(1))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      waiting: 0,
    });
  });

  it('reads the read model in pages and stops at the limit, oldest first', async () => {
    const queued = [];
    for (let i = 0; i < 5; i += 1) queued.push(await bench.queue(queuedMessage()));
    expect(await bench.deliver({ pageSize: 2, limit: 3 }, NOW)).toMatchObject({ delivered: 3 });
    const statuses = await Promise.all(
      queued.map(async (message) => (await bench.doc(message.messageId)).status),
    );
    expect(statuses).toEqual(['delivered', 'delivered', 'delivered', 'queued', 'queued']);
    expect(await bench.deliver({ pageSize: 2 }, NOW)).toMatchObject({ delivered: 2 });
  });

  it('leaves messages of a channel with no sender queued, counted as waiting', async () => {
    const email = await bench.queue(queuedMessage({ channel: 'email', address: 'a@chidao.test' }));
    const sms = await bench.queue(queuedMessage({ channel: 'sms', address: '+84912345678' }));
    expect(await bench.deliver({}, NOW)).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      waiting: 2,
    });
    for (const message of [email, sms]) {
      expect(await bench.events(message.messageId)).toHaveLength(1);
      expect(await bench.doc(message.messageId)).toMatchObject({ status: 'queued', attempts: 0 });
    }
  });

  it('sends SMS through the gateway (500 then 200): delivered, text cut, the id as idempotency key', async () => {
    const long = `${'Nhiệm vụ quá hạn cần báo cáo ngay. '.repeat(20)}`;
    const sms = await bench.queue(
      queuedMessage({ channel: 'sms', address: '0912345678', text: long }),
    );
    gateway.answers(500);
    expect(await bench.deliver({ sms: gatewayFor(gateway) }, NOW)).toEqual({
      delivered: 1,
      failed: 0,
      gaveUp: 0,
      waiting: 0,
    });
    expect(gateway.received).toHaveLength(2);
    const body = JSON.parse(gateway.received[1].body) as { to: string; text: string; id: string };
    expect(body.to).toBe('+84912345678');
    expect(body.id).toBe(sms.messageId);
    expect(gateway.received[1].headers['idempotency-key']).toBe(sms.messageId);
    expect([...body.text].length).toBeLessThanOrEqual(320);
    expect(body.text.endsWith('…')).toBe(true);
    expect(await bench.doc(sms.messageId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('records a failure with the next attempt, does not send before it, sends after it', async () => {
    const sms = await bench.queue(queuedMessage({ channel: 'sms', address: '+84912345678' }));
    const deps = { sms: gatewayFor(gateway, 1) };
    gateway.answers(503);
    expect(await bench.deliver(deps, NOW)).toEqual({
      delivered: 0,
      failed: 1,
      gaveUp: 0,
      waiting: 0,
    });
    const failed = await bench.doc(sms.messageId);
    expect(failed).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: '2026-12-07T01:01:00.000Z',
    });
    expect(failed.lastError).toMatch(/HTTP 503/);

    // Its next attempt is in the future: not sent.
    expect(await bench.deliver(deps, later(0.5))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 0,
      waiting: 0,
    });
    expect(gateway.received).toHaveLength(1);

    gateway.answers(503);
    expect(await bench.deliver(deps, later(1))).toMatchObject({ failed: 1 });
    expect(await bench.doc(sms.messageId)).toMatchObject({
      attempts: 2,
      nextAttemptAt: '2026-12-07T01:03:00.000Z',
    });
    expect(await bench.deliver(deps, later(3))).toMatchObject({ delivered: 1 });
    expect(gateway.received).toHaveLength(3);
    expect((await bench.events(sms.messageId)).map((event) => event.type)).toEqual([
      'ReminderMessageQueued',
      'ReminderMessageFailed',
      'ReminderMessageFailed',
      'ReminderMessageDelivered',
    ]);
  });

  it('gives up after maxAttempts, and at once on a refusal', async () => {
    const busy = await bench.queue(queuedMessage({ channel: 'sms', address: '+84912345678' }));
    const deps = { sms: gatewayFor(gateway, 1), maxAttempts: 2 };
    gateway.answers(503, 503);
    expect(await bench.deliver(deps, NOW)).toMatchObject({ failed: 1, gaveUp: 0 });
    expect(await bench.deliver(deps, later(5))).toMatchObject({ failed: 0, gaveUp: 1 });
    expect(await bench.doc(busy.messageId)).toMatchObject({
      status: 'given_up',
      attempts: 2,
      nextAttemptAt: null,
    });

    const landline = await bench.queue(queuedMessage({ channel: 'sms', address: '+842439999999' }));
    const refused = await bench.queue(queuedMessage({ channel: 'sms', address: '+84912345678' }));
    gateway.answers(400);
    expect(await bench.deliver(deps, later(10))).toEqual({
      delivered: 0,
      failed: 0,
      gaveUp: 2,
      waiting: 0,
    });
    expect(await bench.doc(landline.messageId)).toMatchObject({ status: 'given_up', attempts: 1 });
    expect((await bench.doc(refused.messageId)).lastError).toMatch(/HTTP 400/);
    expect(await bench.deliver(deps, later(100))).toMatchObject({ delivered: 0, gaveUp: 0 });
  });

  it('never resends a message the log says is delivered, even when the read model is behind', async () => {
    const message = await bench.queue(queuedMessage({ channel: 'sms', address: '+84912345678' }));
    await bench.deliver({ sms: gatewayFor(gateway) }, NOW);
    // Another worker, reading a copy of the read model from before the delivery.
    const stale = { ...(await bench.doc(message.messageId)), status: 'queued' as const };
    const { deliverDueMessages } = await import('../../src');
    const summary = await deliverDueMessages(
      {
        eventStore: bench.stores.eventStore,
        messages: {
          ...bench.messages,
          // eslint-disable-next-line @typescript-eslint/require-await
          stream: async function* () {
            yield { id: stale.messageId, doc: stale, json: '' };
          },
          count: () => Promise.resolve(0),
        },
        email: { publicUrl: 'https://chidao.example', mailDomain: 'chidao.test' },
        sms: gatewayFor(gateway),
      },
      later(1),
    );
    expect(summary).toEqual({ delivered: 0, failed: 0, gaveUp: 0, waiting: 0 });
    expect(gateway.received).toHaveLength(1);
    expect(await bench.events(message.messageId)).toHaveLength(2);
  });

  it('counts sent, failed and queued by channel in the metrics', async () => {
    const metrics = createMetrics();
    await bench.queue(queuedMessage());
    await bench.queue(queuedMessage({ channel: 'sms', address: '+84912345678' }));
    await bench.queue(queuedMessage({ channel: 'email', address: 'a@chidao.test' }));
    gateway.answers(503);
    await bench.deliver({ sms: gatewayFor(gateway, 1), metrics }, NOW);
    const text = await metrics.registry.metrics();
    expect(text).toContain('chidao_reminders_sent_total{channel="in_app"} 1');
    expect(text).toContain('chidao_reminders_failed_total{channel="sms"} 1');
    expect(text).toContain('chidao_reminders_queued{channel="sms"} 1');
    expect(text).toContain('chidao_reminders_queued{channel="email"} 1');
    expect(text).toContain('chidao_reminders_queued{channel="in_app"} 0');
  });
});
