/**
 * How the log travels on Kafka. An event message carries the whole StoredEvent as its value, so
 * a consumer folds exactly what a store-driven runner folds (hash included, so it can be
 * verified); its key is the stream id, so the default partitioner keeps a stream in one
 * partition and the partition keeps its events in log order. The headers repeat what a consumer
 * or an operator filters on without parsing the value.
 *
 * A watermark message (no key, one per partition, sent by the relay after each batch) says:
 * every event of this partition up to `chidao-position` came before me. It is what tells a
 * consumer that a partition which got no event of a batch is complete up to that position.
 */
import { withoutCredentials, type StoredEvent } from '@chidao/event-store';
import type { IHeaders, Message } from 'kafkajs';

export const HEADER = {
  kind: 'chidao-kind',
  type: 'chidao-type',
  position: 'chidao-position',
  streamVersion: 'chidao-stream-version',
  schemaVersion: 'chidao-schema-version',
  recordedAt: 'chidao-recorded-at',
} as const;

export type RelayMessage =
  | { readonly kind: 'event'; readonly event: StoredEvent }
  | { readonly kind: 'watermark'; readonly position: number };

/** What a consumer hands to decodeMessage: kafkajs' KafkaMessage has these fields. */
export interface ReceivedMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
}

/** A message this code cannot read: stopping beats skipping an event of the log. */
export class MessageFormatError extends Error {
  readonly code = 'message_format';

  constructor(reason: string) {
    super(`Not a Chidao log message: ${reason}`);
    this.name = 'MessageFormatError';
  }
}

export function encodeEvent(event: StoredEvent): Message {
  // Fields listed one by one: nothing an adapter might add to the object leaks onto the wire.
  const value: StoredEvent = {
    position: event.position,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    // Old logs' password hashes do not leave the log: the topic is read by more than the log.
    data: withoutCredentials(event.data),
    metadata: event.metadata,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    hash: event.hash,
  };
  return {
    key: event.streamId,
    value: JSON.stringify(value),
    headers: {
      [HEADER.kind]: 'event',
      [HEADER.type]: event.type,
      [HEADER.position]: String(event.position),
      [HEADER.streamVersion]: String(event.streamVersion),
      [HEADER.schemaVersion]: String(event.schemaVersion),
      [HEADER.recordedAt]: event.recordedAt,
    },
  };
}

/** The watermark `position` for one partition (written there explicitly, not by key). */
export function encodeWatermark(position: number, partition: number): Message {
  return {
    key: null,
    value: JSON.stringify({ watermark: position }),
    partition,
    headers: { [HEADER.kind]: 'watermark', [HEADER.position]: String(position) },
  };
}

export function decodeMessage(message: ReceivedMessage): RelayMessage {
  const kind = header(message.headers, HEADER.kind);
  const position = positiveInteger(header(message.headers, HEADER.position), HEADER.position);
  if (kind === 'watermark') return { kind, position };
  if (kind !== 'event') throw new MessageFormatError(`${HEADER.kind} is ${kind}`);
  if (message.value === null) throw new MessageFormatError(`event ${position} has no value`);
  let event: StoredEvent;
  try {
    event = JSON.parse(message.value.toString('utf8')) as StoredEvent;
  } catch {
    throw new MessageFormatError(`event ${position} is not JSON`);
  }
  if (typeof event !== 'object' || event === null || event.position !== position) {
    throw new MessageFormatError(`the value of event ${position} is another event`);
  }
  if (typeof event.streamId !== 'string' || message.key?.toString('utf8') !== event.streamId) {
    throw new MessageFormatError(`event ${position} is keyed by another stream`);
  }
  return { kind, event };
}

function header(headers: IHeaders | undefined, name: string): string {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (value === undefined) throw new MessageFormatError(`no ${name} header`);
  return typeof value === 'string' ? value : value.toString('utf8');
}

function positiveInteger(text: string, name: string): number {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new MessageFormatError(`${name} is ${JSON.stringify(text)}`);
  }
  return value;
}
