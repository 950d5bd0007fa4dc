/**
 * What delivery tests stand on: a real SQLite event store with the real `reminder_messages`
 * projection kept up to date, messages queued by appending ReminderMessageQueued as the run does,
 * a real HTTP gateway on loopback and a loopback TCP relay in front of the real Postfix.
 */
import * as http from 'node:http';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  STREAMS,
  decideQueueMessage,
  initialReminderMessageState,
  calendarDate,
  expectEvents,
  isReminderMessageEvent,
  type ReminderMessageEvent,
  type ReminderMessageQueuedData,
} from '@chidao/domain';
import { readDomainEvents, type RecordedEvent } from '@chidao/event-store';
import {
  ProjectionRunner,
  reminderMessagesProjection,
  type DocumentCollection,
  type ReminderMessageDocument,
} from '@chidao/projections';
import { TempFiles, type TempStores } from '@chidao/projections/testing';
import { deliverDueMessages, type DeliveryDeps, type DeliverySummary } from '../../src';

export const EMAIL_SETTINGS = { publicUrl: 'https://chidao.example/', mailDomain: 'chidao.test' };

let sequence = 0;

/** A message as the run queues it; `messageId` unique per test file run. */
export function queuedMessage(
  overrides: Partial<ReminderMessageQueuedData> = {},
): ReminderMessageQueuedData {
  sequence += 1;
  return {
    messageId: `run-1-u${String(sequence).padStart(4, '0')}-${Date.now().toString(36)}`,
    runId: 'run-1',
    userId: `u${sequence}`,
    channel: 'in_app',
    address: null,
    subject: 'Nhắc việc ngày 07/12/2026: 2 nhiệm vụ cần xử lý',
    text: [
      'Kính gửi ông Nguyễn Văn A,',
      '',
      '- Nhiệm vụ "Báo cáo giải ngân <vốn> & đầu tư" (32/KH-UBND) đến hạn ngày 10/12/2026.',
      '- Nhiệm vụ "Rà soát thủ tục hành chính" (424/QĐ-UBND) đã quá hạn 8 ngày.',
    ].join('\n'),
    taskIds: ['task-1', 'task-2'],
    ...overrides,
  };
}

/** Stores on a temp file, the projection running over them, and the worker called on them. */
export class DeliveryBench {
  private readonly files = new TempFiles();
  stores!: TempStores;
  messages!: DocumentCollection<ReminderMessageDocument>;
  private runner!: ProjectionRunner<ReminderMessageDocument>;

  async open(): Promise<this> {
    this.stores = await this.files.open();
    this.runner = new ProjectionRunner(reminderMessagesProjection, this.stores.domain, {
      batchSize: 50,
    }).start();
    this.messages = this.stores.readStore.documents<ReminderMessageDocument>('reminder_messages');
    return this;
  }

  async close(): Promise<void> {
    await this.runner.stop();
    await this.files.cleanup();
  }

  async queue(data: ReminderMessageQueuedData): Promise<ReminderMessageQueuedData> {
    const decision = expectEvents(
      decideQueueMessage(initialReminderMessageState, data, calendarDate('2026-12-07')),
    );
    await this.stores.eventStore.append(
      STREAMS.reminderMessage.of(data.messageId),
      decision.map((event) => ({
        ...event,
        metadata: {
          actor: 'system:reminders',
          agency: null,
          correlationId: 'run-1',
          causationId: null,
        },
      })),
      { expectedVersion: 'no_stream' },
    );
    return data;
  }

  /** Waits until the read model holds everything in the log. */
  async caughtUp(): Promise<void> {
    await this.runner.waitFor(await this.stores.eventStore.headPosition());
  }

  /** One worker call on an up-to-date read model, then the read model brought up to date. */
  async deliver(
    deps: Omit<DeliveryDeps, 'eventStore' | 'messages' | 'email'>,
    now: Date,
  ): Promise<DeliverySummary> {
    await this.caughtUp();
    const summary = await deliverDueMessages(
      {
        eventStore: this.stores.eventStore,
        messages: this.messages,
        email: EMAIL_SETTINGS,
        ...deps,
      },
      now,
    );
    await this.caughtUp();
    return summary;
  }

  async events(messageId: string): Promise<Array<RecordedEvent & ReminderMessageEvent>> {
    const events = await readDomainEvents(this.stores.eventStore).readStream(
      STREAMS.reminderMessage.of(messageId),
    );
    return events.filter(isReminderMessageEvent);
  }

  async doc(messageId: string): Promise<ReminderMessageDocument> {
    const doc = await this.messages.get(messageId);
    if (doc === null) throw new Error(`no document for ${messageId}`);
    return doc;
  }
}

/** A loopback TCP relay to host:port that a test closes (connections refused) and reopens. */
export class TcpRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<this> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface GatewayRequest {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** An SMS gateway on loopback: answers each request with the next scripted status (then 200). */
export class GatewayServer {
  readonly received: GatewayRequest[] = [];
  private readonly statuses: number[] = [];
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = this.statuses.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(status === 200 ? 'accepted' : 'gateway busy');
    });
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
    return this;
  }

  answers(...statuses: number[]): this {
    this.statuses.push(...statuses);
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
