/**
 * The delivery worker: sends the reminder messages waiting in the `reminder_messages` read
 * model and records each outcome in the message's stream. The log decides, not the read model:
 * each message's stream is read before sending (a read model behind the log never resends a
 * delivered message) and the outcome is appended at the version read, so two workers record one
 * outcome. A crash between sending and recording leaves the message queued: the next call sends
 * it again, with the same Message-ID (e-mail) or idempotency key (gateway).
 */
import {
  STREAMS,
  decideDeliveryOutcome,
  evolveReminderMessage,
  initialReminderMessageState,
  isDomainError,
  isReminderMessageEvent,
  vietnamDateOf,
  type ContactChannel,
  type ReminderMessageState,
} from '@chidao/domain';
import {
  isConcurrencyError,
  readDomainEvents,
  type EventStore,
  type NewEvent,
} from '@chidao/event-store';
import type { DocumentCollection, ReminderMessageDocument } from '@chidao/projections';
import { DeliveryError, type MailSender, type ShortMessageGateway } from '../reminder.types';
import { renderReminderEmail, type ReminderEmailSettings } from './render-reminder-email';
import { DEFAULT_MAX_ATTEMPTS, nextAttemptAt } from './retry-backoff';
import { DEFAULT_SMS_MAX_LENGTH, shortMessageText } from './short-message-text';

/** Counts for the metrics endpoint; ChidaoMetrics (libs/observability) implements it. */
export interface DeliveryMetrics {
  /** A message delivered by `channel`. */
  countReminderSent(channel: ContactChannel): void;
  /** An attempt failed (retried later or given up). */
  countReminderFailed(channel: ContactChannel): void;
  /** Messages of `channel` still waiting after a run. */
  setRemindersQueued(channel: ContactChannel, count: number): void;
}

export interface DeliveryFaultInjection {
  /** Called after a message was handed to its channel, before its outcome is appended. */
  readonly afterSend?: (messageId: string) => void | Promise<void>;
}

export interface DeliveryDeps {
  readonly eventStore: EventStore;
  /** The `reminder_messages` read model: `readStore.documents('reminder_messages')`. */
  readonly messages: DocumentCollection<ReminderMessageDocument>;
  /** E-mail; none: e-mail messages wait, queued. */
  readonly mail?: MailSender | null;
  /** SMS; none: SMS messages wait, queued. */
  readonly sms?: ShortMessageGateway | null;
  readonly email: ReminderEmailSettings;
  /** Attempts before a message is given up, the first included (12). */
  readonly maxAttempts?: number;
  /** Messages read from the read model per query (100): memory holds one page. */
  readonly pageSize?: number;
  /** At most this many messages handled in one call (no limit). */
  readonly limit?: number;
  /** The longest SMS text, in characters (320). */
  readonly smsMaxLength?: number;
  readonly metrics?: DeliveryMetrics | null;
  readonly faultInjection?: DeliveryFaultInjection;
}

export interface DeliverySummary {
  readonly delivered: number;
  /** Failed attempts to be tried again later. */
  readonly failed: number;
  /** Failed for good: refused, or out of attempts. */
  readonly gaveUp: number;
  /** Queued for a channel with no sender configured. */
  readonly waiting: number;
}

const ACTOR = 'system:reminders';
const CHANNELS: readonly ContactChannel[] = ['in_app', 'email', 'sms'];

type Outcome =
  | { readonly delivered: true }
  | { readonly delivered: false; readonly reason: string; readonly retryable: boolean };

/** Sends every message due at `now` (queued, its next attempt not later), in queued order. */
export async function deliverDueMessages(deps: DeliveryDeps, now: Date): Promise<DeliverySummary> {
  const nowIso = now.toISOString();
  const ready = CHANNELS.filter((channel) => senderReady(deps, channel));
  const unready = CHANNELS.filter((channel) => !ready.includes(channel));
  const queuedBefore = deps.metrics ? await queuedByChannel(deps.messages) : null;
  const summary = { delivered: 0, failed: 0, gaveUp: 0, waiting: 0 };
  const settled = new Map<ContactChannel, number>();
  const reader = readDomainEvents(deps.eventStore);
  let handled = 0;

  // Keyset pages over (queued_at, id): appending outcomes meanwhile moves nothing in the order.
  for await (const { doc } of deps.messages.stream({
    where: { status: 'queued', channel: { in: ready } },
    keyColumn: 'queued_at',
    pageSize: deps.pageSize ?? 100,
  })) {
    if (doc.nextAttemptAt !== null && doc.nextAttemptAt > nowIso) continue;
    if (deps.limit !== undefined && handled >= deps.limit) break;
    handled += 1;

    const streamId = STREAMS.reminderMessage.of(doc.messageId);
    const events = (await reader.readStream(streamId)).filter(isReminderMessageEvent);
    const version = events.length === 0 ? 0 : events[events.length - 1].streamVersion;
    const state: ReminderMessageState = events.reduce(
      evolveReminderMessage,
      initialReminderMessageState,
    );
    // The read model was behind: delivered, given up or rescheduled since.
    if (state.status !== 'queued') continue;
    if (state.nextAttemptAt !== null && state.nextAttemptAt > nowIso) continue;

    const outcome = await send(deps, doc);
    await deps.faultInjection?.afterSend?.(doc.messageId);

    const attempt = state.attempts + 1;
    const next =
      outcome.delivered || !outcome.retryable
        ? null
        : nextAttemptAt(attempt, now, deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const decision = decideDeliveryOutcome(
      state,
      outcome.delivered
        ? { delivered: true }
        : { delivered: false, reason: outcome.reason, nextAttemptAt: next },
      vietnamDateOf(now),
    );
    if (isDomainError(decision)) {
      if (decision.code === 'message_not_waiting') continue;
      throw new Error(`${decision.code}: ${decision.message}`);
    }
    const appended: NewEvent[] = decision.map((event) => ({
      ...event,
      metadata: { actor: ACTOR, agency: null, correlationId: doc.messageId, causationId: null },
    }));
    try {
      await deps.eventStore.append(streamId, appended, { expectedVersion: version });
    } catch (error) {
      // Another worker recorded this message's outcome first.
      if (isConcurrencyError(error)) continue;
      throw error;
    }

    if (outcome.delivered) {
      summary.delivered += 1;
      deps.metrics?.countReminderSent(doc.channel);
    } else {
      if (next === null) summary.gaveUp += 1;
      else summary.failed += 1;
      deps.metrics?.countReminderFailed(doc.channel);
    }
    if (outcome.delivered || next === null) {
      settled.set(doc.channel, (settled.get(doc.channel) ?? 0) + 1);
    }
  }

  if (unready.length > 0) {
    summary.waiting = await deps.messages.count({ status: 'queued', channel: { in: unready } });
  }
  if (deps.metrics && queuedBefore) {
    // The read model may not show this run's outcomes yet: what it counted, less what settled.
    for (const channel of CHANNELS) {
      const left = (queuedBefore.get(channel) ?? 0) - (settled.get(channel) ?? 0);
      deps.metrics.setRemindersQueued(channel, Math.max(0, left));
    }
  }
  return summary;
}

function senderReady(deps: DeliveryDeps, channel: ContactChannel): boolean {
  switch (channel) {
    case 'in_app':
      return true;
    case 'email':
      return deps.mail != null;
    case 'sms':
      return deps.sms != null;
  }
}

async function queuedByChannel(
  messages: DocumentCollection<ReminderMessageDocument>,
): Promise<Map<ContactChannel, number>> {
  const counts = new Map<ContactChannel, number>();
  for (const channel of CHANNELS) {
    counts.set(channel, await messages.count({ status: 'queued', channel }));
  }
  return counts;
}

/** Hands the message to its channel; the list in the app is the in-app message's delivery. */
async function send(deps: DeliveryDeps, doc: ReminderMessageDocument): Promise<Outcome> {
  try {
    switch (doc.channel) {
      case 'in_app':
        return { delivered: true };
      case 'email':
        if (doc.address === null) return refused('Người nhận chưa có địa chỉ thư điện tử');
        await deps.mail!.send(renderReminderEmail(doc, deps.email));
        return { delivered: true };
      case 'sms':
        if (doc.address === null) return refused('Người nhận chưa có số điện thoại');
        await deps.sms!.send({
          messageId: doc.messageId,
          to: doc.address,
          text: shortMessageText(doc.text, deps.smsMaxLength ?? DEFAULT_SMS_MAX_LENGTH),
        });
        return { delivered: true };
    }
  } catch (error) {
    if (error instanceof DeliveryError) {
      return { delivered: false, reason: error.message, retryable: error.retryable };
    }
    // Not a channel's refusal but a fault: tried again later. Its message is not recorded, since
    // nothing vouches that it holds no secret.
    const name = error instanceof Error ? error.name : typeof error;
    return { delivered: false, reason: `Lỗi không mong đợi khi gửi (${name})`, retryable: true };
  }
}

const refused = (reason: string): Outcome => ({ delivered: false, reason, retryable: false });
