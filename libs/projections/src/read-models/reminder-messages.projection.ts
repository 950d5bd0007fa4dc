/**
 * The `reminder_messages` read model: one document per reminder message (a person's digest by
 * one channel, or an urge) with where its delivery stands. The delivery worker reads the ones
 * waiting; the bell reads a person's in-app ones.
 */
import {
  isReminderMessageEvent,
  type ContactChannel,
  type ReminderMessageQueuedData,
} from '@chidao/domain';
import type { RecordedEvent } from '@chidao/event-store';
import { sourceOf, withSource } from '../fingerprint';
import { defineProjection } from '../projection';

export interface ReminderMessageDocument extends ReminderMessageQueuedData {
  /** When it was queued (the log's time of the ReminderMessageQueued event). */
  readonly queuedAt: string;
  readonly status: 'queued' | 'delivered' | 'given_up';
  readonly attempts: number;
  /** When the next attempt may go; null: now (queued) or never. */
  readonly nextAttemptAt: string | null;
  /** What the last failed attempt was answered. */
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  /** In the app: the day its recipient read it. */
  readonly readOn: string | null;
}

function messageIdOf(event: RecordedEvent): string | null {
  return isReminderMessageEvent(event) ? event.data.messageId : null;
}

function evolveReminderMessageDocument(
  doc: ReminderMessageDocument | null,
  event: RecordedEvent,
): ReminderMessageDocument | null {
  if (!isReminderMessageEvent(event)) return doc;
  if (event.type === 'ReminderMessageQueued') {
    return {
      ...event.data,
      queuedAt: event.recordedAt,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      deliveredAt: null,
      readOn: null,
    };
  }
  if (doc === null) return null;
  switch (event.type) {
    case 'ReminderMessageDelivered':
      return {
        ...doc,
        status: 'delivered',
        attempts: event.data.attempt,
        nextAttemptAt: null,
        deliveredAt: event.recordedAt,
      };
    case 'ReminderMessageFailed':
      return {
        ...doc,
        status: event.data.nextAttemptAt === null ? 'given_up' : 'queued',
        attempts: event.data.attempt,
        nextAttemptAt: event.data.nextAttemptAt,
        lastError: event.data.reason,
      };
    case 'ReminderMessageRead':
      return { ...doc, readOn: event.occurredOn };
  }
}

const channelOf = (d: ReminderMessageDocument): ContactChannel => d.channel;

export const reminderMessagesProjection = defineProjection<ReminderMessageDocument>({
  name: 'reminder_messages',
  version: 1,
  // Each message's events are in its own `reminder-message-<id>` stream.
  partitionedBy: 'stream',
  documents: {
    idOf: withSource((event) => messageIdOf(event), sourceOf(messageIdOf)),
    evolve: withSource(
      (doc, event) => evolveReminderMessageDocument(doc, event),
      sourceOf(evolveReminderMessageDocument),
    ),
  },
  columns: [
    { name: 'user_id', type: 'text', of: (d) => d.userId, index: true },
    { name: 'channel', type: 'text', of: withSource(channelOf, sourceOf(channelOf)), index: true },
    { name: 'status', type: 'text', of: (d) => d.status, index: true },
    { name: 'next_attempt_at', type: 'text', of: (d) => d.nextAttemptAt, index: true },
    { name: 'queued_at', type: 'text', of: (d) => d.queuedAt, index: true },
    { name: 'read_on', type: 'text', of: (d) => d.readOn },
    { name: 'run_id', type: 'text', of: (d) => d.runId, index: true },
  ],
});
