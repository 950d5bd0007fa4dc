import type { EventMetadata } from '@chidao/event-store';
import type { ReadModelLease } from '@chidao/projections';
import type { DeliverySummary } from '../delivery';
import type { RunRemindersDeps } from '../run/run-reminders';
import type { UrgeSweepPeople } from '../run/sweep-unsent';
import { runDailyReminders, type DailyRunOutcome } from './daily-run';

/** Messages one pass sends at most: a request or a tick never waits for a whole backlog. */
export const DELIVERY_PASS = 200;

export interface ReminderTickDeps {
  /**
   * What the day's run reads, with `tasks`, `task_reminders` and the people at the log's head;
   * `urges`: whom the sweep of urges left unsent reaches (see sweep-urges.ts).
   */
  runDeps(): Promise<RunRemindersDeps & { readonly urges?: UrgeSweepPeople }>;
  /** Sends the messages due at `now` (`reminder_messages` at the log's head first), at most `limit`. */
  deliver(now: Date, limit: number): Promise<DeliverySummary>;
  /**
   * The lease when several processes may run the reminders (see sender-lease.ts): only its
   * holder ticks, renewing it while the tick lasts. Absent: this process is the only one.
   */
  readonly lease?: Pick<ReadModelLease, 'ttlMs' | 'claim' | 'release'> | null;
}

export interface ReminderTickOptions {
  readonly now: Date;
  /** The daily run's hour (HH:MM, Vietnam); null: no daily run, only the messages due. */
  readonly at: string | null;
  /** Who the log names for the run (`system:reminders`). */
  readonly metadata: EventMetadata;
  /** Messages sent at most in this tick (DELIVERY_PASS). */
  readonly deliveryLimit?: number;
}

export interface ReminderTickOutcome {
  /** The day's run: null when no daily hour is set, or another process holds the lease. */
  readonly daily: DailyRunOutcome | null;
  /** The pass over the messages due; null when another process holds the lease. */
  readonly delivery: DeliverySummary | null;
  /** Who holds the lease, when there is one. */
  readonly sender?: string;
}

/**
 * One tick of the process that sends reminders: the day's run once it is due, then the messages
 * due, retries included. With a lease, only its holder does either, the others stand by: the
 * process that queues the day's messages is the one that sends them, in the same tick. The day
 * stays claimed in the log all the same (ReminderRunStarted on a new stream): two processes that
 * both believe they hold the lease (one paused past its expiry) still never run it twice.
 */
export async function tickReminders(
  deps: ReminderTickDeps,
  options: ReminderTickOptions,
): Promise<ReminderTickOutcome> {
  const lease = deps.lease;
  if (!lease) return tickNow(deps, options);
  const claimed = await lease.claim();
  if (!claimed.held) return { daily: null, delivery: null, sender: claimed.owner };
  // A run or a pass on a slow mail server may outlast the lease: renewed while the tick lasts.
  const heartbeat = setInterval(() => void lease.claim().catch(() => undefined), lease.ttlMs / 3);
  heartbeat.unref();
  try {
    return { ...(await tickNow(deps, options)), sender: claimed.owner };
  } finally {
    clearInterval(heartbeat);
  }
}

async function tickNow(
  deps: ReminderTickDeps,
  { now, at, metadata, deliveryLimit }: ReminderTickOptions,
): Promise<ReminderTickOutcome> {
  const daily =
    at === null ? null : await runDailyReminders(await deps.runDeps(), { now, at, metadata });
  return { daily, delivery: await deps.deliver(now, deliveryLimit ?? DELIVERY_PASS) };
}
