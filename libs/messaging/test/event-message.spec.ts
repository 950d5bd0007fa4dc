import {
  canonicalJson,
  computeEventHash,
  GENESIS_HASH,
  type StoredEvent,
} from '@chidao/event-store';
import {
  decodeMessage,
  encodeEvent,
  encodeWatermark,
  HEADER,
  MessageFormatError,
  type ReceivedMessage,
} from '../src/event-message';

/** A stored event as an adapter returns it, hash included. */
function storedEvent(): StoredEvent {
  const fields = {
    position: 4_217,
    streamId: 'task-T-0042',
    streamVersion: 3,
    type: 'TaskProgressReported',
    schemaVersion: 2,
    data: { taskId: 'T-0042', percent: 40, note: 'Đã hoàn thành 40% khối lượng "giai đoạn 1"' },
    metadata: {
      actor: 'user-7',
      agency: 'SO-TNMT',
      correlationId: 'corr-1',
      causationId: null,
      clientIp: '10.0.0.7',
    },
    occurredOn: '2024-05-27',
    recordedAt: '2024-05-28T02:03:04.005Z',
  };
  return { ...fields, hash: computeEventHash(fields, GENESIS_HASH) };
}

/** What a consumer receives: kafkajs hands keys, values and headers over as Buffers. */
function received(message: ReturnType<typeof encodeEvent>): ReceivedMessage {
  const buffer = (value: Buffer | string | null | undefined) =>
    value === null || value === undefined ? null : Buffer.from(value);
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    headers[name] = Buffer.from(value as string);
  }
  return { key: buffer(message.key), value: buffer(message.value), headers };
}

describe('event message codec', () => {
  it('carries the stored event byte for byte, keyed by its stream, with the headers', () => {
    const event = storedEvent();
    const message = encodeEvent(event);
    expect(message.key).toBe('task-T-0042');
    expect(message.partition).toBeUndefined(); // the partitioner places it by key
    expect(message.headers).toEqual({
      [HEADER.kind]: 'event',
      [HEADER.type]: 'TaskProgressReported',
      [HEADER.position]: '4217',
      [HEADER.streamVersion]: '3',
      [HEADER.schemaVersion]: '2',
      [HEADER.recordedAt]: '2024-05-28T02:03:04.005Z',
    });

    const decoded = decodeMessage(received(message));
    expect(decoded).toEqual({ kind: 'event', event });
    if (decoded.kind !== 'event') throw new Error('not an event');
    // Same bytes, same hash: a consumer can verify what it folds.
    expect(canonicalJson(decoded.event)).toBe(canonicalJson(event));
    const { hash, ...fields } = decoded.event;
    expect(computeEventHash(fields, GENESIS_HASH)).toBe(hash);
  });

  it('sends only the fields of a stored event', () => {
    const event = { ...storedEvent(), extra: 'adapter detail' } as StoredEvent;
    const decoded = decodeMessage(received(encodeEvent(event)));
    expect(decoded).toEqual({ kind: 'event', event: storedEvent() });
  });

  it('round-trips a watermark addressed to one partition', () => {
    const message = encodeWatermark(900, 2);
    expect(message).toMatchObject({ key: null, partition: 2 });
    expect(message.headers).toEqual({ [HEADER.kind]: 'watermark', [HEADER.position]: '900' });
    expect(decodeMessage(received(message))).toEqual({ kind: 'watermark', position: 900 });
  });

  it('refuses what it cannot read rather than skip an event', () => {
    const good = received(encodeEvent(storedEvent()));
    const headers = good.headers as Record<string, Buffer>;
    const cases: ReceivedMessage[] = [
      { ...good, headers: {} },
      { ...good, headers: { ...headers, [HEADER.kind]: Buffer.from('command') } },
      { ...good, headers: { ...headers, [HEADER.position]: Buffer.from('12x') } },
      { ...good, headers: { ...headers, [HEADER.position]: Buffer.from('0') } },
      { ...good, headers: { ...headers, [HEADER.position]: Buffer.from('4218') } },
      { ...good, value: null },
      { ...good, value: Buffer.from('{not json') },
      { ...good, key: Buffer.from('task-other') },
    ];
    for (const message of cases) {
      expect(() => decodeMessage(message)).toThrow(MessageFormatError);
    }
  });
});
