import { vietnamDateOf } from '@chidao/domain';
import { computeLogDigest, EMPTY_LOG_DIGEST, type EventStore } from '@chidao/event-store';
import type { AnchorStore } from './anchor-store.port';
import { createAnchor, GENESIS_ANCHOR_DIGEST, type Anchor } from './log-anchor';
import {
  timedLoop,
  workerOptionsOf,
  type WorkerLoop,
  type WorkerOptions,
  type WorkerStatus,
} from '@chidao/workers';

export type EnsureAnchorResult =
  /** This call took the day's anchor. */
  | { readonly status: 'created'; readonly anchor: Anchor }
  /** The day already had its anchor (an earlier call, or another process that won the race). */
  | { readonly status: 'exists'; readonly anchor: Anchor }
  /**
   * The newest anchor is for a later day than `now` (this clock is behind another process's):
   * nothing is created, since anchors only extend the chain forwards in days.
   */
  | { readonly status: 'clock_behind'; readonly anchor: Anchor };

type AnchorRefusal =
  /** The log's head is before the newest anchor's position: events were removed. */
  | 'log_behind_anchor'
  /** The positions after the newest anchor are not 1-by-1 up to the head. */
  | 'log_gap'
  /** Other processes kept extending the chain; gave up after a few rounds. */
  | 'contention';

/** The log does not look like one that may be anchored: anchoring it would vouch for damage. */
class AnchorRefusedError extends Error {
  readonly code = 'anchor_refused';

  constructor(
    readonly reason: AnchorRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'AnchorRefusedError';
  }
}

interface EnsureAnchorOptions {
  readonly batchSize?: number;
}

const MAX_ROUNDS = 5;

/**
 * The anchor of the Vietnam day of `now`, created if missing.
 *
 * Rules:
 * - At most one anchor per Vietnam calendar day. The first call on a day creates it; every later
 *   call that day (any process) returns it unchanged (`exists`).
 * - It covers the head of the log as read by that first call: `position` = head, `logDigest` =
 *   h_head, continued from the newest anchor's (position, logDigest) so only the events since
 *   then are read.
 * - `createdAt` is `now`, so its Vietnam date is `day`.
 * - Safe for several processes: the store inserts only if no anchor exists for the day and the
 *   new one extends the newest anchor, atomically. The loser of a same-day race re-reads and
 *   returns the winner's anchor; a call overtaken by another day's anchor starts over.
 * - Refuses (AnchorRefusedError) to anchor a log whose head is behind the newest anchor or that
 *   has a hole after it: those are signs of tampering that `verifyIntegrity` reports.
 */
export async function ensureDailyAnchor(
  eventStore: EventStore,
  anchors: AnchorStore,
  now: Date,
  options: EnsureAnchorOptions = {},
): Promise<EnsureAnchorResult> {
  const day = vietnamDateOf(now);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const latest = await anchors.latest();
    if (latest && latest.day === day) return { status: 'exists', anchor: latest };
    if (latest && latest.day > day) {
      const own = await anchors.forDay(day);
      return own ? { status: 'exists', anchor: own } : { status: 'clock_behind', anchor: latest };
    }

    const from = latest
      ? { position: latest.position, digest: latest.logDigest }
      : { position: 0, digest: EMPTY_LOG_DIGEST };
    const head = await eventStore.headPosition();
    if (head < from.position) {
      throw new AnchorRefusedError(
        'log_behind_anchor',
        `The log ends at ${head} but the anchor of ${latest?.day} covers up to ${from.position}`,
      );
    }
    const digest = await computeLogDigest(eventStore, head, {
      from,
      batchSize: options.batchSize,
    });
    if (!digest.contiguous || digest.position !== head) {
      throw new AnchorRefusedError(
        'log_gap',
        `Positions ${from.position + 1}..${head} are not all present (read ${digest.eventsFolded})`,
      );
    }

    const anchor = createAnchor({
      day,
      position: head,
      logDigest: digest.digest,
      previousAnchorDigest: latest?.anchorDigest ?? GENESIS_ANCHOR_DIGEST,
      createdAt: now.toISOString(),
    });
    const result = await anchors.insert(anchor);
    if (result.status === 'inserted') return { status: 'created', anchor: result.anchor };
    if (result.status === 'day_taken') return { status: 'exists', anchor: result.anchor };
    // stale: another anchor landed between our read and our insert; look again.
  }
  throw new AnchorRefusedError(
    'contention',
    `Could not anchor ${day}: the chain kept moving (${MAX_ROUNDS} rounds)`,
  );
}

// ---------------------------------------------------------------------------------------------

interface AnchorSchedulerOptions extends WorkerOptions {
  readonly eventStore: EventStore;
  readonly anchors: AnchorStore;
  readonly clock?: { now(): Date };
  /** Longest sleep between two ticks (default 15 minutes); ticks also fall due at Vietnam midnight. */
  readonly maxSleepMs?: number;
  readonly batchSize?: number;
  readonly onAnchor?: (result: EnsureAnchorResult) => void;
}

const DAY_MS = 24 * 3600 * 1000;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
/** A tick this long after Vietnam midnight, so clocks slightly behind still see the new day. */
const AFTER_MIDNIGHT_MS = 5000;

/**
 * Takes the day's anchor: once on start, then at every Vietnam midnight (and at least every
 * maxSleepMs). A failed tick (a damaged log is refused an anchor on purpose) is retried with
 * back-off, and the same refusal again and again stops the scheduler as `failed`, saying why.
 * Ticks of one scheduler never overlap; ticks of schedulers in different processes may, safely
 * (see ensureDailyAnchor).
 */
export class AnchorScheduler {
  private running: Promise<unknown> = Promise.resolve();
  private readonly clock: { now(): Date };
  private readonly loop: WorkerLoop;

  constructor(private readonly options: AnchorSchedulerOptions) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.loop = timedLoop({
      name: 'scheduler anchors',
      ...workerOptionsOf(options),
      tick: async () => {
        const result = await this.tick(this.clock.now());
        options.onAnchor?.(result);
      },
      nextDelay: () => this.nextWakeDelay(this.clock.now()),
    });
  }

  /** Ensures the anchor of `now`'s day; serialised with the other ticks of this scheduler. */
  tick(now: Date = this.clock.now()): Promise<EnsureAnchorResult> {
    const { eventStore, anchors, batchSize } = this.options;
    const run = this.running.then(() => ensureDailyAnchor(eventStore, anchors, now, { batchSize }));
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Ticks now (stop() waits for it), then wakes at each Vietnam midnight. */
  start(): this {
    this.loop.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.running;
  }

  status(): WorkerStatus {
    return this.loop.status();
  }

  /** Milliseconds from `now` to just after the next Vietnam midnight, capped at maxSleepMs. */
  nextWakeDelay(now: Date): number {
    const local = now.getTime() + VIETNAM_OFFSET_MS;
    const toMidnight = DAY_MS - (((local % DAY_MS) + DAY_MS) % DAY_MS) + AFTER_MIDNIGHT_MS;
    return Math.min(this.options.maxSleepMs ?? 15 * 60 * 1000, toMidnight);
  }
}
