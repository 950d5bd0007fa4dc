/**
 * Which process runs the reminders and sends the messages, when several could (replicas of the
 * reporting process, or an old and a new one overlapping during a rolling update): the holder of
 * a lease kept in the `reminder_sender` read model; the others stand by. Two senders could both
 * send a message before either records it; with the lease only one sends at a time, and the one
 * that queues the day's messages sends them at once. A holder that dies is replaced once its
 * lease expires, one that stops hands over at once. Like the relay's lease it saves duplicates,
 * it is not what makes the log right: the day's claim, the task's refusal of a second reminder
 * and the message's stream never record anything twice, whoever runs.
 */
import { ReadModelLease, type ReadModelStore, type WriteTarget } from '@chidao/projections';
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A read model with no columns: one document, `lease`. */
export const REMINDER_SENDER_READ_MODEL = 'reminder_sender';

/** Changes only if the layout of this read model does. */
const SENDER_FINGERPRINT = createHash('sha256').update('chidao.reminder-sender/1').digest('hex');
const SENDER_TARGET: WriteTarget = { kind: 'active', fingerprint: SENDER_FINGERPRINT };

/** Long beside a minute's tick, so a holder busy with a slow pass keeps it (heartbeat: ttl / 3). */
export const SENDER_LEASE_TTL_MS = 3 * 60_000;

/** Registers the read model if new and gives this process's lease on it. */
export async function reminderSenderLease(
  store: ReadModelStore,
  options: { readonly owner?: string; readonly ttlMs?: number; readonly now?: () => number } = {},
): Promise<ReadModelLease> {
  await store.register({ name: REMINDER_SENDER_READ_MODEL, columns: [] }, SENDER_FINGERPRINT);
  return new ReadModelLease(
    store,
    REMINDER_SENDER_READ_MODEL,
    SENDER_TARGET,
    options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    options.ttlMs ?? SENDER_LEASE_TTL_MS,
    options.now,
  );
}
